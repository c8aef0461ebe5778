"""What a question new to the process costs, without changing its answer: the library-wide
facts a question reads are read once per library state (the articles whose title sets two roles
side by side, the words of every title and byline), and a side's search does not read again the
chunks it already knows say nothing of the role.

Written for the test: a trades library (electricians, plumbers, carpenters, welders, masons), a
field no development article covers, and made-up site notes (brickwork and glazing).
"""

from __future__ import annotations

import pytest

from assistant.retrieve import Retriever
from assistant.understand.vocabulary import lists_roles, sets_two_side_by_side
from knowledge.settings import get_settings
from knowledge.text import words

TRADES = {
    "electrician-vs-plumber.md": """---
title: "Electrician vs Plumber: Which Trade Suits You?"
author: Rosa Delgado
---

# Electrician vs Plumber: Which Trade Suits You?

## What an Electrician Does

An electrician installs wiring, fits breaker panels and tests circuits in new houses.
Electricians read blueprints and follow the electrical code on every job.

## What a Plumber Does

A plumber fits pipes, clears blocked drains and installs water heaters.
Plumbers are called out at night when a pipe bursts.

## Pay

Electricians earned a median of $61,590 a year; plumbers earned $61,550.
""",
    "three-trades.md": """---
title: "Carpenter vs Welder vs Mason: Three Ways Into a Trade"
author: Ivo Brandt
---

# Carpenter vs Welder vs Mason: Three Ways Into a Trade

A carpenter frames walls and hangs doors. A welder joins steel beams with an arc.
A mason lays brick and block. Carpenters, welders and masons all start as apprentices.
""",
    "workshop-safety.md": """---
title: "Keeping a Workshop Safe"
author: Rosa Delgado
---

# Keeping a Workshop Safe

Every workshop needs a first aid kit, clear walkways and guards on the saws.
An electrician checks the extension leads once a year.
""",
}


@pytest.fixture(scope="module")
def trades(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("trades")
    for name, text in TRADES.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in TRADES], kb, settings)
    assert report.ok, report.as_dict()
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant


def test_the_articles_setting_two_roles_side_by_side_are_those_of_each_title(trades):
    library = trades.retriever.library
    each = [
        s
        for s, title in library.titles.items()
        if sets_two_side_by_side(title) and library.title_pair(s)
    ]
    assert list(library.side_by_side) == each
    listing = [s for s, t in library.titles.items() if s not in each and lists_roles(t)]
    assert list(library.listing_roles) == listing
    assert [library.titles[s] for s in library.side_by_side] == [
        "Electrician vs Plumber: Which Trade Suits You?"
    ]  # three trades side by side are no pair; a safety guide sets none


def test_the_words_of_every_title_and_byline_are_read_together(trades):
    library = trades.retriever.library
    assert library.title_words == {w for t in library.titles.values() for w in words(t)}
    assert {"workshop", "mason", "plumber"} <= library.title_words
    assert "blueprints" not in library.title_words  # a word of the text only
    authors = trades.retriever.author_words()
    assert authors == frozenset().union(*trades.retriever.bylines().values())
    assert {"rosa", "delgado", "ivo", "brandt"} <= authors


def _site_notes() -> str:
    """Many passages on a site manager's brickwork, one on a glazing technician's glass."""
    notes = [
        f"## Site note {n}\n\nOn day {n} the site manager checked the brick courses, the mortar "
        f"mix and the scaffold ties on block {n}, then signed off {n + 2} pallets of brick for "
        "the next lift. The site manager also walked the mortar boards, the brick stacks and the "
        "scaffold again before the crew left, and wrote up the brick count for the office.\n"
        for n in range(1, 31)
    ]
    glass = (
        "## Glass\n\nA glazing technician cuts glass to size and fits the window units once "
        "the brick openings are square, sealing each frame against the mortar.\n"
    )
    return "# Site Notes\n\n" + "".join(notes[:20]) + glass + "".join(notes[20:])


def test_a_sides_search_finds_the_same_passages_with_what_it_learnt_before(tmp_path_factory):
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("site")
    (folder / "site-notes.md").write_text(_site_notes(), encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder / "site-notes.md")], kb, settings).ok
    side = "glazing technician"
    warm = Retriever(kb)
    # the first search learns which of the brickwork passages say nothing of the side
    warm.search("brick mortar scaffold", 2, about=side)
    got = warm.search("brick mortar glass", 2, about=side)
    fresh = Retriever(kb).search("brick mortar glass", 2, about=side)
    assert [p.id for p in got] == [p.id for p in fresh]
    assert any("glazing technician" in p.text for p in got)


def test_a_word_is_tested_against_the_distinct_vectors_as_against_every_one(trades):
    import numpy as np

    rng = np.random.default_rng(7)
    distinct = rng.normal(size=(40, 16)).astype(np.float32)
    distinct /= np.linalg.norm(distinct, axis=1, keepdims=True)
    # most rows repeat a few vectors, as a library's figures do ("$61,590", "2023")
    vecs = distinct[rng.integers(0, 40, size=400)]
    vecs[5] = 0.0  # a word no chunk uses any more
    retriever = Retriever(trades.kb)
    rows = retriever.distinct_rows(vecs)
    assert len(rows) <= 41 and {r.tobytes() for r in rows} == {r.tobytes() for r in vecs}
    for word in rng.normal(size=(30, 16)).astype(np.float32):
        word /= np.linalg.norm(word)
        best = float((word @ vecs.T).max())  # what every row says
        # thresholds on both sides of the best product, and the best product itself
        for least in (0.1, 0.3, 0.6, best, best - 1e-6, best + 1e-6):
            assert retriever.reaches(word, vecs, least) == (best >= least)
    # rows mostly distinct: no copy is kept, the vectors themselves are read
    assert retriever.distinct_rows(distinct) is distinct
