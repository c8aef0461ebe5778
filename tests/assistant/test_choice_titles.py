"""A title offering a choice of two jobs ("Sommelier or Bar Manager? ...", "Should You Become
a Baker or a Pastry Chef?", "From Line Cook to Sous Chef") sets those two roles side by side,
as "X vs Y" does: a comparison asked of that article with no roles named compares them, and
an article of the library is chosen for "which path" by what it writes. "Bigger or Smaller?"
offers no jobs.

Written for the test: restaurants and bakeries (no development article's domain); beside the
seed, whose "X vs Y" title keeps its pair.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from assistant.understand.vocabulary import pair_in_title, sets_two_side_by_side
from knowledge.settings import REPO_ROOT

SEED_TITLE = next(
    line
    for line in (REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt")
    .read_text()
    .splitlines()
    if line.strip()
)

ARTICLES = [
    (
        "Sommelier or Bar Manager? Choosing Your Path Behind the Bar",
        "Sommeliers build the wine list and earn about $58,000. Bar managers order stock and "
        "earn about $52,000. If you already work the floor as a server, the sommelier path "
        "builds on what you know.",
    ),
    (
        "Bigger or Smaller? Picking a Kitchen to Train In",
        "Big hotel kitchens rotate cooks through every station; small bistros let a cook try "
        "everything in one week.",
    ),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    docs = [text for _t, text in ARTICLES]
    metas = [
        {"source": f"/a/{i}.md", "title": t, "section": ""} for i, (t, _x) in enumerate(ARTICLES)
    ]
    return Library.build(docs, metas)


@pytest.mark.parametrize(
    ("title", "pair"),
    [
        ("Sommelier or Bar Manager? Choosing Your Path", ["Sommelier", "Bar Manager"]),
        ("Should You Become a Baker or a Pastry Chef?", ["Baker", "Pastry Chef"]),
        ("Kitchen Careers: Line Cook or Kitchen Porter?", ["Line Cook", "Kitchen Porter"]),
        ("From Line Cook to Sous Chef: Ten Years at the Pass", None),  # no person by form
        ("From Dishwasher to Restaurant Manager", ["Dishwasher", "Restaurant Manager"]),
        ("Sommelier or Bar Manager or Barista?", None),  # three options
    ],
)
def test_a_title_offering_two_jobs_sets_them_side_by_side(title, pair):
    assert pair_in_title(title) == pair
    assert sets_two_side_by_side(title) == bool(pair)


def test_the_seed_title_keeps_its_pair():
    assert sets_two_side_by_side(SEED_TITLE)
    assert len(pair_in_title(SEED_TITLE)) == 2


def test_a_comparison_asked_of_a_choice_title_article_compares_its_pair(lib):
    query = understand("Which pays more?", [], lib, scope=["/a/0.md"])
    assert query.comparison is not None
    assert [s.lower() for s in query.comparison.sides] == ["sommelier", "bar manager"]


def test_a_title_of_two_adjectives_offers_no_pair(lib):
    assert lib.title_pair("/a/1.md") is None
    assert lib.title_pair("/a/0.md") == ["Sommelier", "Bar Manager"]
