"""A job judged on a scale ("dangerous", "cheaper", "stressful") is met by a word for either
end of that scale ("the highest injury rates", "can be very expensive"): general English, not
the asked word alone."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

TRADES = """---
title: Roofer or Glazier?
author: Lena Brooks
---

# Roofer or Glazier?

## The work

Roofers install and repair roofs, mostly outdoors and at height. Glaziers cut and fit glass in
windows and storefronts.

## On the job

Roofers have one of the highest injury rates of any trade, mostly from falls. Glaziers are
injured less often, usually by cuts.

## Training

A roofing apprenticeship is free and paid from the first day. Glazing courses at a technical
college can be expensive, around $6,000 for the certificate.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "scales", [], written={"roofer-or-glazier.md": TRADES})


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Is roofing dangerous?", "highest injury rates"),
        ("Which is more dangerous, roofer or glazier?", "highest injury rates"),
        ("Is it cheaper to train as a roofer or a glazier?", "expensive"),
    ],
)
def test_a_scale_is_met_by_either_end(library, question, said):
    answer = library.ask(question).answer
    assert said in answer and "don't cover" not in answer, answer
