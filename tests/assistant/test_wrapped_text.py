"""A plain-text article wraps its sentences over lines of about 70 characters. A comparison
cell quotes the whole sentence, not what follows a line break that looked like a heading
(issue 9: "Never start mid-sentence")."""

from __future__ import annotations

import re

import pytest

from tests.assistant.conftest import dev_library

# Made-up, wrapped as plain-text articles are (no Markdown).
TRADES = """Carpenter or joiner: which trade suits you?

What the jobs involve

Carpenters build and fit the structure of buildings on site: roofs,
floors, stud walls and staircases. Joiners make windows, doors and
fitted furniture in a workshop, cutting and shaping timber to drawings.

Progression

After an apprenticeship, most carpenters spend a few years gaining
experience as a site or shopfitting carpenter before running a team.
Many joiners spend their first years making doors and sashes
before moving on to bespoke furniture and staircases for clients.

Pay

Carpenters earned a median of 38,000 pounds a year in 2024. Joiners in
workshops earned a median of 33,000 pounds.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "wrapped", [], written={"trades.txt": TRADES})


def _cells(answer: str) -> list[str]:
    rows = [line for line in answer.splitlines() if line.startswith("|")][2:]
    cells = [c.strip() for row in rows for c in row.strip("|").split("|")[1:]]
    return [re.sub(r"\s*\[\d+\]", "", c) for c in cells if c]


def test_a_wrapped_sentence_is_quoted_whole_in_a_comparison(library):
    result = library.ask("Compare the career progression of carpenters and joiners")
    cells = _cells(result.answer)
    assert cells, result.answer
    for cell in cells:
        # a cell opens a sentence (or marks a later clause with "…"), never mid-sentence
        assert cell[:1].isupper() or cell.startswith(("…", "Not covered")), result.answer
