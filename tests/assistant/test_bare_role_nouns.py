"""A sentence naming only the bare noun of the asked role ("many designers hold a degree",
asked about interior designers) speaks of that role's kind, the asked one among them: it is no
other role's sentence. A table's row labelled with the bare noun ("Manager") is its own kind."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

ARTICLE = """# Interior Designer vs. Exhibition Designer

Interior designers plan homes, offices and shops; exhibition designers plan museum galleries and
trade-fair stands.

## How to get started

Neither path strictly requires a degree, although most designers in both fields hold a
bachelor's degree in interior architecture or spatial design. A portfolio of finished spaces
matters more than the diploma.

## What interior designers do

Interior designers meet clients, draw floor plans, choose materials and lighting, and manage
contractors on site. If you enjoy people and detail, interior design may suit you; interior
designers who want to specialise can later take a short course in lighting.

## What exhibition designers do

Exhibition designers work with curators to plan the route through a show, design display cases
and graphics, and supervise the build before opening night.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "bare-role-nouns",
        ["gitlab-handbook-engineering-career-development.md"],
        written={"interior-vs-exhibition-designer.md": ARTICLE},
    )


def test_a_sentence_about_the_roles_kind_answers_for_the_role(library):
    result = library.ask("Do I need a degree to be an interior designer?")
    assert "Neither path strictly requires a degree" in result.answer, result.answer


def test_a_table_row_of_the_bare_noun_is_no_answer_for_a_kind_of_it(library):
    # gitlab's career matrix has "Manager — ..." rows; an interim manager is not that row
    result = library.ask("How long is an interim manager period supposed to last?")
    assert "three months" in result.answer, result.answer
    assert "Manager/Sr Manager —" not in result.answer
