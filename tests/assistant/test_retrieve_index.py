"""The retriever over the incremental lexical index: its word vocabulary follows adds and
removals exactly, and its word vectors survive a restart."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.settings import REPO_ROOT
from knowledge.text import STOPWORDS, words

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"needs the dev articles in {DEV}")


def _store_words(kb) -> set[str]:
    _ids, docs, _metas = kb.all_chunks()
    return {w for d in docs for w in words(d) if w not in STOPWORDS}


@needs_dev
def test_vocabulary_follows_writes_and_vectors_survive_a_restart(make_settings):
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    extra = sorted(DEV.glob("*.md"))[0]
    assert ingest_sources([str(seed), str(extra)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    vocab, vecs = retriever.vocabulary(kb.embedder)
    both = _store_words(kb)
    assert {w for w in both if w in vocab} == both and len(vocab) == len(both)
    probe = sorted(both)[len(both) // 2]
    assert np.allclose(vecs[vocab[probe]], kb.embedder.embed_batch([probe])[0], atol=1e-5)

    # Removing an article takes its words out (their rows go to zero); the rest stay.
    assert kb.remove(str(extra.resolve()))
    retriever.refresh()
    vocab, vecs = retriever.vocabulary(kb.embedder)
    left = _store_words(kb)
    assert len(vocab) == len(left) and all(w in vocab for w in left)
    gone = sorted(both - left)
    assert gone and not any(w in vocab for w in gone)
    assert not vecs[retriever.lexical.word_id(gone[0])].any()

    # A restart reads the saved vectors (same rows for the same words) and what each article
    # taught the library, without reading the articles again.
    library = retriever.library
    assert (settings.store / "lexical" / "article-vocab.json").is_file()
    again = Retriever(kb)
    again.refresh()
    vocab2, vecs2 = again.vocabulary(kb.embedder)
    assert (settings.store / "lexical").is_dir()
    assert len(vocab2) == len(left)
    assert all(np.allclose(vecs[vocab[w]], vecs2[vocab2[w]]) for w in sorted(left)[:50])
    restarted = again.library
    assert restarted.titles == library.titles and restarted.acronyms == library.acronyms
    assert restarted.headings == library.headings and restarted.modifiers == library.modifiers
    key = next(iter(again._articles))
    assert again._articles[key] == retriever._articles[key]

    # A damaged vectors file is only a cache: the next start embeds again.
    for path in (settings.store / "lexical").glob("word-vectors-*.npy"):
        path.write_bytes(b"not an array")
    third = Retriever(kb)
    third.refresh()
    vocab3, vecs3 = third.vocabulary(kb.embedder)
    w = sorted(left)[0]
    assert vecs3[vocab3[w]].any() and np.allclose(vecs3[vocab3[w]], vecs[vocab[w]], atol=1e-5)


# Written for this test (hospital social work): the article spells "case manager" out once and
# then writes only its initials.
CASE_WORK = """# Working as a Case Manager

A case manager (CM) plans each patient's discharge with the family and the ward team.

## Day to day

Most mornings a CM phones care homes about free beds and chases equipment for patients going
home; the ward's rehabilitation notes come in by noon.
"""


ROLE_NOTE = """
## Case Manager

Case managers also call the family doctor in the weeks after discharge.
"""
# another article speaks of the field by its own name only
FIELD = """# Planning Discharges

Case management also covers the weeks after a discharge, when a patient is back at home.
"""
CLERK = """# The Ward Clerk

A ward clerk manages the ward's admissions desk and books transport for discharges. The clerk
keeps the management of bed lists and case notes up to date for the ward team.
"""


def _retriever(settings, articles: dict[str, str], extra: list[str] | None = None):
    """A refreshed Retriever over these articles ({file name: text}), written and ingested in
    the settings' store (with the `extra` sources, paths, after them)."""
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = settings.store.parent / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder), *(extra or [])], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    return retriever


def test_a_phrase_finds_the_initials_its_article_spells_out_in_another_form(make_settings):
    """ "case management" is the field of the "case manager" the article abbreviates "CM": a
    search for the field finds the passage that writes only the initials."""
    retriever = _retriever(make_settings(), {"case-manager.md": CASE_WORK})
    assert retriever.library.acronyms.get("CM") == "case manager"
    for asked in ("case manager", "case management", "case managers"):
        assert "cm" in retriever.query_terms(asked), asked
    # another phrase sharing one word is no spelling of it
    assert "cm" not in retriever.query_terms("case notes")
    assert "cm" not in retriever.query_terms("ward management")


