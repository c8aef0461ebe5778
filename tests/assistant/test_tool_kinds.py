"""A question for a kind of thing one works with ("What programming languages does X need?") is
met by a passage on what the role works with, whatever word it uses ("Core tools",
"Programming: R, Python"): languages are among the lexicon's kinds of tool."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

BIOINFO = """# Bioinformatician vs Lab Technician

## Skills you need

| Skill | Bioinformatician | Lab technician |
|---|---|---|
| Core tools | Galaxy, BLAST, a Linux shell | Pipettes, centrifuges, PCR machines |
| Programming | R and Python for sequence analysis | Rarely any |

Both roles need care with sample records.

## Pay

Bioinformaticians earn a median of about $92,000; lab technicians about $58,000.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    # beside an article with no programming at all, so that nothing else speaks of languages
    return dev_library(
        tmp_path_factory,
        "tool-kinds",
        ["18f-a-day-in-the-life-of-an-18f-engineer.md"],
        written={"bioinformatician-vs-lab-technician.md": BIOINFO},
    )


def test_languages_are_met_by_what_the_role_works_with(library):
    result = library.ask("What programming languages does a bioinformatician need?")
    assert not result.abstained, result.answer
    assert "R and Python" in result.answer


def test_an_article_with_no_programming_is_still_no_answer_on_it(library):
    result = library.ask("What programming languages does an 18F engineer use?")
    assert result.abstained, result.answer


@pytest.fixture(scope="module")
def data_roles(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "tool-kinds-dtc", ["datatalksclub-data-team-roles-explained.md"]
    )


def test_a_dev_article_lists_the_languages_it_names(data_roles):
    result = data_roles.ask("What programming languages does a data scientist use?")
    assert not result.abstained, result.answer
    assert "Python" in result.answer
