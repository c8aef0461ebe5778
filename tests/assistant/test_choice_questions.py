"""A choice between two roles ("Should I become X or Y?") is answered side by side, even where
the article has a FAQ heading made of the same words that asks something else ("Can X become
Y?"). Articles written for this test (baking), so nothing passes on a dev article's wording."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

BAKERY = """# Baker vs Pastry Chef: Two Careers in the Bakery

## What a baker does

A baker mixes dough, shapes loaves and runs the ovens through the night so that bread is on the
shelves by six in the morning.

## What a pastry chef does

A pastry chef designs desserts, tempers chocolate and plates sweets for a restaurant's evening
service.

## Pay

Bakers earned a median of $35,000 a year, while pastry chefs earned a median of $52,000.

## Can a baker become a pastry chef?

Yes, and many do. Years at the ovens teach the feel for dough that pastry work builds on.

## Which should you choose?

Choose baking if you like early, steady shifts; choose pastry if you want to create new desserts.
"""


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("bakery")
    (folder / "baker-vs-pastry-chef.md").write_text(BAKERY, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / "baker-vs-pastry-chef.md")], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def test_a_choice_between_two_roles_is_no_yes_no_faq_question(bakery):
    r = bakery.ask("Should I become a baker or a pastry chef?")
    assert r.comparison == ["baker", "pastry chef"], r.answer
    assert "| Aspect |" in r.answer, r.answer
    assert "Yes, and many do" not in r.answer, r.answer
    quotes = " ".join(c["quote"] for c in r.citations).lower()
    assert "a baker mixes dough" in quotes and "a pastry chef designs" in quotes, r.answer


def test_the_faq_heading_still_answers_its_own_yes_no_question(bakery):
    r = bakery.ask("Can a baker become a pastry chef?")
    assert r.answer.startswith("Yes, and many do."), r.answer


def test_the_last_two_of_a_list_are_no_choice_offered():
    from assistant.answering import offers_choice

    assert offers_choice("Should I become a baker or a pastry chef?", ["baker", "pastry chef"])
    assert not offers_choice(
        "Do you spend time on ordering, costing, baking or pastry work?", ["baking", "pastry work"]
    )
