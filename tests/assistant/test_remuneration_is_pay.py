""" "remuneration" is pay, in the career lexicon: "What remuneration can a staff nurse expect?"
asks what "How much does a staff nurse earn?" asks, and is not declined for a word no article
writes.

Written for the test: a hospital nursing article (no development article's domain); and the
seed article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from assistant.understand.lexicon import aspect_named
from knowledge.text import stem, words
from tests.assistant.conftest import dev_library

WARDS = """# Staff Nurse or Travel Nurse?

## What a staff nurse does

A staff nurse works on one hospital ward, takes handover at the start of each shift and keeps
the care plans of the same patients for weeks.

## What a travel nurse does

A travel nurse takes thirteen-week contracts at hospitals short of staff and learns a new ward
every few months.

## Pay

Staff nurses earn a median of $81,000 a year. Travel nurses earn about $104,000 a year,
including a housing stipend.
"""


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.build([WARDS], [{"source": "/a/wards.md", "title": "Wards", "section": ""}])


def test_a_comparison_of_remuneration_is_one_of_pay(lib):
    query = understand("Compare the remuneration of staff nurses and travel nurses", [], lib)
    assert query.comparison is not None
    named = aspect_named({stem(w) for w in words(query.comparison.aspect)})
    assert named and named[0].name == "Pay", query.comparison


@pytest.fixture(scope="module")
def wards(tmp_path_factory):
    return dev_library(tmp_path_factory, "remuneration", [], written={"wards.md": WARDS})


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("What remuneration can a staff nurse expect?", "$81,000"),
        ("Are travel nurses well remunerated?", "$104,000"),
        # the seed article, asked the same way
        ("What remuneration can an AI engineer expect?", "$140,000"),
    ],
)
def test_remuneration_is_answered_with_the_pay_figure(wards, question, told):
    result = wards.ask(question)
    assert not result.abstained, result.answer
    assert told in result.answer, result.answer
