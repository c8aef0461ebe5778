"""The incremental lexical index: real articles added, replaced and removed one at a time must
score exactly like a BM25 index built from scratch, survive a restart, and catch up on writes
made by other processes without reading the whole store again."""

from __future__ import annotations

import shutil
from collections import defaultdict

import numpy as np
import pytest

from knowledge.settings import REPO_ROOT

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"
SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"needs the dev articles in {DEV}")


def _from_scratch(kb):
    """bm25s over every stored chunk of every recorded version, tokenized the same way."""
    import bm25s

    from knowledge.lexical import SourceDoc

    records = kb.records()
    ids, docs, metas = kb.all_chunks()
    by_source = defaultdict(lambda: ([], [], []))
    for cid, doc, meta in zip(ids, docs, metas, strict=True):
        if meta["version"] == records[meta["source"]]["version"]:
            for col, value in zip(by_source[meta["source"]], (cid, doc, meta), strict=True):
                col.append(value)
    all_ids, tokens = [], []
    for source, (i, d, m) in sorted(by_source.items()):
        sd = SourceDoc.from_chunks(source, records[source]["version"], "", i, d, m)
        all_ids += sd.ids
        tokens += sd.tokens
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    return all_ids, bm25, tokens


def _assert_same_scores(index, kb, n_terms=40):
    ids, bm25, tokens = _from_scratch(kb)
    assert index.size == len(ids)
    df = defaultdict(int)
    for toks in tokens:
        for t in set(toks):
            df[t] += 1
    # Common, middling and rare terms of the live chunks, and one nobody uses.
    ranked = sorted(df, key=lambda t: (-df[t], t))
    terms = ranked[:15] + ranked[len(ranked) // 2 : len(ranked) // 2 + 10] + ranked[-15:]
    for term in terms[:n_terms]:
        assert index.doc_freq(term) == df[term], term
        expected = bm25.get_scores([term])
        top, _ = index.search({term: 1.0}, depth=len(ids))
        got = dict(top)
        want = {cid: float(s) for cid, s in zip(ids, expected, strict=True) if s > 0}
        assert set(got) == set(want), term
        assert np.allclose([got[c] for c in want], list(want.values()), rtol=1e-4), term
    # Weighted queries add up the terms.
    weights = {terms[0]: 1.0, terms[20]: 0.5, terms[-1]: 0.25}
    top, also = index.search(weights, depth=5, also=[ids[0]])
    exp = sum(w * bm25.get_scores([t]) for t, w in weights.items())
    best = np.argsort(-exp)[:5]
    assert np.allclose([s for _, s in top], exp[best], rtol=1e-4)
    assert also[ids[0]] == pytest.approx(float(exp[0]), rel=1e-4)
    assert index.search({"qqqnotaword": 1.0}, depth=5)[0] == []


def _assert_chunk_ids(index, kb):
    """Each indexed source's chunk ids are those of its stored version, and only those."""
    for source, entry in index._index.sources().items():
        version, ids = index.chunk_ids(source)
        assert version == entry.version
        assert sorted(ids) == sorted(kb.source_chunks(source, version)[0]), source


def _ingest(kb, settings, paths):
    from ingest.pipeline import ingest_sources

    report = ingest_sources([str(p) for p in paths], kb, settings)
    assert report.ok, report.as_dict()
    return report


@needs_dev
def test_add_replace_remove_match_a_fresh_build(make_settings, tmp_path):
    from knowledge.lexical import StoreIndex
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    articles = sorted(p for p in DEV.iterdir() if p.suffix in (".md", ".txt", ".html"))[:5]
    edited = tmp_path / "edited" / SEED.name
    edited.parent.mkdir()
    shutil.copy(SEED, edited)
    _ingest(kb, settings, [edited, *articles[:3]])
    index = StoreIndex(kb, tmp_path / "lexical")
    assert index.refresh() is True and index.stats["built"] == 1  # a first start builds
    assert index.refresh() is False  # nothing written since
    _assert_same_scores(index, kb)

    # Add one article: only it is read and tokenized.
    _ingest(kb, settings, [articles[3]])
    assert index.refresh() is True
    assert index.stats == {"built": 1, "loaded": 0, "applied": 1, "removed": 0}
    _assert_same_scores(index, kb)

    # Replace one: a new version of a text article with an added paragraph.
    head, rest = SEED.read_text(encoding="utf-8").split("\n\n", 1)
    added = "Zymurgy Apprenticeships\n\nBrewers train apprentices in zymurgy for two years."
    edited.write_text(f"{head}\n\n{added}\n\n{rest}", encoding="utf-8")
    before, size = index.doc_freq("zymurgi"), index.size
    _ingest(kb, settings, [edited])
    assert index.refresh() is True and index.stats["applied"] == 2
    assert before == 0 and index.doc_freq("zymurgi") >= 1 and index.size >= size
    _assert_same_scores(index, kb)
    _assert_chunk_ids(index, kb)

    # Remove one: its chunks leave the statistics and the results.
    gone = str(articles[0].resolve())
    assert kb.remove(gone)
    assert index.refresh() is True and index.stats["removed"] == 1
    assert gone not in {t for t in index.titles()} and index._index.version_of(gone) is None
    assert index.chunk_ids(gone) is None
    _assert_same_scores(index, kb)
    _assert_chunk_ids(index, kb)
    top, _ = index.search({"engin": 1.0}, depth=1000)
    removed = set(kb.chunks.get(where={"source": gone})["ids"])
    assert not removed and top


@needs_dev
def test_a_restart_loads_the_persisted_index_and_catches_up(make_settings, tmp_path):
    from knowledge.lexical import StoreIndex
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    articles = sorted(p for p in DEV.iterdir() if p.suffix in (".md", ".txt", ".html"))
    _ingest(kb, settings, [SEED, *articles[:2]])
    first = StoreIndex(kb, tmp_path / "lexical")
    first.refresh()
    first.save()
    before = first.search({"engin": 1.0, "salari": 0.5}, depth=10)

    # Same store, nothing written meanwhile: loaded, not rebuilt, same answers.
    second = StoreIndex(kb, tmp_path / "lexical")
    second.refresh()
    assert second.stats == {"built": 0, "loaded": 1, "applied": 0, "removed": 0}
    assert second.search({"engin": 1.0, "salari": 0.5}, depth=10) == before
    assert second.acronyms == first.acronyms and second.titles() == first.titles()

    # Written while no index was open: a restart applies just that source.
    _ingest(kb, settings, [articles[2]])
    assert kb.remove(str(articles[0].resolve()))
    third = StoreIndex(kb, tmp_path / "lexical")
    third.refresh()
    assert third.stats == {"built": 0, "loaded": 1, "applied": 1, "removed": 1}
    _assert_same_scores(third, kb)

    # A different store in the same folder is not mistaken for this one.
    other = open_knowledge_base(make_settings(store=tmp_path / "other"))
    _ingest(other, settings, [SEED])
    fourth = StoreIndex(other, tmp_path / "lexical")
    fourth.refresh()
    assert fourth.stats["built"] == 1 and fourth.size == other.chunks.count()


def test_many_small_writes_keep_few_segments():
    """Segments merge logarithmically: 200 one-source writes leave O(log n) segments, and
    scores still equal a fresh build over the same documents."""
    import bm25s

    from knowledge.lexical import SegmentIndex, SourceDoc
    from knowledge.text import split_sentences

    text = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    index = SegmentIndex()
    docs = []
    for n in range(200):
        chunk = [sentences[(n + j) % len(sentences)] for j in range(3)]
        meta = [{"chunk_index": j, "section": "", "title": ""} for j in range(3)]
        doc = SourceDoc.from_chunks(f"s{n}", "v1", "", [f"c{n}-{j}" for j in range(3)], chunk, meta)
        index.apply([doc])
        docs.append(doc)
    for n in range(0, 200, 7):  # replace every 7th with a different text
        doc = SourceDoc.from_chunks(
            f"s{n}", "v2", "", [f"c{n}-x"], [sentences[-1 - n % 5]], [{"chunk_index": 0}]
        )
        index.apply([doc])
        docs[n] = doc
    index.remove([f"s{n}" for n in range(1, 200, 11)])
    live = [d for n, d in enumerate(docs) if n % 11 != 1]
    assert len(index.segments) <= 16
    ids = [c for d in live for c in d.ids]
    tokens = [t for d in live for t in d.tokens]
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    term = max(index.terms.ids, key=index.doc_freq)
    got = dict(index.search({term: 1.0}).top(len(ids)))
    want = {c: float(s) for c, s in zip(ids, bm25.get_scores([term]), strict=True) if s > 0}
    assert got.keys() == want.keys()
    assert np.allclose([got[c] for c in want], list(want.values()), rtol=1e-4)
    # Scores by chunk id, many at once (a search's dense results): every live chunk's own
    # score, whichever segment holds it; None for a replaced or removed chunk's id, an id
    # never stored, and one too long for any segment's id column.
    hits = index.search({term: 1.0, "qqqnotaword": 1.0})
    gone = ["c0-0", "c1-0", "c12-2", "never-stored", "x" * 500]
    asked = ids[::3] + gone + ids[1::3]
    scores = hits.scores_of(asked)
    assert list(scores) == list(dict.fromkeys(asked))
    for c in ids:
        if c in scores:
            assert scores[c] == pytest.approx(want.get(c, 0.0), rel=1e-4, abs=1e-6), c
            assert scores[c] == hits.score_of(c)
    assert all(scores[c] is None for c in gone)


def test_name_words_are_the_words_of_multi_word_proper_names():
    from knowledge.text import name_words

    assert name_words("According to the U.S. Bureau of Labor Statistics, pay rose.") >= {
        "labor",
        "statistics",
    }
    assert name_words("The Occupational Outlook Handbook lists chefs.") == {
        "occupational",
        "outlook",
        "handbook",
    }
    # a sentence's first word is capitalized anyway; one capitalized word is no name
    assert name_words("Learn Python and SQL first.") == set()
    assert name_words("Statistics and programming come first now.") == set()
    assert name_words("Skills. Required Skills matter") == set()


def test_vocabulary_map_gives_the_ids_of_adding_words_one_at_a_time():
    """`Vocabulary.map` (one dict build into an empty vocabulary, one lookup pass otherwise)
    gives the ids, and the word order, of `id()` called word by word: also with a word
    repeated within one call, and words new and known mixed."""
    from knowledge.lexical.segments import Vocabulary

    calls = [
        ["whisk", "ladle", "oven"],
        ["oven", "tongs", "whisk", "tongs", "grater"],
        [],
        ["grater", "ladle"],
    ]
    for first in (["ladle", "ladle", "sieve"], ["sieve", "colander"]):
        mapped, one_by_one = Vocabulary(), Vocabulary()
        for words_ in [first, *calls]:
            got = mapped.map(words_)
            assert got.dtype == np.int32
            assert got.tolist() == [one_by_one.id(w) for w in words_]
        assert mapped.words == one_by_one.words and mapped.ids == one_by_one.ids


def test_a_loaded_index_counts_like_the_index_that_saved_it(tmp_path):
    """A restart maps each segment's terms and words and recounts from the rows still alive
    (sources replaced or removed leave dead rows in their segments): every statistic, id and
    score equals the saved index's."""
    from knowledge.lexical import SegmentIndex, SourceDoc
    from knowledge.text import split_sentences

    text = (
        "A pastry chef tempers chocolate and laminates dough before dawn. Bakers shape loaves "
        "for the morning rush. A sous chef runs the pass during service and checks every "
        "plate. Line cooks prep vegetables, portion fish and keep their stations clean. "
        "Dishwashers keep the pots moving. The head chef writes the menu and orders stock."
    )
    sentences = split_sentences(text)
    index = SegmentIndex(tmp_path / "lexical")
    for n in range(60):
        chunk = [sentences[(n + j) % len(sentences)] + f" batch{n}" for j in range(2)]
        meta = [{"chunk_index": j, "section": "", "title": ""} for j in range(2)]
        ids = [f"c{n}-{j}" for j in range(2)]
        index.apply([SourceDoc.from_chunks(f"s{n}", "v1", "", ids, chunk, meta)])
    for n in range(0, 60, 9):  # replaced: the old rows stay in their segment, dead
        doc = SourceDoc.from_chunks(
            f"s{n}", "v2", "", [f"c{n}-y"], [sentences[n % 3] + " rewritten"], [{}]
        )
        index.apply([doc])
    index.remove([f"s{n}" for n in range(1, 60, 13)])
    index.save()
    assert any(not seg.alive.all() for seg in index.segments)  # dead rows are saved too

    loaded = SegmentIndex.load(tmp_path / "lexical")
    assert loaded is not None
    assert set(loaded.terms.ids) == set(index.terms.ids)
    assert (loaded.n_docs, loaded.total_len) == (index.n_docs, index.total_len)
    for term in index.terms.words:
        assert loaded.doc_freq(term) == index.doc_freq(term), term
    for word in index.words.words:
        assert loaded.word_count(word) == index.word_count(word), word
    weights = {"chef": 1.0, "batch7": 0.5, "rewritten": 0.25, "loav": 0.3}
    assert loaded.search(weights).top(20) == index.search(weights).top(20)


def test_a_word_naming_a_source_scores_every_passage_of_it_alike():
    """`named`: a term that names a source (its title or file name holds it) is said of the
    whole source: each of its live rows scores for the term as the source's row that writes it
    most, whether or not it writes it; other sources' rows, a source none of whose rows write
    the term, and a replaced version's dead rows keep their plain scores (nothing)."""
    from knowledge.lexical import SegmentIndex, SourceDoc

    def doc(source, version, texts):
        ids = [f"{source}-{version}-{n}" for n in range(len(texts))]
        meta = [{"chunk_index": n, "section": "", "title": ""} for n in range(len(texts))]
        return SourceDoc.from_chunks(source, version, "", ids, texts, meta)

    index = SegmentIndex()
    hotel = [
        "Ostrava Suites hires night porters; Ostrava Suites trains them for a week.",
        "The night audit balances every guest folio before dawn.",
        "Porters at Ostrava carry luggage and call taxis.",
    ]
    inn = [
        "A night porter at an inn also answers the phone.",
        "The inn's manager counts the till at closing.",
    ]
    index.apply([doc("ostrava", "v1", ["Ostrava once ran a laundry."]), doc("inn", "v1", inn)])
    index.apply([doc("ostrava", "v2", hotel), doc("tavern", "v1", ["Taverns open late."])])
    weights = {"ostrava": 1.0, "night": 0.5}
    plain = dict(index.search(weights).top(20))
    named = dict(index.search(weights, {"ostrava": ["ostrava", "tavern"]}).top(20))
    name_part = dict(index.search({"ostrava": 1.0}).top(20))
    most = max(name_part.get(f"ostrava-v2-{n}", 0.0) for n in range(3))
    assert most > 0 and "ostrava-v2-1" not in name_part
    night = dict(index.search({"night": 0.5}).top(20))
    for n in range(3):
        cid = f"ostrava-v2-{n}"
        assert named[cid] == pytest.approx(most + night.get(cid, 0.0), rel=1e-5), cid
    # the passage that answers "the night audit at Ostrava" no longer trails those that
    # merely write the name
    assert max(named, key=named.get) == "ostrava-v2-1"
    assert max(plain, key=plain.get) == "ostrava-v2-0"
    for cid in ("inn-v1-0", "inn-v1-1"):  # another source's rows
        assert named.get(cid) == plain.get(cid)
    assert "tavern-v1-0" not in named  # named, but it never writes the term
    assert "ostrava-v1-0" not in named  # the replaced version's row is dead
    assert index.search(weights, {"ostrava": ["gone"]}).top(20) == index.search(weights).top(20)
