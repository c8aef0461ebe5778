"""Roles an article names by abbreviation ("PTA vs. OTA") and spells out in the plural
("physical therapist assistants (PTAs)"): the abbreviation, its plural and its long form are one
role, so a comparison finds both sides and a question about "an OTA" is answered by sentences
about "OTAs"."""

from __future__ import annotations

import pytest

from assistant.understand.roles import role_key, role_keys
from assistant.understand.vocabulary import abbreviations
from tests.assistant.conftest import dev_library
from tests.conftest import dev_article

ARTICLE = """# PTA vs. OTA: Duties, Training and Pay

Physical therapist assistants (PTAs) and occupational therapy assistants (OTAs) both help
patients recover, but they work toward different goals.

## What PTAs do

PTAs guide patients through exercises that restore strength and movement after injuries and
surgery, and they record each patient's progress for the supervising therapist.

## What OTAs do

OTAs help patients relearn everyday tasks such as dressing, cooking and writing, and they adapt
homes and workplaces so patients can manage on their own.

## Training

PTAs complete a two-year associate degree and pass a national exam. OTAs also complete a
two-year associate degree, followed by their own certification exam.

## Pay

PTAs earn a median of $64,080 a year, while OTAs earn a median of $66,280.

## Is the work stressful?

It can be. OTAs in nursing homes often see many patients a day, and the paperwork adds up.
"""


def test_a_plural_abbreviation_is_spelled_out_in_the_singular():
    got = abbreviations([ARTICLE])
    assert got["PTA"] == "physical therapist assistant"
    assert got["OTA"] == "occupational therapy assistant"
    assert abbreviations(["User experience (UX) designers plan flows."]) == {
        "UX": "user experience"
    }


def test_a_dev_articles_abbreviations_are_read_as_before():
    text = dev_article("front-end-developer-handbook-2019.html").read_text("utf-8")
    got = abbreviations([text])
    assert got["UI"] == "user interface"
    assert got["IDE"] == "integrated development environment"
    assert "UIs" not in got and "IDES" not in got


def test_an_abbreviations_plural_is_the_same_role():
    assert role_key("OTAs") == role_key("OTA") == "ota"
    assert role_keys("PTAs") == role_keys("PTA")
    assert role_key("ops") == "ops"  # a lower-case word keeps its "s"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "abbreviated",
        ["cds-so-what-exactly-is-a-product-manager.md"],
        written={"pta-vs-ota.md": ARTICLE},
    )


def test_a_comparison_of_abbreviated_roles_has_both_sides(library):
    result = library.ask("What is the difference between a PTA and an OTA?")
    assert "| Aspect | Physical Therapist Assistant | Occupational Therapy Assistant |" in (
        result.answer
    ), result.answer
    assert "not covered" not in result.answer


def test_a_question_about_one_is_answered_by_sentences_about_them_all(library):
    result = library.ask("Is being an OTA stressful?")
    assert "nursing homes" in result.answer, result.answer
    assert "say this of" not in result.answer


def test_the_spelled_out_name_is_asked_about_too(library):
    result = library.ask("How much do physical therapist assistants make?")
    assert "$64,080" in result.answer, result.answer
    assert library.understand("How much do physical therapist assistants make?", []).roles
