"""A career aspect asked in its own words ("Which job is growing faster?") that the articles
answer for one side only is answered with that side's finding and the other side's gap: rows of
other aspects (pay, an overview) do not stand in for the one asked."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

HOTEL = """Front Desk Agent vs Concierge: Two Hotel Careers

By Priya Raman

Front desk agents and concierges both greet guests, but their days look different.

What a front desk agent does

A front desk agent checks guests in and out, takes payments and answers the phone. Front desk agents earn a median of $31,000 a year.

What a concierge does

A concierge books restaurant tables, theatre tickets and tours for guests. Concierges earn a median of $36,000 a year. Employment of concierges is projected to grow 9 percent over the next decade, much faster than the average for all occupations.

Which one should you pick?

If you like solving guests' problems one at a time, try the concierge desk.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "one-sided-aspect",
        ["gitlab-handbook-engineering-career-development.md"],
        written={"hotel.txt": HOTEL},
    )


@pytest.mark.parametrize(
    ("question", "said", "gap"),
    [
        (
            "Which job is growing faster, front desk agent or concierge?",
            "projected to grow 9 percent",
            "do not cover this for Front Desk Agent",
        ),
        (
            "Is a staff engineer paid the same as an engineering manager?",
            "equivalent in terms of base compensation",
            "do not cover this for Staff Engineer",
        ),
    ],
)
def test_a_one_sided_aspect_is_not_padded_with_other_rows(library, question, said, gap):
    answer = library.ask(question).answer
    assert said in answer and gap in answer, answer
    assert "| Pay |" not in answer and "| Progression |" not in answer, answer  # no padding


def test_an_aspect_both_sides_answer_keeps_its_row(library):
    answer = library.ask("Which pays more, front desk agent or concierge?").answer
    assert "| Pay |" in answer and "$31,000" in answer and "$36,000" in answer, answer


FIELD_OR_LAB = """---
title: Field Engineer vs Lab Technician
author: Noor Haddad
---

# Field Engineer vs Lab Technician

## What they do

Field engineers install and repair equipment at customer sites. Lab technicians run tests on
samples and keep the instruments calibrated.

## Pay

Field engineers earned a median of $74,000 in 2023. Lab technicians earned a median of $58,000.

## Life on the road

Field engineers often travel three weeks a month and live out of hotels during long installs.
"""


@pytest.fixture(scope="module")
def field_library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "onesidedtopic", [], written={"field-or-lab.md": FIELD_OR_LAB}
    )


def test_a_topic_of_its_own_answered_for_one_side_is_not_padded(field_library):
    """'travel' is no career-lexicon aspect: the one side's finding and the other's gap answer
    it, without Pay rows standing in for it."""
    answer = field_library.ask("Who travels more, a field engineer or a lab technician?")
    text = answer.answer
    assert "travel three weeks a month" in text, text
    assert "| Pay |" not in text, text