def test_a_fields_side_keeps_passages_naming_its_role_or_the_field(make_settings):
    """One side of a comparison, "case management" (the field of the case manager the article
    abbreviates "CM"), keeps the passages that speak of it: by the role's initials or by the
    field's own name, not a passage about another job that happens to rank well."""
    retriever = _retriever(
        make_settings(),
        {"case-manager.md": CASE_WORK + ROLE_NOTE, "discharges.md": FIELD, "ward-clerk.md": CLERK},
    )
    found = retriever.search("case management", 4, roles=[], about="case management")
    texts = " ".join(p.text for p in found)
    assert "a CM phones care homes" in texts  # the initials of its role
    assert "Case management also covers" in texts  # the field's own name, in another article
    assert not any("ward clerk" in p.text for p in found), texts


KITCHEN = """# Running a Hotel Kitchen

## Fresh Every Evening

The pastry section bakes bread at dawn; the sauce section starts at noon. Head chefs plan the
menu a week ahead and order produce from two farms.
"""


def test_an_everyday_word_is_no_abbreviation_of_a_heading(make_settings):
    """ "Fresh Every Evening" has the initials FEE: a question about a fee is not asking about
    it, while one writing "FEE" in capitals may be."""
    retriever = _retriever(make_settings(), {"kitchen.md": KITCHEN})
    assert retriever.library.acronyms.get("FEE") == "fresh every evening"
    assert "fresh" not in retriever.query_terms("What fee does a cooking school charge?")
    assert "fresh" in retriever.query_terms("What is the FEE menu?")


TEACHING_QA = """# Three teachers on their first year

## What's the hardest part of your job?

Marking forty essays every weekend while planning the next week's lessons.

## What's the best part of your job?

Seeing a shy pupil finally answer a question in front of the whole class.

## What does a school day look like?

Registration at 8:40, five lessons, and a staff meeting on Thursdays.
"""


def test_a_word_for_a_paths_downsides_finds_the_articles_own_word_for_them(make_settings):
    """ "the toughest thing" finds the section headed "the hardest part", and an upside asked
    for finds neither downside word; words outside the lexicon's upsides and downsides add
    none of them."""
    from knowledge.text import stem

    retriever = _retriever(make_settings(), {"teachers.md": TEACHING_QA})
    terms = retriever.query_terms("What's the toughest thing about teaching?")
    assert terms.get(stem("hardest"), 0) > 0, terms
    found = retriever.search("What's the toughest thing about teaching?", 1)
    assert "hardest part" in found[0].section, [p.section for p in found]
    upside = retriever.query_terms("What's the most rewarding thing about teaching?")
    assert stem("hardest") not in upside and stem("toughest") not in upside, upside
    assert stem("hardest") not in retriever.query_terms("What does a school day look like?")


