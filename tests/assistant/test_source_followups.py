"""A follow-up asking only for a source ("Who says so?", "Says who?", "What's the source for
that?", "Where is that from?") asks where the last question's answer comes from: the pay
asked before, for the role asked before, not any sourced sentence about the role."""

from __future__ import annotations

import pytest

from assistant.understand.query import asks_a_source, source_words_only
from tests.assistant.conftest import dev_library

# Made up for this test: a dental practice, not a dev article's field.
DENTAL = """# Dental Hygienist or Dental Assistant?

## Dental hygienists

Dental hygienists clean teeth, take X-rays and teach patients how to care for their gums.
According to the Hygiene Workforce Survey, dental hygienists earn a median of $87,000 a year
(Hygiene Workforce Survey, 2025).

## Dental assistants

Dental assistants prepare instruments, keep records and hand tools to the dentist in surgery.
Dental assistants earn about $46,000 a year, the Clinic Pay Census reports (Clinic Pay
Census, 2024).

## References

Hygiene Workforce Survey. (2025). Annual hygienist pay report. https://example.org/hygiene

Clinic Pay Census. (2024). Pay in dental clinics. https://example.org/census
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "source-followups", [], written={"dental.md": DENTAL})


@pytest.mark.parametrize(
    "question",
    ["Says who?", "who says so?", "What's the source for that?", "Where is that from?"],
)
def test_source_follow_ups_are_read_as_asking_a_source(question):
    assert asks_a_source(question)
    assert not asks_a_source("What do they say about pay?")


def test_only_source_words_is_no_topic_of_its_own():
    assert source_words_only(["source"]) and source_words_only([])
    assert not source_words_only(["source", "bonus"])


def _after(library, turns: list[str]):
    history: list[dict] = []
    for question in turns[:-1]:
        answer = library.ask(question, history=history).answer
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return library.ask(turns[-1], history=history)


@pytest.mark.parametrize(
    ("turns", "source", "other"),
    [
        (
            ["How much do dental assistants make?", "who says so?"],
            "Clinic Pay Census",
            "Hygiene Workforce Survey",
        ),
        (
            [
                "What does a dental hygienist do?",
                "How much do they make?",
                "and what's the source for that?",
            ],
            "Hygiene Workforce Survey",
            "Clinic Pay Census",
        ),
        (["how much do AI engineers make?", "who says so?"], "LinkedIn", "Levels.fyi"),
        (
            ["Tell me about AI engineers", "how much do they make?", "who says so?"],
            "LinkedIn",
            "Levels.fyi",
        ),
    ],
)
def test_a_source_follow_up_gives_the_source_of_the_pay_asked_before(library, turns, source, other):
    result = _after(library, turns)
    assert not result.abstained, result.answer
    first = result.answer.split("[1]")[0]
    assert source in first and other not in first, result.answer


def test_a_title_setting_two_persons_against_each_other_names_two_roles():
    """ "Dental Hygienist or Dental Assistant?" names two roles: agent nouns the text writes in
    the plural, though neither is a role noun such as "engineer"."""
    from assistant.understand.vocabulary import learn_roles

    headings = [line.lstrip("# ") for line in DENTAL.splitlines() if line.startswith("#")]
    body = [line for line in DENTAL.splitlines() if line and not line.startswith("#")]
    book = learn_roles(headings, body, {})
    assert book.find("What does a dental hygienist do?") == ["dental hygienist"]
    assert book.find("and dental assistants?") == ["dental assistants"]
