""" "Is being a X worth it?" in an article with an "Is it worth it?" section: the heading asks
what the question asks (its words are all question words, as the question's are besides the
article's subject), so that section's opening sentence leads. Article written for this test
(beekeeping)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

BEES = """# How to Become a Commercial Beekeeper

## What beekeepers do

Commercial beekeepers look after hundreds of hives, move them between orchards for
pollination contracts and harvest honey in late summer.

## Pay

Most commercial beekeepers earn between $35,000 and $50,000 a year, and owners of large
operations can earn well above $90,000.

## Is it worth it?

For people who love working outdoors and do not mind stings, few jobs give such a close
link between care and reward. The downside is the season: long days from spring to autumn
and little work in the winter months.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "worth", [], {"commercial-beekeeper.md": BEES})


@pytest.mark.parametrize(
    "question",
    ["Is being a commercial beekeeper worth it?", "is becoming a beekeeper worth it?"],
)
def test_the_worth_it_sections_opening_sentence_leads(library, question):
    r = library.ask(question)
    assert r.answer.startswith("For people who love working outdoors"), r.answer
