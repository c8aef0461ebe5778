"""A name the question gives must be written in the library, not merely near a stored word's
vector: word vectors put a name near words sharing its letters ("CEO" near "ceiling", "Paris"
near "parable"), and an article about one says nothing of the other. A name typed with a
letter dropped or two swapped still counts as written (issue 9)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

HOTEL = """# Concierge vs Front Desk Clerk: Which Hotel Job Suits You?

## Pay

Concierges at Lumiere Hotels earn a median of $41,000 a year; front desk clerks earn about
$31,000. The Hospitality Institute survey found tips add another tenth for concierges.

## Getting started

Most front desk clerks need two GCSEs, including English, and a week of training.
A concierge's work is like the parable of the good neighbour: you help every guest who asks.
Reporting a faulty lift quickly is part of both jobs.

## Progression

Many front desk clerks reach front office manager within five years, though some describe a
glass ceiling for those without a degree.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "names", [], written={"hotel.md": HOTEL})


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # near a stored word's vector ("ceiling", "parable"), written nowhere
        ("Who is the CEO of Lumiere Hotels?", "CEO"),
        ("What do concierges earn in Paris?", "Paris"),
        # one letter from a stored word ("faulty"), but a real word of its own
        ("Does the Faculty of Hospitality train concierges?", "Faculty"),
        # the seed article never mentions the company either
        ("What does OpenAI pay AI engineers?", "OpenAI"),
    ],
)
def test_a_name_the_library_never_writes_is_declined(library, question, name):
    result = library.ask(question)
    assert result.abstained, result.answer
    assert "never mention" in result.answer and name in result.answer, result.answer


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # a letter dropped, two letters swapped, the singular of a written plural
        ("What did the Hospitalty Institute survey find about tips?", "Hospitalty"),
        ("How much do concierges at Lumeire Hotels earn?", "Lumeire"),
        ("Which GCSE do front desk clerks need?", "GCSE"),
        # the seed article's source, typed in a hurry
        ("What does Gartnr say about AI engineers?", "Gartnr"),
    ],
)
def test_a_name_typed_with_one_slip_is_still_written(library, question, name):
    result = library.ask(question)
    assert f"never mention {name}" not in result.answer, result.answer
