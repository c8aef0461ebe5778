"""The Overview row of a comparison naming no topic: a section where the author sets the two
sides against each other leads it, but not one filed under another career aspect by its heading
("Pay comparison and where the difference comes from"): its sentences say who earns more, not
what either side is.

A made-up trades article, plus the product-management development article, whose side-by-side
section is headed by a question naming a side ("... about product management?") and still leads
(the trades test fails on main; the product-management one guards the side's own words).
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

TRADES = """# Electrician vs Plumber: Which Trade Pays More and Why

Electrician and plumber are among the trades school leavers ask about most. Both trades are in
demand, but they call for different skills and solve different problems.

## What an Electrician Does

An electrician installs, tests and repairs the wiring of homes, shops and factories. Most days
mean reading drawings, pulling cable through walls and fitting panels to code.

## What a Plumber Does

A plumber fits and repairs the pipes, drains and water heaters of a building. A call may mean
clearing a blocked sewer line or laying copper for a new bathroom.

## Pay Comparison and Where the Difference Comes From

In comparing wages, electricians generally earn more on large commercial sites. However,
experienced plumbers who run their own business can match the highest wages in the trades.

## Choosing Between the Trades

If you like puzzles and circuits, wiring suits you; if you like hands-on repairs, pipes do.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "overview-sections",
        [
            "cds-so-what-exactly-is-a-product-manager.md",
            "datatalksclub-data-team-roles-explained.md",  # (where "PM" is spelled out)
        ],
        written={"trades.md": TRADES},
    )


def _overview(answer: str) -> str:
    return next(ln for ln in answer.splitlines() if ln.startswith("| Overview |"))


def test_a_section_a_pay_heading_files_gives_no_overview(library):
    answer = library.ask("compare electricians and plumbers", []).answer
    row = _overview(answer)
    assert "installs, tests and repairs the wiring" in row, answer
    assert "fits and repairs the pipes" in row, answer
    assert "wages" not in row, answer


def test_a_side_by_side_section_headed_with_a_sides_own_word_still_leads(library):
    """ "What is something people might get wrong about product management?": "management"
    is the side's word, no aspect (progression's "manager"), so the section where the author
    sets the PM against project management still gives the overview."""
    answer = library.ask("How does product management differ from project management?", []).answer
    row = _overview(answer)
    assert "spokesperson for the users" in row, answer
    assert "milestones and resources" in row, answer
