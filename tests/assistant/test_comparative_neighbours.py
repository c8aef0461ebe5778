"""A comparison's topic words find their close words ("growing" finds "growth"), but the
comparative asking which way the sides differ ("faster") does not: its close words ("quick")
would make "ship products quickly" a verdict on how fast a role grows."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made up for this test: a coffee bar, not a dev article's field.
CAFE = """# Barista vs Sommelier: Which Path Suits You?

## What a barista does

A barista pulls espresso, steams milk and keeps the queue moving through the morning rush.
Barista jobs are growing as new cafés open in every town.

## What a sommelier does

A sommelier builds the wine list and pairs bottles with each course for the guests.

## Choosing the right path

If you want to start work quickly and learn on the job, the barista track is more accessible
and still pays a steady wage. If you love wine regions and tasting, the sommelier path offers
depth and a respected title.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "comparative-neighbours", [], written={"cafe.md": CAFE})


@pytest.mark.parametrize(
    "question",
    [
        "Which job is growing faster, barista or sommelier?",
        "Which is growing faster, AI engineering or ML engineering?",
    ],
)
def test_a_verdict_on_growth_is_no_advice_on_starting_quickly(library, question):
    result = library.ask(question)
    verdicts = [line for line in result.answer.splitlines() if line.startswith("**Verdict")]
    assert not any("quickly" in line for line in verdicts), result.answer
