"""A side written as an owner ("a sous chef's job", "a pastry chef's") is the side, not a
topic of the comparison: no "Chef's" row."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

SOUS = """# The Sous Chef Handbook

A sous chef runs the kitchen line when the head chef is away.

## Money

A sous chef in a city hotel takes home somewhere between $48k and $60k.
"""

PASTRY = """# Pastry Chef Careers

A pastry chef makes the breads, cakes and desserts of a restaurant.

## Salary

Pastry chefs earn a median salary of $45,000 a year.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "possessive-sides",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"sous-chef.md": SOUS, "pastry-chef.md": PASTRY},
    )


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("How is a sous chef's job different from a pastry chef's?", "Chef's"),
        ("How is a data engineer's job different from a data scientist's?", "Scientist's"),
    ],
)
def test_an_owning_side_is_no_row(library, question, owner):
    answer = library.ask(question).answer
    assert "| Aspect |" in answer, answer
    assert f"| {owner} |" not in answer and f"| {owner.lower()} |" not in answer, answer
