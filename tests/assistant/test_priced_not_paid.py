"""'paid' that prices a thing ("free and paid material", "a paid plan") speaks of no pay for
work; 'paid' of people or of work ("paid well", "paid internships", "the highest paid
engineers") does."""

from __future__ import annotations

import pytest

from assistant.understand.lexicon import aspect_forms
from tests.assistant.conftest import dev_library


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("The course bundle includes free and paid lessons on pastry.", False),
        ("Upgrade to a paid plan to book more grooming slots.", False),
        ("Apprentice plumbers are paid well.", True),
        ("Apprentice plumbers are paid $18 an hour.", True),
        ("Most salons offer paid internships.", True),
        ("The highest paid dental hygienists work in Alaska.", True),
        ("Paid consultants earn more than staff auditors.", True),
        ("Nurses are paid by the hour.", True),
    ],
)
def test_paid_speaks_of_pay_only_for_work(text, pay):
    assert ("paid" in [w for w, _st in aspect_forms(text)]) is pay


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "priced", ["front-end-developer-handbook-2019.html"])


def test_a_price_on_learning_material_is_no_pay_cell(library):
    answer = library.ask("Which pays more, front-end or back-end?").answer
    assert "Paid material" not in answer and "paid material" not in answer, answer


def test_a_figure_with_no_word_of_pay_fills_a_sides_pay(library):
    """The handbook gives front-end pay as "somewhere between $65k and 100k", in no word of pay:
    the side's own search for its pay keeps the passage for its figure."""
    answer = library.ask("Which pays more, front-end developer or back-end developer?").answer
    assert "$65k" in answer, answer
