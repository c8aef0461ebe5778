"""A role to become is met by a role the library names or a word it writes as people, not by the
same word in another sense ("become a pilot" where only "a pilot program" is written)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

BAKERY = """# Baker vs Pastry Chef: Which Kitchen Career Fits You?

## Training

Our pilot scheme pairs each new baker with a pastry chef for a year. Bakers start at dawn;
pastry chefs often start later and stay for the evening service.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "become",
        ["gitlab-handbook-engineering-career-development.md"],  # "an internship pilot program"
        written={"bakery.md": BAKERY},
    )


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        ("How do I become a pilot?", True),  # "pilot scheme", "pilot program": no one's job
        ("How can I become a pastry chef?", False),
        ("How do I become a baker?", False),  # "bakers": people
        ("How do I become a staff engineer?", False),  # the dev article's role
    ],
)
def test_a_role_to_become_is_a_role_or_people_the_library_writes(library, question, declined):
    result = library.ask(question)
    assert result.abstained is declined, result.answer
    if declined:
        assert "never mention pilot as a job" in result.answer
