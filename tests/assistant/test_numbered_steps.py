"""A guide that sets out the way into a job as numbered steps, each opening on a short sentence
of its own ("1. Earn a nursing degree. ..."), answers "How do I become X?" with those opening
sentences in order, though each step is long and the steps fall in several passages. Article
written for this test (midwifery), beside development articles that number no such steps."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

MIDWIFE = """# How to Become a Midwife: Training, Pay and the Long Road In

Midwives look after women through pregnancy, labour and the first weeks with a new baby. The
road in is long, but every stage of it is paid work or funded study.

## Step by step: how to become a midwife

1. **Finish school with science.** Most midwifery courses ask for biology or chemistry at the
   end of school, and many ask for a year of care work as well. Open days at the local
   university tell you which subjects each course wants, and some run summer schools for
   students who are still deciding between nursing and midwifery.
2. **Take a midwifery degree.** The degree takes three years and half of it is spent on the
   wards, where students deliver babies under supervision from their first term. Students
   keep a record of every birth they attend, and the course sets a number to reach before
   they can qualify, along with written exams on anatomy and pharmacology.
3. **Register with the regulator.** Graduates apply to the national register, pay a yearly
   fee and declare that they are of good health and character before they can practise.
   The register is public, and employers check it before every interview they hold.
4. **Work a preceptorship year.** New midwives spend their first year on a supported
   programme, rotating between the labour ward, the birth centre and community visits.
   A named senior midwife signs off each rotation, and most trusts pay a bonus at the end.
5. **Choose a speciality.** After a few years, midwives move into areas such as high-risk
   births, teaching or research, often with a master's degree paid for by their employer.

## Pay

Newly qualified midwives earn about $58,000 a year, and senior midwives earn $80,000.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "steps",
        ["datatalksclub-data-team-roles-explained.md"],
        {"how-to-become-a-midwife.md": MIDWIFE},
    )


def test_how_to_become_takes_the_numbered_steps_opening_sentences_in_order(library):
    r = library.ask("How do I become a midwife?")
    assert "sets out the steps" in r.answer, r.answer
    want = [
        "1. Finish school with science.",
        "2. Take a midwifery degree.",
        "3. Register with the regulator.",
        "4. Work a preceptorship year.",
        "5. Choose a speciality.",
    ]
    at = [r.answer.find(w) for w in want]
    assert -1 not in at and at == sorted(at), r.answer


def test_a_question_asking_something_else_of_the_role_is_not_answered_with_the_steps(library):
    r = library.ask("How much does a midwife earn?")
    assert "sets out the steps" not in r.answer and "$58,000" in r.answer, r.answer
    r = library.ask("Is becoming a midwife worth it?")
    assert "sets out the steps" not in r.answer, r.answer


def test_a_development_article_with_no_such_steps_answers_as_before(library):
    r = library.ask("How do I become a data engineer?")
    assert "sets out the steps" not in r.answer, r.answer
