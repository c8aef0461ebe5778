"""A short sentence that introduces a list ("Beyond arranging, florists need:", "The apprentice
agrees to:") is chosen with its items: a few words are enough when the list says the rest.

Written for the test: floristry (no development article's domain), beside the GitLab
development article, whose apprenticeship section has such a lead.
"""

from __future__ import annotations

import pytest

FLORIST = """# Florist Career Guide

Florists design arrangements for shops, weddings and funerals, and most start as assistants in
a local shop.

## A typical week

Skill with flowers matters less than speed in the week before Valentine's Day, when a shop
may sell ten times its usual stock. Florists with good skills in customer service win repeat
orders.

## What the job asks of you

Beyond arranging, florists need:

- a good eye for colour and shape
- the stamina to stand for long shifts in a cold room
- careful costing, so that each bouquet makes a profit
"""


@pytest.fixture(scope="module")
def florist(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "florist",
        ["gitlab-handbook-engineering-career-development.md"],
        written={"florist.md": FLORIST},
    )


def test_a_short_lead_is_chosen_with_its_list(florist):
    r = florist.ask("What do florists need?")
    assert "Beyond arranging, florists need:" in r.answer, r.answer
    assert "- the stamina to stand for long shifts in a cold room" in r.answer, r.answer


def test_a_development_articles_short_lead_brings_its_list(florist):
    r = florist.ask("What does the apprentice agree to in the GitLab apprenticeship?")
    assert r.answer.startswith("The apprentice agrees to:"), r.answer
    assert "- Dedicate a pre-determined percentage of their time" in r.answer, r.answer
