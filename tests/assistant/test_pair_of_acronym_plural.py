"""Which article's pair a question asks about, when it names no role, is found by the words
each article writes: an acronym's plural ("MRIs", "LLMs") is the acronym an article writes,
and a specific word tells more than an everyday one."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made up for this test: a hospital imaging department, not a dev article's field.
IMAGING = """# Sonographer vs Radiographer: Which Path Suits You?

## What a sonographer does

A sonographer scans patients with ultrasound, from pregnancy checks to heart valves.

## What a radiographer does

A radiographer runs the MRI scanner and the CT room, and takes plain X-rays in emergencies.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "pair-acronym",
        ["staffeng-dan-na-staff-engineer-and-team-lead.html"],
        written={"imaging.md": IMAGING},
    )


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("Which role handles more MRIs?", ("Sonographer", "Radiographer")),
        ("Which role deals more with LLMs?", ("AI Engineer", "Machine Learning Engineer")),
    ],
)
def test_the_pair_of_the_article_writing_the_acronym_is_compared(library, question, sides):
    result = library.ask(question)
    assert not result.abstained, result.answer
    header = next(line for line in result.answer.splitlines() if line.startswith("| Aspect"))
    assert all(side in header for side in sides), result.answer
