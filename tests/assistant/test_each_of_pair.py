"""A question pointing at an article's pair without naming it ("the pros and cons of each
path", "both roles", "each of the two jobs") compares that pair, as "Which of the two pays
more?" does."""

from __future__ import annotations

import pytest

from assistant.understand.query import detect_comparison
from assistant.understand.roles import RoleBook
from tests.assistant.conftest import dev_library

# Made up for this test: a wine bar, not a dev article's field.
BAR = """# Sommelier vs Bartender: Which Path Suits You?

## Sommelier

A sommelier builds the wine list, pairs bottles with dishes and trains the floor staff.
Pros: tastings, travel to vineyards and a respected title. Cons: long exams and late nights.

## Bartender

A bartender mixes drinks, runs the bar and keeps regulars coming back.
Pros: quick to start and lively shifts. Cons: standing all night and weekend work.
"""

PAIR = ["sommelier", "bartender"]


@pytest.mark.parametrize(
    "question",
    [
        "What are the pros and cons of each path?",
        "pros and cons of the two paths",
        "what are the upsides of both roles",
        "What does each of the two jobs involve?",
    ],
)
def test_a_pair_pointed_at_is_compared(question):
    comparison, named = detect_comparison(question, RoleBook(PAIR), PAIR)
    assert comparison is not None and comparison.sides == PAIR, question
    assert named == []


def test_a_question_not_pointing_at_the_pair_is_no_comparison():
    book = RoleBook(PAIR)
    assert detect_comparison("What are the pros of the job?", book, PAIR)[0] is None
    assert detect_comparison("What does each shift involve?", book, PAIR)[0] is None


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "each-of-pair", [], written={"bar.md": BAR})


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("What are the pros and cons of each path?", ("Sommelier", "Bartender")),
        ("How much does each role pay?", ("AI Engineer", "Machine Learning Engineer")),
    ],
)
def test_each_side_of_the_pair_has_its_column(library, question, sides):
    result = library.ask(question)
    assert not result.abstained, result.answer
    header = next(line for line in result.answer.splitlines() if line.startswith("| Aspect"))
    assert all(side in header for side in sides), result.answer
