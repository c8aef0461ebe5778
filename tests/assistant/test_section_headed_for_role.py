"""In an article of two roles, a section headed for one of them speaks of it: a sentence there
naming only the other role ("experience as a line cook first" under "How to become a sous
chef") tells the step before the asked role, not the other role's own story."""

from __future__ import annotations

import pytest

from assistant.evidence import TermMatcher
from knowledge.schema import Passage
from tests.assistant.conftest import dev_library

KITCHEN = """# Line Cook vs Sous Chef: Pay and Promotion

## What line cooks do

Line cooks work one station, grill or saute, and cook the same dishes to the chef's spec all
night; most start as dishwashers or prep cooks.

## How to become a sous chef

Every kitchen wants experience as a line cook first, usually three to five years on the line.
You then run the pass on the chef's nights off and learn ordering and costing.
Some kitchens accept culinary school in place of part of the experience requirement.

## Pay

Line cooks earned a median of $17.42 an hour. Sous chefs earned a median of $52,000 a year.
"""

WIRING = """# Residential Electrician vs Lineworker: Which Fits You?

## Becoming a residential electrician

Most apprenticeships take four years. Licensure as a Journeyman Electrician (JE) requires 8,000
hours of work and passing a state exam.

## Becoming a lineworker

Lineworkers train in a climbing school and then in a utility's apprenticeship.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "headed",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"kitchen.md": KITCHEN, "wiring.md": WIRING},
    )


def test_the_step_before_the_asked_role_is_no_other_roles_sentence(library):
    matcher = TermMatcher(
        "How much experience do you need before becoming a sous chef?",
        library.retriever,
        library.kb.embedder,
        roles=["sous chef"],
    )
    text = "Every kitchen wants experience as a line cook first, usually three to five years."
    title = "Line Cook vs Sous Chef: Pay and Promotion"
    assert matcher.role_focus(text, _passage(title, "How to become a sous chef", text)) == 0.0
    assert matcher.role_focus(text, _passage(title, "What line cooks do", text)) == -1.0
    result = library.ask("How much experience do you need before becoming a sous chef?")
    assert "three to five years" in result["answer"]


def _passage(title: str, section: str, text: str) -> Passage:
    return Passage(
        id="p", text=text, source=title, title=title, section=section, ref_ids=[], chunk_index=0
    )


def test_a_sentence_naming_the_other_role_under_the_asked_roles_heading(library):
    """With the development library's roles: under "How to become a data engineer" of an
    article on data analysts and data engineers, "Most start as data analysts" is no other
    role's sentence; under a heading for both, or in an article not titled for both, it is."""
    matcher = TermMatcher(
        "How do you become a data engineer?",
        library.retriever,
        library.kb.embedder,
        roles=["data engineer"],
    )
    text = "Most start as data analysts and learn to build pipelines on the job."
    title = "Data Analyst vs Data Engineer: Which Path?"
    assert matcher.role_focus(text, _passage(title, "How to become a data engineer", text)) == 0.0
    both = "Data analysts and data engineers"
    assert matcher.role_focus(text, _passage(title, both, text)) == -1.0
    other = "What a Data Engineer Does All Day"
    assert matcher.role_focus(text, _passage(other, "How to become a data engineer", text)) == -1.0


def test_a_licence_of_the_asked_roles_kind_under_its_heading_is_that_role(library):
    """ "Licensure as a Journeyman Electrician (JE) requires ..." under "Becoming a residential
    electrician" of an article titled for residential electricians: the asked role by its
    licence's name, not another role; under a heading naming no role, or in an article not
    titled for it, the sentence is read as before."""
    question = "How many hours of work does a residential electrician need for licensure?"
    matcher = TermMatcher(
        question, library.retriever, library.kb.embedder, roles=["residential electrician"]
    )
    text = "Licensure as a Journeyman Electrician (JE) requires 8,000 hours of work."
    title = "Residential Electrician vs Lineworker: Which Fits You?"
    heading = "Becoming a residential electrician"
    assert matcher.role_focus(text, _passage(title, heading, text)) == 0.0
    assert matcher.role_focus(text, _passage(title, "Licensing", text)) == -1.0
    assert matcher.role_focus(text, _passage("A Guide to Trades", heading, text)) == -1.0
    assert "8,000" in library.ask(question)["answer"]
