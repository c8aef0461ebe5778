""" "Will ML engineers still be paid more in 2030?": a year no article writes, nor a year next to
it, is named nowhere, however close in meaning it is to the years they do write ("2033",
"2023"); the question is declined as one about an unwritten year, not answered with another
year's figures. A year next to a written one is asked loosely ("in 2024" of 2023 figures).

Written for the test: a nursing article with BLS-style projection years (no development
article's domain); and the seed article, asked the same way.
"""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

WARD = """# Registered Nurse Outlook

Registered nurses earned a median of $86,070 in 2023. Employment of registered nurses is
projected to grow 6 percent from 2023 to 2033, faster than the average for all occupations.
"""


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    return dev_library(tmp_path_factory, "unwritten-year", [], written={"ward.md": WARD})


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Will registered nurses earn more in 2030?", "2030"),
        ("What will registered nurses earn in 2031?", "2031"),
        # the seed article, asked the same way
        ("Will ML engineers still be paid more in 2030?", "2030"),
    ],
)
def test_a_year_no_article_writes_is_declined(ward, question, year):
    result = ward.ask(question)
    assert result.abstained and year in result.answer, result.answer


@pytest.mark.parametrize("year", ["2023", "2024"])
def test_a_year_an_article_writes_or_one_next_to_it_is_answered(ward, year):
    result = ward.ask(f"What did registered nurses earn in {year}?")
    assert not result.abstained and "$86,070" in result.answer, result.answer
