"""A pay cell that judges without a figure ("Union glaziers earn more than the median") is shown
with its side's own figure, not another trade's figure that sits in the same passage."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

GLAZIER_OR_ROOFER = """---
title: Glazier or Roofer? Which Trade Fits You
author: Dana Whitlock
date: 2024-05-02
---

# Glazier or Roofer? Which Trade Fits You

## What the work is like

Glaziers cut, fit and seal glass in windows, storefronts and curtain walls. Roofers install and
repair roofs of shingle, metal and membrane, mostly outdoors and at height.

## Pay

The Bureau of Labor Statistics reports that the median annual wage for glaziers, glass fitters
and window installers was **$50,490** in May 2023. Roofing, siding and sheet metal mechanics and
installers earned a median of **$50,970**. Apprentices usually start at around half of a
journeyman's rate.

Union glaziers in large cities often earn considerably more than the national median, and both
trades offer overtime. Roofers see their busiest months in late spring and summer.
"""

SCAFFOLDER = """Scaffolder pay and progression

Scaffolders put up and take down the temporary structures other trades work from.

Pay

A newly qualified scaffolder on a union card earns around 19 pounds an hour, or about 38,000
pounds a year for a standard week.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "figurebeside",
        [],
        written={"glazier-or-roofer.md": GLAZIER_OR_ROOFER, "scaffolder-pay.txt": SCAFFOLDER},
    )


def test_a_judging_pay_cell_shows_its_own_sides_figure(library):
    answer = library.ask("Who earns more, a glazier or a scaffolder?").answer
    row = next(line for line in answer.splitlines() if line.startswith("| Pay"))
    glazier_cell = row.split("|")[2]
    assert "$50,970" not in glazier_cell, row  # the roofers' figure
    assert "$50,490" in glazier_cell or "Union glaziers" not in glazier_cell, row
