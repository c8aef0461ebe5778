"""A question about where an article's figures come from, or about what the article itself
uses, is answered from the passage that names the source: the verb before a stranded preposition
("... come from?") is no part of the subject, and the verb given to the text ("the data the
article uses") is no topic a passage must meet."""

from __future__ import annotations

import pytest

from assistant.evidence import topic_words
from assistant.understand.sides import subject_phrase
from tests.assistant.conftest import dev_library

VET = """---
title: "Veterinary Technician or Veterinary Assistant? Pay, Training and Daily Work"
author: Dana Whitfield
date: 2024-03-02
---

# Veterinary Technician or Veterinary Assistant? Pay, Training and Daily Work

Both jobs keep an animal clinic running, but they differ in training, duties and pay.

## What a veterinary technician does

A veterinary technician takes blood samples, prepares animals for surgery, monitors anaesthesia and takes radiographs. Technicians need a two-year accredited associate degree and must pass the national licensing exam.

## What a veterinary assistant does

A veterinary assistant feeds and bathes animals, cleans kennels and restrains patients during exams. Most assistants learn on the job after high school.

## Pay

According to the Regional Animal Care Wage Census, veterinary technicians earn a median of $41,000 a year, while veterinary assistants earn a median of $32,500. The census surveyed 1,200 clinics in 2023.

## Which should you choose?

If you want hands-on medical work and can commit to two years of school, the technician route pays more. If you want to start quickly and find out whether clinic life suits you, begin as an assistant.
"""


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "figure-sources",
        ["18f-a-day-in-the-life-of-an-18f-engineer.md"],
        written={"vet-tech-vs-assistant.md": VET},
    )


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Where do the wage numbers come from?", "wage numbers"),
        ("Who do veterinary assistants report to?", "veterinary assistants"),
        ("What do data engineers work on?", "data engineers"),
        # no stranded preposition: the phrase is left as it was
        ("What do nurses do?", "nurses"),
        ("Do ML engineers need a PhD?", "ML engineers"),
    ],
)
def test_the_verb_before_a_stranded_preposition_is_no_subject(question, phrase):
    assert subject_phrase(question, acting=True) == phrase


def test_the_verb_given_to_the_text_is_no_topic():
    assert "uses" not in topic_words("Who publishes the compensation data the article uses?")
    assert "rely" not in topic_words("Which survey does the guide rely on?")
    assert "use" in topic_words("Which tools does a veterinary technician use daily?")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Where do the wage numbers come from?", "Wage Census"),
        ("Who publishes the compensation data the article uses?", "Levels.fyi"),
        ("Where do the salary figures come from?", "Levels.fyi"),
        ("Where do the Spanish speaker estimates come from?", "Census estimates"),
    ],
)
def test_where_figures_come_from_is_answered(clinic, question, said):
    result = clinic.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer, result.answer
