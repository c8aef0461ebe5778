"""'Who is Dan Na?' of an interview titled with its person's name: the sentence introducing
them ("I'm a night charge nurse at Lakeview General.") answers, from their own article."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

INTERVIEW = """---
title: "Keisha Obi - Night Charge Nurse at Lakeview General"
---

Story recorded in May 2024. Learn more about Keisha on her blog.

## Tell us about your current role

I'm a night charge nurse at Lakeview General. I run a 32-bed medical ward with six nurses on
each shift, and I cover admissions from the emergency department after midnight.

## Who shaped how you lead?

I worked for years beside Keith Obrien, who ran the day shift, and learned how to hand over a
ward calmly. I also read a lot about clinical leadership.

## What does a typical night look like?

Handover starts at 7 p.m. Then I round on every patient, check the drug charts and plan the
breaks so the ward is never short.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "whois",
        ["staffeng-dan-na-staff-engineer-and-team-lead.html"],
        written={"keisha-obi-night-charge-nurse.md": INTERVIEW},
    )


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Who is Keisha Obi?", "I'm a night charge nurse at Lakeview General."),
        ("Where does Keisha Obi work?", "I'm a night charge nurse at Lakeview General."),
        ("Who is Dan Na?", "I’m a Staff Engineer at Squarespace."),
    ],
)
def test_who_a_named_person_is(library, question, lead):
    answer = library.ask(question).answer
    assert answer.startswith(lead), answer
