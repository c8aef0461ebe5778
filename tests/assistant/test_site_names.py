"""A reader names an article by the site it came from ("according to DataTalks"), which its
text may never write: a name beginning a word of an article's file name or address is
mentioned; a name found nowhere is still declined (issue 9)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made-up; saved under a file name holding the site's name, which the text never writes.
NIGHTS = """# Night Nurse vs Day Nurse: Which Shift Suits You?

Night nurses earn a shift premium of about 15 percent on top of base pay. Day nurses see more
doctors' rounds and more visitors. Night nurses often work three long shifts a week.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "sites",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"nurseworldweekly-night-vs-day-nurse.md": NIGHTS},
    )


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What does NurseWorld say about night nurses' pay?", "NurseWorld"),
        ("According to DataTalks, what do data engineers do?", "DataTalks"),
    ],
)
def test_a_site_an_article_came_from_is_no_unknown_name(library, question, name):
    result = library.ask(question)
    assert f"never mention {name}" not in result.answer, result.answer
    assert not result.abstained, result.answer


def test_a_name_in_no_text_and_no_address_is_still_declined(library):
    result = library.ask("What does Marriott say about night nurses' pay?")
    assert result.abstained and "never mention Marriott" in result.answer, result.answer
