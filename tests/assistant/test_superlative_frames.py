"""Superlatives that frame a question rather than name its topic: "What's the biggest
difference between X and Y?" asks for the difference (how big is no topic), and "What is the
best paid career in these articles?" ranks the library's roles as "Which ... pays best?" does
(issue 9)."""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from knowledge.settings import REPO_ROOT

SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"

TRADES = """# Plumber vs Electrician: Which Trade Pays More?

Plumbers earned a median of $61,550. Electricians earned a median of $61,590.
"""
WARD = """# Ward Nurse vs Health Visitor

Ward nurses earn about $70,000. Health visitors earn about $75,000.
"""


@pytest.fixture(scope="module")
def library() -> Library:
    seed = SEED.read_text(encoding="utf-8")
    texts = [TRADES, WARD, seed]
    return Library.build(
        texts,
        [
            {"source": f"/{i}.md", "title": t.splitlines()[0].lstrip("# "), "section": ""}
            for i, t in enumerate(texts)
        ],
    )


@pytest.mark.parametrize(
    "question",
    [
        "What's the biggest difference between plumbers and electricians?",
        "What is the most important difference between plumbers and electricians?",
        "What's the key difference between AI engineers and ML engineers?",
        "What is the main difference between AI engineers and ML engineers?",
    ],
)
def test_how_big_a_difference_is_no_topic_of_the_comparison(library, question):
    query = understand(question, [], library)
    assert query.comparison is not None, query
    assert query.comparison.aspect == "", query.comparison


@pytest.mark.parametrize(
    ("question", "ranking"),
    [
        ("What is the best paid career in these articles?", True),
        ("What's the highest paying job in the library?", True),
        ("Which job pays best?", True),
        # one role asked: no ranking of the library's roles
        ("What is the highest salary for plumbers?", False),
    ],
)
def test_what_is_the_best_ranks_the_roles_as_which_does(library, question, ranking):
    assert understand(question, [], library).ranking is ranking


@pytest.mark.parametrize(
    "question",
    ["What's the highest paying job in the library?", "Which is the best-paying trade here?"],
)
def test_a_paying_adjective_asks_for_an_amount(library, question):
    assert understand(question, [], library).wants == "amount"
