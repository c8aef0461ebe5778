"""A one-role question's asked-for words are searched with the role when no passage found
writes them: the role's name can outrank the one passage that answers (issue 9)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

NURSING = """# Registered Nurse vs Nurse Practitioner: Which Path Fits You?

## What a registered nurse does

A registered nurse (RN) assesses patients, gives medication and keeps records on every shift.
Registered nurses work in hospitals, clinics, schools and care homes.

## A registered nurse's week

Registered nurses often work three twelve-hour shifts a week. Night shifts pay a little more.

## Pay for registered nurses

Registered nurses earned a median of $86,000 a year. Nurse practitioners earned about $126,000.

## What people get wrong

People think registered nurses mostly comfort patients. In fact registered nurses are deeply
technical: they run infusion pumps, read monitors and adjust ventilators.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "focus",
        [
            "cds-so-what-exactly-is-a-product-manager.md",
            "datatalksclub-data-team-roles-explained.md",
        ],
        written={"nursing.md": NURSING},
    )


def test_a_passage_writing_the_asked_for_word_of_the_role_joins_those_found(library):
    query = library.understand("Can a registered nurse be technical?", [])
    # found: passages about the role that never write "technical"
    found = [
        p
        for p in library.retriever.search("registered nurse", 8, roles=query.roles)
        if "technical" not in p.text
    ][:2]
    got = library._meeting_focus(query, found, 2, None)
    assert got[:2] == found
    assert any("deeply technical" in p.text for p in got[2:])
    # nothing is added when a passage found already writes it
    writing = [*found, *[p for p in got[2:] if "technical" in p.text]]
    assert library._meeting_focus(query, writing, 2, None) == writing


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the PM sections are outranked by passages naming "PM" more often (a dev article)
        ("Can a PM be technical?", "less technical than the rest of the team"),
        ("Can a registered nurse be technical?", "deeply technical"),
    ],
)
def test_a_one_role_question_finds_the_passage_writing_what_it_asks_for(library, question, said):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer
