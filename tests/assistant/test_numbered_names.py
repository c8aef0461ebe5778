"""A numbered name asked as written ("Band 6", "Angular 2"): the capitalised word alone is in
every sentence about any band, so the sentence naming that band answers; and "both can ..."
in an article whose title names the asked role speaks of it. A made-up NHS nursing pay
article, and the development front-end handbook's "Angular 2" and "Webpack 4"."""

from __future__ import annotations

import pytest

from assistant.evidence import asked_numbered_names
from tests.assistant.conftest import dev_library

NURSING = """---
title: "Staff Nurse vs Midwife: Two Careers on the Ward"
author: "Aisha Bello"
date: 2024-02-10
---
## Pay

In the NHS, newly qualified staff nurses and midwives both start on Band 5, which is
£29,970 to £36,483 a year. With experience, both can progress to Band 6 (£37,338 to
£44,962) as specialists and to Band 7 as ward managers or consultant midwives. Agency staff
nurses can earn more per shift, though without the NHS pension.

## Training

Staff nurses need a nursing degree; midwives need a midwifery degree. Both must register
with the Nursing and Midwifery Council.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "numbered",
        ["front-end-developer-handbook-2019.html"],
        written={"nhs-nursing-bands.md": NURSING},
    )


def test_the_numbered_names_a_question_writes():
    got = [p.pattern for p in asked_numbered_names("And what about Band 6 or Level 10?")]
    assert len(got) == 2
    (band,) = asked_numbered_names("And what about Band 6?")
    assert band.search("can move up to band 6, which pays")
    assert not band.search("Band 60 pays more") and not band.search("Band 6.5")
    # the question's own first word is capitalised whatever it is: no name
    assert asked_numbered_names("Level 3 is what?") == []


def test_a_followup_on_another_band_is_answered_by_the_sentence_naming_it(library):
    history = [
        {"role": "user", "content": "How much does a staff nurse earn?"},
        {"role": "assistant", "content": "Staff nurses start on Band 5."},
    ]
    r = library.ask("And what about Band 6?", history)
    assert "£37,338" in r.answer, r.answer


def test_a_numbered_name_in_the_handbook_is_found_as_written(library):
    """ "Angular 2" and "Webpack 4" name one version of a tool: the handbook's sentence (or
    course) naming that version answers first, not the ones naming the tool alone."""
    r = library.ask("Is Angular 2 recommended?")
    assert "Angular 2+" in r.answer, r.answer
    r = library.ask("Which course covers Webpack 4?")
    assert r.answer.startswith("Web Performance with Webpack 4"), r.answer