def test_saved_word_vectors_are_found_by_word_where_rows_moved(make_settings):
    """A restart copies the saved word vectors row for row where the file holds the same word
    in the same row, and looks the others up by word (an index rebuilt since numbers its
    words anew); only a word the file lacks is embedded again."""
    import json

    from assistant.retrieve import Retriever

    settings = make_settings()
    retriever = _retriever(settings, {"case-manager.md": CASE_WORK, "ward-clerk.md": CLERK})
    kb = retriever.kb
    vocab, vecs = retriever.vocabulary(kb.embedder)
    retriever._save_vectors(kb.embedder)
    words_path = next((settings.store / "lexical").glob("word-vectors-*.json"))
    vecs_path = words_path.with_suffix(".npy")
    listed = json.loads(words_path.read_text(encoding="utf-8"))
    saved = np.load(vecs_path)
    live = [w for w in listed if w]
    assert len(live) > 20 and len(live) == len(vocab)

    def restart():
        again = Retriever(kb)
        again.refresh()
        got, got_vecs = again.vocabulary(kb.embedder)
        assert len(got) == len(vocab)
        assert all(np.allclose(got_vecs[got[w]], vecs[vocab[w]], atol=1e-5) for w in live)
        return again._unsaved  # words embedded again

    assert restart() == 0  # every row in its place
    # The rows reversed, and one word left out: found by word, the missing one embedded.
    gone = live[len(live) // 2]
    order = [i for i in reversed(range(len(listed))) if listed[i] != gone]
    words_path.write_text(json.dumps([listed[i] for i in order]), encoding="utf-8")
    np.save(vecs_path, saved[order])
    assert restart() == 1


def test_closeness_of_a_word_no_chunk_writes_is_kept_per_index_state(make_settings, tmp_path):
    """Whether a word no article writes is close in meaning to one stored (a product of its
    vector with every stored word's) is worked out once per index state: asked again, the
    kept answer; after a write, the new state's vocabulary works it out afresh."""
    from assistant.evidence import _known_word
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    ward = tmp_path / "ward.txt"
    ward.write_text(
        "Night Nursing on a Surgical Ward\n\nCharge nurses plan the rota, check the drug round "
        "and hand over each patient at dawn. Staff nurses dress wounds and chart vital signs.\n",
        encoding="utf-8",
    )
    assert ingest_sources([str(ward)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    vocab, vecs = retriever.vocabulary(kb.embedder)
    asked: list[str] = []
    real = kb.embedder

    class Counting:  # the real embedder, counting the words it is asked for
        dim = real.dim

        def embed_batch(self, texts):
            asked.extend(texts)
            return real.embed_batch(texts)

    assert "nurse" in vocab or _known_word("nurse", retriever, vocab, vecs, Counting())
    asked.clear()
    first = _known_word("croissant", retriever, vocab, vecs, Counting())
    assert asked == ["croissant"]
    assert _known_word("croissant", retriever, vocab, vecs, Counting()) == first
    assert asked == ["croissant"]  # kept: not embedded and compared again
    assert first == bool(
        float((real.embed_batch(["croissant"])[0] @ vecs.T).max()) >= 0.6
    )  # the same answer as worked out directly

    # A write: the next state's vocabulary asks again.
    bakery = tmp_path / "bakery.txt"
    bakery.write_text(
        "Working Nights in a Bakery\n\nBakers laminate dough for croissants before dawn.\n",
        encoding="utf-8",
    )
    assert ingest_sources([str(bakery)], kb, settings).ok
    retriever.refresh()
    vocab2, vecs2 = retriever.vocabulary(kb.embedder)
    assert vocab2 is not vocab
    asked.clear()
    assert _known_word("croissant", retriever, vocab2, vecs2, Counting()) is True  # written now
    assert asked == []
    _known_word("pastry", retriever, vocab, vecs, Counting())
    assert asked == ["pastry"]
    _known_word("pastry", retriever, vocab2, vecs2, Counting())
    assert asked == ["pastry", "pastry"]  # a new state's vocabulary works it out afresh


COOKING = {
    "line-cook.md": """# Line Cook Career Guide

A line cook works one station of a restaurant kitchen: the grill, the fryer or the saute pan.

## Daily work

Line cooks prep vegetables, portion proteins and plate dishes during service. The shift starts
with mise en place and ends with cleaning the station and labelling what is left.

## Pay

A line cook earns an hourly wage; tips are shared in some kitchens. Overtime is common on
weekends and holidays.

## Skills

Knife skills, speed under pressure and food safety knowledge matter most. Reading tickets
quickly and calling back orders keeps the line moving.
""",
    "pastry-chef.md": """# Pastry Chef vs Baker

A pastry chef designs desserts and plated sweets; a baker produces bread in volume overnight.

## Training

Pastry chefs often train in culinary school; bakers often learn on the job in a bakery.

## Pay

Pastry chefs in hotels earn salaries, while bakers are usually paid by the hour.
""",
}


def test_an_articles_own_search_ranks_like_chromas_filtered_query(make_settings):
    """A search inside one article ranks the article's passages on their own vectors
    (`_dense_within`): the same passages in the same order as Chroma's filtered query, with
    the same distances to float32 rounding, and the same passages from `search`."""
    from assistant.retrieve import DENSE_SLACK, _by_distance

    retriever = _retriever(make_settings(), COOKING)
    kb = retriever.kb
    sources = sorted(kb.records())
    assert len(sources) == 2
    for source in sources:
        for question in ("What does a line cook earn?", "bread overnight", "knife skills"):
            vector = kb.embedder.embed_batch([question])[0]
            for n in (2, 20 + DENSE_SLACK):
                got = kb.chunks.query(
                    query_embeddings=[vector.tolist()],
                    n_results=n,
                    where={"source": source},
                    include=["distances"],
                )
                theirs = sorted(
                    zip(got["ids"][0], got["distances"][0], strict=True), key=_by_distance
                )
                mine = retriever._dense_within(source, vector, n)
                assert [c for c, _d in mine] == [c for c, _d in theirs]
                assert np.allclose([d for _c, d in mine], [d for _c, d in theirs], atol=1e-5)
        found = retriever.search("What does the job pay?", 3, source=source)
        assert found and {p.source for p in found} == {source}
    # An article the index does not hold: Chroma's query (which finds nothing) answers
    assert retriever._dense_within("/nowhere/none.md", vector, 5) is None
    assert retriever.search("pay", 3, source="/nowhere/none.md") == []


@needs_dev
def test_a_dev_articles_own_search_ranks_like_chromas_filtered_query(make_settings):
    from assistant.retrieve import Retriever, _by_distance
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    article = sorted(DEV.glob("*.md"))[0]
    assert ingest_sources([str(article)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    (source,) = kb.records()
    for question in ("What skills does the job need?", "How much does it pay?"):
        vector = kb.embedder.embed_batch([question])[0]
        got = kb.chunks.query(
            query_embeddings=[vector.tolist()],
            n_results=48,
            where={"source": source},
            include=["distances"],
        )
        theirs = sorted(zip(got["ids"][0], got["distances"][0], strict=True), key=_by_distance)
        mine = retriever._dense_within(source, vector, 48)
        assert [c for c, _d in mine] == [c for c, _d in theirs]


# Written for this test (hotel front desk): the hotel group's name is in the file name and in
# most passages, but not in the one on the night audit.
FRONT_DESK = """# Front Desk Careers

## Joining Quenbridge

Quenbridge runs forty hotels, and most Quenbridge receptionists start in its cafés before
moving to the desk.

## Pay

Receptionists at Quenbridge start on an hourly rate above the legal minimum, and Quenbridge
pays a bonus after each year.

## The night audit

The night audit closes the day's accounts: one receptionist balances every guest folio, posts
the room charges and prints the arrivals list between 11 pm and 7 am.

## Training

New receptionists train for two weeks at the Quenbridge flagship hotel, where Quenbridge
trainers shadow each shift.

## Uniform

Quenbridge receptionists wear the Quenbridge navy jacket; Quenbridge replaces it every two
years.
"""
HOUSEKEEPING = """# Housekeeping in a Hotel

## Rooms

A room attendant cleans fourteen rooms a shift and reports repairs to the supervisor.

## Nights

Hotels keep a small team at night for late check-outs and spills.
"""
GITLAB = "gitlab-handbook-engineering-career-development.md"


@needs_dev
def test_the_name_of_the_article_asked_about_picks_none_of_its_passages(make_settings):
    """ "... at Quenbridge": the hotel group the article is about (its file name) is written in
    most of its passages, and a question naming it found those first, above the one passage on
    what was asked. A word of no everyday English that names an article says which article is
    asked, not which passage: the passage on the night audit leads its article's others. So
    with the dev article GitLab's handbook, whose passages often write "GitLab": the one on the
    fork in an engineer's career is among those read."""
    settings = make_settings()
    retriever = _retriever(
        settings,
        {"quenbridge-front-desk.md": FRONT_DESK, "hotel-housekeeping.md": HOUSEKEEPING},
        extra=[str(REPO_ROOT / "corpus"), str(DEV / GITLAB)],
    )
    # (the names the articles go by: see Library.identity)
    named = {s.rsplit("/", 1)[-1]: n for s, n in retriever.library.identity.items()}
    assert named["quenbridge-front-desk.md"] == {"quenbridge"}
    assert named[GITLAB] == {"gitlab"}
    assert "hotel-housekeeping.md" not in named  # "hotel", "housekeeping": everyday words
    for asked, k in (
        ("When is the night audit done at Quenbridge?", 2),
        ("What happens overnight at the Quenbridge front desk?", 3),
    ):
        found = retriever.search(asked, k)
        assert any(p.section == "The night audit" for p in found), [p.section for p in found]
    found = retriever.search("What is the fork in an engineer's career at GitLab?", 8)
    assert any("the fork between purely technical work" in p.text for p in found), [
        p.section for p in found
    ]
