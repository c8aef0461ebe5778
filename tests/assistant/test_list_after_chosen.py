"""A chosen sentence brings the list the next sentence introduces when that sentence opens on
it ("After qualifying, most ... From there, common routes include:" then the routes).

Written for the test: hotel front desk work (no development article's domain), beside the
data engineering cookbook (a development PDF: "What they do is building the platforms ...
These platforms are usually used in four different ways:").
"""

from __future__ import annotations

import pytest

RECEPTION = """# Hotel Receptionist Career Guide

Hotel receptionists check guests in and out, take bookings and answer the phone at the front
desk, often on early, late and night shifts.

## Pay

Receptionists earn about 23,000 pounds a year; night shifts pay a little more.

## Where the job leads

After a year or two at the desk, most receptionists are trusted to run a shift on their own.
From there, common next steps include:

1. Front office manager, in charge of the whole desk and its rota.
2. Reservations manager, setting room prices with the revenue team.
3. Guest relations manager, looking after regular and important guests.
"""


@pytest.fixture(scope="module")
def reception(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "reception",
        ["data-engineering-cookbook-v0.4-preview.pdf"],
        written={"reception.md": RECEPTION},
    )


def test_the_list_the_next_sentence_opens_on_comes_with_the_chosen_one(reception):
    r = reception.ask("What can I do after a year or two as a hotel receptionist?")
    assert "From there, common next steps include:" in r.answer, r.answer
    assert "- Front office manager, in charge of the whole desk and its rota." in r.answer, r.answer


def test_a_development_pdfs_list_after_its_lead_in_comes_too(reception):
    r = reception.ask("What do data engineers build for data scientists?")
    assert "These platforms are usually used in four different ways:" in r.answer, r.answer
    assert "- Algorithm creation by data scientists" in r.answer, r.answer
