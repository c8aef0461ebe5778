"""A role to become is met by a role the library names or a word it writes as people, not by the
same word in another sense ("become a pilot" where only "a pilot program" is written)."""

from __future__ import annotations

import pytest

from assistant.understand.sides import become_phrase
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
        [
            "gitlab-handbook-engineering-career-development.md",
            "cds-so-what-exactly-is-a-product-manager.md",
        ],  # "an internship pilot program"
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


@pytest.mark.parametrize(
    "question",
    [
        "I work in a cafe now but want to become a baker eventually. What should I do?",
        "I want to become a baker someday. Where do I start?",
        # the dev article's people ("researchers, designers, and developers")
        "I'm a developer now and want to become a designer eventually. How do I get there?",
    ],
)
def test_a_time_adverb_or_full_stop_after_the_role_is_no_part_of_it(library, question):
    result = library.ask(question)
    assert not result.abstained, result.answer


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("I'd like to become a baker eventually. What should I study?", "baker"),
        ("How do I become a pastry chef later on?", "pastry chef"),
        ("Can I work as a U.S. pilot?", "U.S. pilot"),  # a dot inside a word stays
        ("What does it take to become a Node.js developer?", "Node.js developer"),
    ],
)
def test_the_role_to_become_ends_at_a_sentence_or_a_time_adverb(question, role):
    assert become_phrase(question) == role
