"""A thing asked for ("the best laptop") that only an article the question's other words do not
point to writes is not covered: the question is declined as it would be with the articles it is
about alone. Articles written for this test (gardening and a bakery, fields no development
article covers), and the seed article among development articles."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

GARDENING = """# Working as a Landscape Gardener

A landscape gardener plans planting schemes, lays turf and paths, and prunes hedges and trees
for private clients and councils. Landscape gardeners work outdoors in all weathers and spend
winter months on hard landscaping such as patios and walls.

Most landscape gardeners learn on the job or through a two-year horticulture course, and many
go on to run their own small firms after a few seasons.
"""

BAKERY = """# Running a Small Bakery

A small bakery keeps its orders and its accounts on a laptop at the counter, and the baker
checks the laptop each morning for the day's wholesale orders before the ovens are lit.

Bakers start their shifts at four in the morning, shape the loaves by hand, and sell most of
their bread before noon.
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("focus-elsewhere")
    (folder / "gardening.md").write_text(GARDENING, encoding="utf-8")
    (folder / "bakery.md").write_text(BAKERY, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / "gardening.md"), str(folder / "bakery.md")], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def test_a_thing_only_an_unrelated_article_writes_is_not_covered(shop):
    r = shop.ask("What's the best laptop for landscape gardening work?")
    assert r.abstained and "laptop" in r.answer, r.answer


def test_the_thing_written_where_the_other_words_point_is_covered(shop):
    r = shop.ask("What's the laptop at the bakery counter used for?")
    assert not r.abstained and "laptop" in r.answer, r.answer


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "focus-elsewhere-dev",
        [
            "front-end-developer-handbook-2019.html",
            "datatalksclub-data-team-roles-explained.md",
        ],
    )


def test_the_seed_among_development_articles_declines_what_only_a_handbook_writes(library):
    # the front-end handbook writes "laptop"; the question's other words point to the seed
    # and the data-team article, which do not
    r = library.ask("Which laptop is best suited to machine learning?")
    assert r.abstained and "laptop" in r.answer, r.answer
