"""A thing asked for as keywords ("best laptop for deep learning?") must be one the articles
speak of, and speak of where the question's other words point: an article on deep learning,
not one that writes "learning" alone.

A made-up school article (laptops, learning) beside the data-science development article (deep
learning) and the seed article.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

SCHOOL = """# A week as a primary school teacher

## Planning the learning

A primary school teacher plans the learning for each week: reading groups, number work and a
project on the local river. Every pupil in year six gets a school laptop for the project, and the
teacher checks each laptop is charged before the first lesson.

## Pay

Primary school teachers in the district earn $41,000 to $58,000 a year.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "ranked-keywords",
        ["practitioners-guide-data-science-role-and-skill-tracks.html"],
        written={"school.md": SCHOOL},
    )


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # no article speaks of the thing ranked, typed without "the", though they speak of
        # the people it is for
        ("best whiteboard for primary school teachers?", "whiteboard"),
        # the school article's laptop is not where "deep learning" points
        ("best laptop for deep learning?", "laptop"),
    ],
)
def test_a_ranked_thing_no_pointed_article_speaks_of_is_declined(library, question, missing):
    result = library.ask(question)
    assert result.abstained, result.answer
    assert f"“{missing}”" in result.answer


def test_a_ranked_thing_the_pointed_article_speaks_of_is_answered(library):
    result = library.ask("best laptop for year six pupils?")
    assert not result.abstained, result.answer
    assert "school laptop" in result.answer
