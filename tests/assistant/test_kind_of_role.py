"""An answer about a kind of the bare role noun asked ("Interim Manager" for "a manager",
"veterinary technicians" for "a technician") is about that role: it is not labelled as said of
another."""

from __future__ import annotations

import pytest

from assistant.understand.roles import kind_of
from tests.assistant.conftest import dev_library


@pytest.mark.parametrize(
    ("role", "asked", "kind"),
    [
        ("veterinary technicians", "technician", True),
        ("Interim Manager", "manager", True),
        ("senior claims analyst", "analyst", True),
        ("kitchen manager", "designer", False),  # another role
        ("technician", "technician", False),  # the role itself, not a kind of it
        ("technician manager", "technician", False),  # a manager, of technicians
        ("pharmacy technician", "lab technician", False),  # named in full: no bare noun
    ],
)
def test_a_kind_of_a_bare_role(role, asked, kind):
    assert kind_of(role, asked) is kind


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "kinds", ["gitlab-handbook-engineering-career-development.md"]
    )


def test_an_interim_manager_answers_for_a_manager(library):
    answer = library.ask("How long is the interim period for a manager at GitLab?").answer
    assert "not of manager" not in answer, answer
    assert "interim period not exceeding three months" in answer, answer


@pytest.fixture(scope="module")
def day_in_the_life(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "kinds-18f", ["18f-a-day-in-the-life-of-an-18f-engineer.md"]
    )


def test_a_title_naming_the_bare_role_places_every_section(day_in_the_life):
    """ "A day in the life of an 18F Engineer" names the engineer asked about: its sections'
    sentences are the engineer's as much as its opening under the title is, so the day's own
    account leads, not the agency's mission."""
    answer = day_in_the_life.ask("What's a typical day like for an 18F engineer?").answer
    assert answer.startswith("My days at 18F start around 9:00 AM"), answer
