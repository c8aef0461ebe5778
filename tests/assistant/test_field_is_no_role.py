"""A sentence naming a field ("a strong software engineering background") speaks of no other
role: the answer never says a thing is "said of software engineering, not of" the role asked."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

# Made up for this test: a building site, not a dev article's field.
SITE = """# Site Engineer vs Quantity Surveyor: Which Path Suits You?

## What a site engineer does

A site engineer sets out the works, checks levels and keeps the contractors to the drawings.

## What a quantity surveyor does

A quantity surveyor prices the works, values variations and settles the final account.

## Choosing the right path

If you have a strong civil engineering background and like being outdoors, the site engineer
track is more accessible. If you enjoy numbers and contracts, the quantity surveyor path offers
steady office work and a clear route to chartered status.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "field-no-role", [], written={"site.md": SITE})


@pytest.mark.parametrize(
    "question",
    ["is it hard to become a quantity surveyor", "is it hard to become an ML engineer"],
)
def test_a_field_is_not_the_role_a_sentence_is_said_of(library, question):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert "engineering, not of" not in result.answer, result.answer
