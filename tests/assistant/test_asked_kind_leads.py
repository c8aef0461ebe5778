"""The kind of answer a question asks for leads the answer: "How long ...?" opens with the span
of time, "How much ...?" with the figure, wherever the sentence giving it ranks (issue 9)."""

from __future__ import annotations

import re

import pytest

from assistant import extractive
from assistant.evidence import Sentence
from tests.assistant.conftest import dev_library

CULINARY = """# Culinary School vs Learning on the Line

## Culinary school

Culinary school students learn knife skills, sanitation, pastry basics and menu costing from
chefs who teach full time, and most programs place students in a restaurant kitchen for a term.
Culinary school costs between $15,000 and $40,000, which many cooks pay back for years.
A culinary school program usually takes two years.

## Learning on the line

Line cooks who learn on the job start as prep cooks and move up station by station.
"""


def _sentence(text: str, score: float, position: int) -> Sentence:
    return Sentence(
        text=text, score=score, passage=0, position=position, lexical=score, dense=score
    )


def test_a_chosen_sentence_giving_the_kind_asked_for_comes_first_when_asked():
    pool = [
        _sentence("Culinary school costs a lot, which many cooks pay back for years.", 0.9, 0),
        _sentence("A culinary school program usually takes two years.", 0.7, 1),
    ]
    wants = re.compile(r"\btwo years\b").search
    led = extractive.select(pool, wants=wants, lead_wanted=True)
    assert led[0].text == pool[1].text
    # not asked for itself ("Why does it take so long?"): the best sentence leads
    assert extractive.select(pool, wants=wants)[0].text == pool[0].text


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "leads",
        ["flogs-cs-degree-vs-bootcamp-vs-self-taught.txt"],
        written={"culinary.md": CULINARY},
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("How long is culinary school?", "A culinary school program usually takes two years."),
        # a dev article: the span, not "Bootcamps cost thousands of dollars", first
        ("How long is a coding bootcamp?", "Concise: Bootcamps fit a condensed version"),
    ],
)
def test_a_how_long_question_opens_with_the_span(library, question, opening):
    result = library.ask(question)
    assert result.answer.startswith(opening), result.answer


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory):
    return dev_library(tmp_path_factory, "leads-seed", [])


def _asked_after(assistant, history, question):
    turns = []
    for asked in history:
        turns += [
            {"role": "user", "content": asked},
            {"role": "assistant", "content": assistant.ask(asked, turns).answer},
        ]
    return assistant.ask(question, turns).answer


def test_a_kind_carried_from_an_earlier_question_does_not_lead(seed_only, library):
    # the seed article: advice asked after a pay question opens with the advice, no figure
    answer = _asked_after(
        seed_only,
        ["Which pays more?", "why?"],
        "so which one should I choose if I come from software?",
    )
    assert not re.search(r"\$\s?\d", answer.split("[1]")[0]), answer
    assert "software engineering background" in answer.split("[1]")[0], answer
    answer = _asked_after(
        library,
        ["How much does culinary school cost?"],
        "so should I go, if I already cook at home?",
    )
    assert not re.search(r"\$\s?\d", answer.split("[1]")[0]), answer
