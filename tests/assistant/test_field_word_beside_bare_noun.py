"""A side named by its field's word ("Choose electrical work if ...", of "Plumber or
Electrician?") is that side though the sentence writes a bare role noun as a verb ("an
apprenticeship that leads to a master license"): a bare noun names no one, so it does not stop
the field word being read."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

TRADES = """# Plumber or Electrician? Choosing a Building Trade

## What plumbers do

Plumbers install and repair pipes, fixtures and water heaters in homes and businesses.

## What electricians do

Electricians wire buildings, install panels and lighting, and trace faults with meters.

## Which trade fits you?

Choose plumbing if you like hands-on problem solving, do not mind crawl spaces and want steady
call-out work. Choose electrical work if you enjoy math, circuits and code books, and want a
four-year apprenticeship that leads to a master license.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    # the staff engineer article makes "lead" a role noun the library knows ("team lead")
    return dev_library(
        tmp_path_factory,
        "fieldword",
        ["staffeng-dan-na-staff-engineer-and-team-lead.html"],
        written={"trades.md": TRADES},
    )


def test_a_field_word_names_its_side_beside_a_bare_role_noun(library):
    result = library.ask("I enjoy math and circuits. Should I become a plumber or an electrician?")
    assert "Choose electrical work if you enjoy math" in result["answer"]
