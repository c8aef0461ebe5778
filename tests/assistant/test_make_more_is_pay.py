""" "Who makes more, X or Y?" asks their pay, as "How much do X make?" does; "makes more sense"
asks no pay.

Written for the test: a flower shop and a bakery (no development article's domain); and the
seed article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand

ARTICLES = [
    (
        "Florist or Baker?",
        "Florists arrange flowers for weddings and earn about $34,000 a year. Bakers start "
        "before dawn and earn about $37,000 a year.",
    ),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    docs = [text for _t, text in ARTICLES]
    metas = [{"source": "/a/f.md", "title": t, "section": ""} for t, _x in ARTICLES]
    return Library.build(docs, metas)


@pytest.mark.parametrize(
    "question",
    [
        "Who makes more, a florist or a baker?",
        "Do florists make more than bakers?",
        "Which makes the most money, florist or baker?",
    ],
)
def test_making_more_is_pay(lib, question):
    query = understand(question, [], lib)
    assert query.comparison is not None
    assert "pay" in query.comparison.aspect.split(), query.comparison


def test_making_more_sense_is_no_pay(lib):
    query = understand("Which makes more sense for a night owl, florist or baker?", [], lib)
    assert query.comparison is not None
    assert "pay" not in query.comparison.aspect.split(), query.comparison


def test_the_seeds_pair_asked_who_makes_more_gets_a_pay_row(assistant):
    result = assistant.ask("Who makes more, an AI engineer or an ML engineer?")
    assert result["comparison"], result["answer"]
    assert "| Pay |" in result["answer"], result["answer"]
