"""A figure in a sentence that names no role, in a passage that neither its heading, its lead
sentence nor its title places, belongs to the passage's roles: it is no figure of a role the
passage mentions in passing (issue 9)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

HOTEL = """# Concierge vs Front Desk Clerk: Which Hotel Job Suits You?

## What the jobs involve

Concierges book tables and tours for guests. Front desk clerks check guests in and out.
Many concierges started as event planners before moving into hotels.

## Pay

Figures are median base pay from a 2024 survey of 600 hotels:

| Level | Concierge | Front desk clerk |
|---|---|---|
| New | $34,000 | $29,000 |
| Experienced | $48,000 | $37,000 |

Concierges earn more at every level, mostly because the job asks for what event planners do
all day. Tips of $20 to $50 a night are common on top of base pay.
"""


# The library's other article names the event planner (its title), and gives no pay
PLANNER = """# Event Planner vs Wedding Coordinator: Which Suits You?

Event planners choose venues, hire caterers and keep a wedding or conference on schedule.
Wedding coordinators run the day itself. Both work weekends in the busy season.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    written = {"hotel.md": HOTEL, "planner.md": PLANNER}
    return dev_library(tmp_path_factory, "unplaced", [], written=written)


def test_a_figure_the_passage_does_not_place_is_no_pay_of_a_role_named_in_passing(library):
    result = library.ask("How much do event planners make?")
    assert result.abstained, result.answer
    assert "no figure for event planners" in result.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How much do concierges make?", "48,000"),
        ("How much does a front desk clerk earn?", "29,000"),
        ("How much do ML engineers make?", "245,000"),  # the seed article
    ],
)
def test_the_passage_s_own_roles_keep_their_figures(library, question, figure):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert figure in result.answer, result.answer
