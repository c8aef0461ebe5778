"""A first-person story's narrator is named only by its byline ("By Marisol Vega"), which leaves the
text for the article's metadata: a question naming them ("How much did Marisol earn as a waiter?")
is about that article, not about someone the library never mentions."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

WAITER = """How I Went From Waiter to Community Nurse

By Marisol Vega
Published March 2021

I waited tables for five years before I thought about nursing.

Where I started

I worked evenings at a seafood restaurant. I earned about $11 an hour plus tips, which came
to roughly $29,000 a year. My feet hurt and I could not see a future in it.

What I did to switch

I took a two-year associate degree in nursing at a community college in the evenings and
passed the licensing exam on my first try.

What I do now

I visit patients at home and check their wounds and medicines. My salary is now $71,000.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "narrator",
        ["18f-a-day-in-the-life-of-an-18f-engineer.md"],
        written={"waiter-to-nurse.txt": WAITER},
    )


def test_the_byline_leaves_the_text(story):
    result = story.ask("How did Marisol go from waiter to nurse?")
    assert not result.abstained, result.answer
    assert "By Marisol Vega" not in result.answer and "Published" not in result.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How did Marisol go from waiter to nurse?", "associate degree"),
        ("How much did Marisol earn as a waiter?", "$29,000"),
    ],
)
def test_a_question_naming_the_bylined_narrator_is_answered(story, question, said):
    result = story.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the name stands after "take", not the auxiliary; only her story answers for her
        ("How long did it take Marisol to become a nurse?", "two-year associate degree"),
        # "community nurse" is the title's, not the text's: no word is missing
        ("What did Marisol do before community nursing?", "waited tables"),
    ],
)
def test_the_narrators_own_story_answers_for_her(story, question, said):
    result = story.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer, result.answer
    assert "18F" not in result.answer


@pytest.mark.parametrize(
    "question",
    [
        # a name neither the text nor any byline writes is still no one the articles speak of
        "How did Bruno go from waiter to nurse?",
        "How much did Bruno earn as a waiter?",
    ],
)
def test_a_name_no_byline_or_text_writes_is_still_declined(story, question):
    assert story.ask(question).abstained


def test_a_narrator_the_text_names_is_answered_as_before(story):
    """The dev article's engineer introduces himself in its text ("My name is ...")."""
    result = story.ask("What does Edwin do at 18F?")
    assert not result.abstained, result.answer


def test_a_short_name_after_its_verb_is_no_clipped_word(story):
    """ "Ana" is no clipped "analyze": a title-case word right after the question's verb is
    its subject's name; a clipped word typed in lower case is still spelled out."""
    library = story.retriever.library
    assert library.expand_abbreviations("How much did Ana earn?") == "How much did Ana earn?"
    assert "engineer" in library.expand_abbreviations("How much does an AI eng make?")
