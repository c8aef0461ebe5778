"""The asker's own job ("I'm a ward clerk who ...") is no side of the choice the question asks
for ("- charge nurse or pastry chef?"): the two roles after it are compared.

Made-up ward and kitchen articles, and the data-team development article.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand

from .conftest import dev_library

WARD_AND_KITCHEN = [
    (
        "/w/ward.md",
        "Charge nurse vs ward clerk: a night on the ward",
        "Pay",
        "A charge nurse runs the shift. A ward clerk keeps the records.",
    ),
    (
        "/k/kitchen.md",
        "Pastry chef vs line cook",
        "Pay",
        "Pastry chefs earn $52,000. A line cook works the grill.",
    ),
]


def _library() -> Library:
    docs = [a[3] for a in WARD_AND_KITCHEN]
    metas = [{"source": a[0], "title": a[1], "section": a[2]} for a in WARD_AND_KITCHEN]
    return Library.build(docs, metas)


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "I'm a ward clerk who likes routines - charge nurse or pastry chef?",
            ["charge nurse", "pastry chef"],
        ),
        (
            "I am a line cook. Pastry chef or charge nurse, which suits me?",
            ["pastry chef", "charge nurse"],
        ),
    ],
)
def test_the_askers_own_job_is_no_side(question, sides):
    q = understand(question, [], _library())
    assert q.comparison is not None, q
    assert [s.lower() for s in q.comparison.sides] == sides, q


def test_a_role_named_as_a_side_too_stays_a_side():
    """ "I'm a ward clerk: ward clerk or charge nurse?": the job is also asked about."""
    q = understand("I'm a ward clerk: ward clerk or charge nurse, which pays more?", [], _library())
    assert q.comparison is not None, q
    assert [s.lower() for s in q.comparison.sides] == ["ward clerk", "charge nurse"], q


@pytest.fixture(scope="module")
def data_team(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "asker-role", ["datatalksclub-data-team-roles-explained.md"]
    )


def test_over_a_development_article(data_team):
    library = data_team.retriever.library
    q = understand(
        "I'm a data analyst who likes SQL - data engineer or data scientist?", [], library
    )
    assert q.comparison is not None, q
    sides = [s.lower() for s in q.comparison.sides]
    assert sides[0].startswith("data engineer") and sides[1].startswith("data scientist"), q
