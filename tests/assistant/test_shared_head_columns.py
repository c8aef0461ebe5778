"""A pay table's column headed by two modifiers sharing one head ("Harbour and river pilots",
as occupational statistics name a group) is the column of each: asked about harbour pilots,
its figure is their pay cell.

Written for the test: harbours (no development article's domain); beside the seed, whose own
comparison keeps both sides' figures.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

HARBOUR = """# Harbour Careers: Pilot or Controller?

## What harbour pilots do

Harbour pilots board ships at sea and steer them into port. Consider becoming a harbour pilot
if you love ships and can stay calm in fog. Most pilots first spend years as ship's officers,
earning their licences at sea.

## What vessel traffic controllers do

Vessel traffic controllers watch the radar from a tower and tell ships when to move.

## Pay

| Measure | Harbour and river pilots | Vessel traffic controllers |
|---|---|---|
| Median annual wage | $91,300 | $72,450 |
| Job growth | 3% | 1% |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "shared-head", [], {"harbour.md": HARBOUR})


def test_a_column_of_two_modifiers_sharing_a_head_is_each_ones(library):
    result = library.ask("Who earns more, a harbour pilot or a vessel traffic controller?")
    row = next(line for line in result["answer"].splitlines() if line.startswith("| Pay"))
    pilot, controller = row.split("|")[2:4]
    assert "$91,300" in pilot, result["answer"]
    assert "$72,450" in controller, result["answer"]


def test_the_seed_pair_keeps_both_figures(library):
    result = library.ask("Who earns more, an AI engineer or an ML engineer?")
    assert "$140,000" in result["answer"] and "$245,000" in result["answer"], result["answer"]
