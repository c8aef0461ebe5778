""" "AIEs" for "AI engineers", "HRMs" for "HR managers": a job title opening with an
abbreviation goes by that abbreviation's letters and the initials of its other words, as a
title of whole words goes by its initials ("MLE" for "machine learning engineer").

Written for the test: a hotel article (no development article's domain); and the seed article,
asked the same way.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from tests.assistant.conftest import dev_library

HOTEL = """# HR Manager or Front Office Manager?

## What an HR Manager does

An HR manager hires the hotel's staff, runs payroll and settles disputes between departments.
HR managers earn about $72,000 a year.

## What a Front Office Manager does

A front office manager runs the reception desk, the night audit and the guest complaints.
Front office managers earn about $58,000 a year.
"""

SHARED = """# HR Manager or HR Mentor?

An HR manager hires the staff. An HR mentor coaches new recruiters through their first year.
"""


def _library(text: str) -> Library:
    return Library.build([text], [{"source": "/a/hotel.md", "title": "Hotel", "section": ""}])


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("How much do HRMs earn?", "hr managers"),
        ("What does an HRM do all day?", "hr manager"),
    ],
)
def test_an_abbreviation_led_title_goes_by_its_letters(question, role):
    query = understand(question, [], _library(HOTEL))
    assert role in [r.lower() for r in query.roles], query


def test_letters_two_titles_share_name_neither():
    # "HRM" may be the HR manager or the HR mentor: it is left as written
    assert "HRM" in _library(SHARED).expand_abbreviations("What does an HRM do?")


@pytest.fixture(scope="module")
def hotel(tmp_path_factory):
    return dev_library(tmp_path_factory, "initialled", [], written={"hotel.md": HOTEL})


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("How much do HRMs earn?", "$72,000"),
        # the seed article, asked the same way
        ("Compare compensation for AIEs vs MLEs", "| Pay |"),
        ("how much do AIEs make", "$140,000"),
    ],
)
def test_a_question_naming_a_title_by_its_letters_is_answered(hotel, question, told):
    result = hotel.ask(question)
    assert not result.abstained, result.answer
    assert told in result.answer, result.answer
