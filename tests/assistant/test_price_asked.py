""" "How much does X school cost?" asks a price: a passage giving only salaries does not answer
it, one giving money beside a word of cost does ("Tuition runs $12,000").

Written for the test: barbering (no development article's domain); beside the seed, which
gives salaries and no price.
"""

from __future__ import annotations

import pytest

from .conftest import dev_library

BARBERS = """# Barber or Hairstylist?

## Pay

Barbers earned a median of $36,000 a year; hairstylists earned $35,000.

## Training

Barbers attend a barber school for 1,000 to 1,500 hours before the state exam.
"""

GROOMERS = """# Dog Groomer Career Guide

Dog groomers bathe, clip and style dogs in salons and mobile vans.

## Training

Most dog groomers learn at a grooming school, whose tuition runs about $4,000 for a
twelve-week course.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "price-asked", [], {"barbers.md": BARBERS, "groomers.md": GROOMERS}
    )


def test_a_price_no_passage_gives_is_declined(library):
    result = library.ask("How much does barber school cost?")
    assert result["abstained"], result["answer"]


def test_a_price_a_passage_gives_is_answered(library):
    result = library.ask("How much does dog groomer school cost?")
    assert not result["abstained"] and "$4,000" in result["answer"], result["answer"]


def test_the_seed_gives_no_price_but_its_salaries_are_answered(library):
    assert library.ask("How much does a machine learning degree cost?")["abstained"]
    result = library.ask("How much do senior ML engineers make?")
    assert "$245,000" in result["answer"], result["answer"]
