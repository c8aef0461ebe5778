"""An abbreviation the library never writes, spelled out by a passage as a coined term ("What's
RAG?" of "a retrieval-augmented generation pipeline"), is asked of in those words: answered by
the passage, not declined as a word no passage speaks to."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

EMT = """---
title: What Paramedic Training Covers
author: Sam Iverson
---

# What Paramedic Training Covers

## The first semester

Paramedic students start with anatomy, patient assessment and cardio-pulmonary resuscitation on
manikins, then move to airway management and drug calculations.

## Clinical placements

In the second semester students ride along with an ambulance crew for at least 300 hours.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "spelled", [], written={"paramedic-training.md": EMT})


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What is CPR?", "cardio-pulmonary resuscitation"),
        ("What's RAG?", "retrieval-augmented generation"),
    ],
)
def test_an_abbreviation_a_passage_spells_out(library, question, said):
    answer = library.ask(question).answer
    assert said in answer, answer
