"""A table's row is filed by its own label, not by the heading the table sits under ("Job
growth — Florist: -2%" in the table under "Pay" is demand), and a side's demand cell gives its
growth rate where the articles give one, as its pay cell gives its figure: "Demand for florists
is falling" beside a rate leaves the reader nothing to compare.

Written for the test: flower shops and bakeries (no development article's domain); beside the
seed, whose comparison keeps its figures.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

SHOPS = """# Florist vs Baker: Which Shop Job Fits You?

## What the work is like

Florists arrange bouquets and wreaths for weddings and funerals. Bakers start before dawn,
mixing dough and baking bread for the morning rush.

## Demand

Demand for florists is falling as supermarkets sell cheap bouquets; demand for bakers is
steady because every town still wants fresh bread.

## Pay

Both jobs pay modestly, but bakers earn a little more.

| Measure | Florist | Baker |
|---|---|---|
| Median pay | $34,000 | $37,000 |
| Job growth 2023-33 | -2% | 4% |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "rows-by-label", [], {"shops.md": SHOPS})


def test_a_demand_cell_gives_the_growth_rate_of_a_table_row_under_pay(library):
    result = library.ask("Which has the better job outlook, florist or baker?")
    row = next(line for line in result["answer"].splitlines() if line.startswith("| Demand"))
    florist, baker = row.split("|")[2:4]
    assert "-2%" in florist and "4%" in baker, result["answer"]


def test_the_seed_pair_keeps_its_figures(library):
    result = library.ask("Which is more in demand, an AI engineer or an ML engineer?")
    assert "$140,000" in result["answer"] and "$245,000" in result["answer"], result["answer"]
