""" "What does PM stand for?" is answered by the sentence that spells the abbreviation out
("a product manager (PM)"), or by an article writing both forms; an abbreviation no article
spells out ("18F") is declined, not answered with any sentence that happens to write it."""

from __future__ import annotations

import pytest

from assistant.understand.query import abbreviation_asked
from tests.assistant.conftest import dev_library

WARD = """# Registered Nurse or Nursing Assistant?

A registered nurse (RN) plans and gives care; a nursing assistant helps patients wash, dress
and eat.

## Training

RNs study for three years at university. Nursing assistants train for six weeks on the ward.

## On the ward

Each RN leads a bay of six patients, supported by the HCA team on every shift.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "abbreviations",
        [
            "cds-so-what-exactly-is-a-product-manager.md",
            "18f-a-day-in-the-life-of-an-18f-engineer.md",
        ],
        written={"ward.md": WARD},
    )


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What does RN stand for?", "RN"),
        ("what's HCA short for", "HCA"),
        ('What does the acronym "PM" mean?', "PM"),
        ("What does 18F stand for?", "18F"),
        ("What does agentic mean?", None),  # a meaning, no abbreviation
        ("What does an RN do?", None),
        ("What does RN stand for, and what does an RN do?", None),  # more is asked
        ("What does PM mean in this article?", "PM"),
    ],
)
def test_an_abbreviation_asked_for(question, short):
    assert abbreviation_asked(question) == short


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "What does RN stand for?",
            "RN stands for *registered nurse* in the articles: A registered nurse (RN)",
        ),
        ("What do RNs stand for?", "RN stands for *registered nurse*"),
        ("What does PM mean?", "PM stands for *product manager* in the articles:"),
        # written in both forms, never in one sentence: one sentence of each
        (
            "What does ML stand for?",
            "ML stands for *machine learning* in the articles, which write both:",
        ),
    ],
)
def test_an_abbreviation_is_answered_by_its_spelling(library, question, said):
    result = library.ask(question)
    assert not result.abstained and result.answer.startswith(said), result.answer
    assert "[1]" in result.answer


@pytest.mark.parametrize(
    ("question", "short"),
    [("What does HCA stand for?", "HCA"), ("What does 18F stand for?", "18F")],
)
def test_an_abbreviation_no_article_spells_out_is_declined(library, question, short):
    result = library.ask(question)
    assert result.abstained and f"never spell out {short}" in result.answer, result.answer
