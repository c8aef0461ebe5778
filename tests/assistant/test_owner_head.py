"""A sentence opening on the bare head of the asked role as an owner ("A biologist's week might
include ...") in an article whose title names that role is about the asked role, as "A
biologist might become ..." is, though the library knows "biologist" alone as another role.
Articles written for this test (marine science)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

MARINE = """# Marine Biologist vs Aquarium Curator: What's the Difference?

## What does a marine biologist do?

A marine biologist studies sea life in the wild, from plankton to whales, and writes up what
the surveys find.

A biologist's week might include two days at sea counting seals, a day in the lab sorting
samples and an afternoon writing grant reports.

## What does an aquarium curator do?

An aquarium curator runs the tanks of a public aquarium and plans its exhibits.
"""

LAB = """# Biologist: A Career Profile

Biologists in a university lab spend most of the year on grant applications. A lab manager
orders the supplies and keeps the freezers running.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    written = {"marine-biologist-vs-curator.md": MARINE, "university-lab.md": LAB}
    return dev_library(tmp_path_factory, "owner", [], written)


def test_the_owners_bare_head_speaks_of_the_asked_role(library):
    r = library.ask("What does a marine biologist's week look like?")
    assert "A biologist's week might include two days at sea" in r.answer, r.answer


def test_a_bare_head_owning_the_subject_leads_the_sentence():
    from assistant.evidence import _leads_with_head

    assert _leads_with_head("A biologist's week might include two days at sea.", "biologist")
    assert _leads_with_head("The curator’s job is to plan exhibits.", "curator")
    assert not _leads_with_head("A biologist's week might include two days at sea.", "curator")
    assert not _leads_with_head("Most of the week goes on fieldwork.", "biologist")
