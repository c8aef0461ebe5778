"""The names an article goes by (its file name or address, written in its text as a name:
"GitLab", "CDS") choose the article, not a sentence in it; and a lead-in that ends its passage
announcing a number of things ("... four stages of training:") is answered with the headings of
that many sections after it."""

from __future__ import annotations

import pytest

from assistant.understand.vocabulary import identity_names
from tests.assistant.conftest import dev_library

HANDBOOK = """---
title: Dispatcher Career Guide
author: Mira Castellanos
---

# Dispatcher Career Guide

## How training works

New dispatchers at Harbourline move through four stages of training:

## Shadowing

For the first month a new dispatcher sits beside a senior dispatcher at Harbourline and listens to every call.

## Supervised desk

In the second month they take calls themselves while a mentor at Harbourline listens in and can take over.

## Night rotation

Every dispatcher at Harbourline works one month of nights before certification, when call volume is low.

## Certification

At the end, a dispatcher passes a written exam and a live assessment run by the Harbourline training team.

## Pay

Harbourline pays new dispatchers $21 an hour, rising to $27 after certification.

## Moving up

After three years a dispatcher can apply to run a shift. Shift managers at Harbourline earn $34
an hour and plan the rota for their team. Openings are posted at harbourline.org/careers.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "identity",
        ["gitlab-handbook-engineering-career-development.md"],
        written={"harbourline-dispatcher-handbook.md": HANDBOOK},
    )


@pytest.mark.parametrize(
    ("source", "title", "text", "names"),
    [
        (
            "/a/harbourline-dispatcher-handbook.md",
            "Dispatcher Career Guide",
            "Dispatchers at Harbourline work nights.",
            ["harbourline"],
        ),
        # an address's words count; a lower-case word of an address in the text does not
        (
            "https://handbook.gitlab.com/handbook/engineering/",
            "Engineering",
            "At GitLab, see about.gitlab.com/handbook for the handbook.",
            ["gitlab"],
        ),
        # a file named for its topic: the text writes the words in lower case
        ("/a/night-shift-tips.txt", "Night Shift Tips", "Night shifts are hard on a nurse.", []),
        # a company the title names, written as a name
        (
            "/a/interview.html",
            "Dan Na at Squarespace",
            "I joined Squarespace in 2019.",
            ["squarespace"],
        ),
        # everyday words of a title are no name, however they are written
        ("/a/article.txt", "Article One", "Article One is about Nursing.", []),
    ],
)
def test_the_names_an_article_goes_by(source, title, text, names):
    assert identity_names(source, title, [text]) == names


@pytest.mark.parametrize(
    ("question", "lead", "items"),
    [
        (
            "What are the stages of dispatcher training at Harbourline?",
            "four stages of training:",
            ["- Shadowing", "- Supervised desk", "- Night rotation", "- Certification"],
        ),
        (
            "What are the three components of career development at GitLab?",
            "three important components of developing one's career:",
            ["- Structure", "- Individual Initiative", "- Opportunity"],
        ),
    ],
)
def test_a_counted_lead_in_brings_the_sections_it_announces(library, question, lead, items):
    answer = library.ask(question).answer
    assert lead in answer, answer
    at = answer.index(lead)
    assert all(item in answer[at:] for item in items), answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Who wrote the Harbourline handbook?", "*Dispatcher Career Guide* was written by Mira"),
        # a handbook by its company's name, not any other "handbook" or "guide"
        ("Who wrote the GitLab handbook?", "*Engineering Career Development* does not name"),
    ],
)
def test_an_article_named_by_the_name_it_goes_by(library, question, said):
    answer = library.ask(question).answer
    assert answer.startswith(said), answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the role written after the name the article goes by is that role at that place
        # (the name is also written in lower case, in an address: no mere title-case name)
        ("How do Harbourline managers plan the rota?", "plan the rota for their team"),
        ("How do GitLab engineers get promoted?", "promoted from a Senior Engineer"),
    ],
)
def test_a_role_after_the_name_an_article_goes_by(library, question, said):
    answer = library.ask(question).answer
    assert said in answer, answer
