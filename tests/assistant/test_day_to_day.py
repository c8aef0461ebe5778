""" "Day to day" names an aspect of a job, its daily work: a sentence about one day ("on your
first day") is no answer to it, and a follow-up carries the whole aspect, not the word "day"."""

from __future__ import annotations

import pytest

from assistant.understand.lexicon import aspect_forms
from assistant.understand.query import topic_of
from tests.assistant.conftest import dev_library

FLORIST_BAKER = """---
title: "Florist or Baker? Two Early-Morning Trades"
author: "Imke Vogel"
date: 2024-03-02
---

# Florist or Baker? Two Early-Morning Trades

Both trades start before sunrise, and both reward people who like working with their hands.

## Getting started

Most florists learn in a shop. On your first day a florist will hand you a bucket and a knife,
and by the end of that day you will have stripped a thousand stems. Bakers usually start as
apprentices, and on the first day bakers are shown the ovens.

## What florists do

Florists condition fresh flowers, build bouquets and arrangements to order, and deliver
wedding and funeral work. Much of the week goes to processing deliveries from the wholesale
market and keeping the cold room stocked.

## What bakers do

Bakers mix and shape dough through the night, bake bread and pastries for the morning rush, and
clean and prepare the ovens for the next shift.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "day-to-day",
        ["cds-so-what-exactly-is-a-product-manager.md"],
        written={"florist-or-baker.md": FLORIST_BAKER},
    )


def test_one_day_is_no_day_to_day_work():
    kept = {w for w, _st in aspect_forms("on your first day you strip stems, every day")}
    assert "day" in kept  # "every day"
    assert [w for w, _st in aspect_forms("on your first day")].count("day") == 0
    assert "day" in {w for w, _st in aspect_forms("A typical day starts at six.")}


def test_day_to_day_is_one_topic():
    assert topic_of("What do florists do day to day?", []) == ["florists", "day-to-day"]
    assert topic_of("What is the day-to-day like?", []) == ["day-to-day", "like"]


@pytest.mark.parametrize(
    ("turns", "said"),
    [
        (["What do florists do day to day?"], "build bouquets"),
        (["What do florists do day to day?", "And bakers?"], "mix and shape dough"),
        # a dev article: the product managers' panel
        (["What do product managers do day to day?"], "reactive tasks"),
    ],
)
def test_the_answer_is_the_daily_work_not_one_day(library, turns, said):
    history = []
    for question in turns:
        result = library.ask(question, history)
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": result.answer},
        ]
    assert said in result.answer, result.answer
    assert "first day" not in result.answer, result.answer
