""" "Which state pays welders the most?" over a table its article introduces as one of states
("Median pay for welders in the top-paying states"): the rows are the states asked about,
though the question names none of them, and the row with the top figure answers (the lowest,
for "the least"). Article written for this test (welding)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

WELDING = """# Welder Career Guide

## What welders do

Welders join metal parts in shipyards, factories and on building sites, reading blueprints
and checking every seam for cracks.

## Pay

The median pay for welders was $48,940 in 2023, and the top tenth earned more than $71,000.

Median annual pay for welders in the top-paying states, 2023:

| State | Median annual pay |
|---|---|
| Wyoming | $66,350 |
| Hawaii | $72,190 |
| North Dakota | $61,980 |
| Alaska | $77,540 |

Welders who travel to pipeline jobs earn per diem allowances on top of their pay.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "whichrow", [], {"welder-career-guide.md": WELDING})


def test_which_kind_pays_the_most_takes_the_top_row_of_the_table_of_that_kind(library):
    r = library.ask("Which state pays welders the most?")
    assert "Alaska" in r.answer, r.answer


def test_which_kind_pays_the_least_takes_the_bottom_row(library):
    r = library.ask("Which state pays welders the least?")
    assert "North Dakota" in r.answer, r.answer
