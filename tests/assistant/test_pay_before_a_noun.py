""" "the pay gap", "a pay scale": "pay" before a noun is pay. Only "paid" and "paying" before a
noun of no work price a thing ("a paid plan"); "pay" shares their stem, but not their sense.

Written for the test: a kitchen article (no development article's domain); and the seed
article, asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand.lexicon import aspect_forms
from tests.assistant.conftest import dev_library

KITCHEN = """# Head Chef or Sous Chef?

## What a head chef does

A head chef writes the menu, orders the stock and answers to the owner for the kitchen's
margins.

## What a sous chef does

A sous chef runs the pass during service and trains the line cooks.

## Money

Head chefs earn about $68,000 a year. Sous chefs earn about $52,000 a year, so the pay gap
between the two is about $16,000.
"""


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("the pay gap between them", True),
        ("a pay scale set by the union", True),
        ("a pay rise after a year", True),
        ("a paid plan with more features", False),  # a price
        ("free and paid material", False),
    ],
)
def test_pay_before_a_noun_is_pay(text, pay):
    said = {w for w, _st in aspect_forms(text)}
    assert (("pay" in said) or ("paid" in said)) is pay, said


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory):
    return dev_library(tmp_path_factory, "pay-gap", [], written={"kitchen.md": KITCHEN})


@pytest.mark.parametrize(
    "question",
    [
        "What's the pay gap between head chefs and sous chefs?",
        # the seed article, asked the same way
        "What's the pay gap between AI engineers and ML engineers?",
    ],
)
def test_a_pay_gap_is_compared_on_pay(kitchen, question):
    answer = kitchen.ask(question).answer
    rows = [line for line in answer.splitlines() if line.startswith("| ")][2:]
    assert rows and rows[0].startswith("| Pay |"), answer
