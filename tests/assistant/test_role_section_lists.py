"""A guide giving each of its roles a section with the same subheading ("## Sous chef" / "###
Skills", "## Pastry chef" / "### Skills") answers "What skills does X need?" with the list
under X's own section, whichever comes first; items closing on an aside in brackets ("Knife
work (julienne, brunoise)") are labels like any other item. Article written for this test (a
kitchen roadmap), beside a development article whose roles list their skills."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

KITCHEN = """# Roadmap: becoming a sous chef vs a pastry chef

## Sous chef

### What the job looks like

A sous chef runs the line during service and covers for the head chef on days off.

### Skills

1. Knife work (julienne, brunoise, chiffonade)
2. Sauces and stocks (the five mother sauces)
3. Ordering and costing (suppliers, margins)
4. Running a pass (calling tickets)
5. Food safety (HACCP plans)

## Pastry chef

### What the job looks like

A pastry chef starts before dawn, laminating dough and tempering chocolate for the day.

### Skills

1. Laminated doughs (croissant, puff)
2. Chocolate work (tempering, moulding)
3. Sugar work (pulled and blown sugar)
4. Precise scaling (grams, not cups)
5. Plated desserts (the restaurant's menu)
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    written = {"sous-vs-pastry-roadmap.md": KITCHEN}
    return dev_library(
        tmp_path_factory, "rolelists", ["datatalksclub-data-team-roles-explained.md"], written
    )


@pytest.mark.parametrize(
    ("question", "first", "other"),
    [
        ("What skills does a pastry chef need?", "Laminated doughs", "Knife work"),
        ("What skills do I need to become a sous chef?", "Knife work", "Laminated doughs"),
    ],
)
def test_each_roles_own_section_gives_its_list(library, question, first, other):
    r = library.ask(question)
    assert "lists, under" in r.answer, r.answer
    assert f"- {first}" in r.answer and other not in r.answer, r.answer


def test_a_development_articles_role_lists_still_answer_for_their_roles(library):
    r = library.ask("What skills does a data engineer need?")
    assert "Kubernetes and Terraform" in r.answer, r.answer
    assert "SQL — this is the main tool" not in r.answer, r.answer


def test_an_aside_in_brackets_closing_a_line_ends_no_sentence():
    from assistant.extractive import _label

    assert _label("Knife work (julienne, brunoise, chiffonade)")
    assert _label("Food safety (HACCP plans)")
    assert not _label("Pastry chefs start early (most before dawn.)")
    assert not _label("Most pastry chefs start before dawn (see below).")
