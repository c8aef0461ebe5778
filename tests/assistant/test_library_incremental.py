"""The per-article vocabulary (roles, abbreviations, titles) follows a write one article at a
time: the articles read and merged per change do not grow with the library, and the result is
what reading the whole library again gives."""

from __future__ import annotations

import pytest

from assistant.retrieve import Retriever
from bench.synth import write_articles
from ingest.pipeline import ingest_sources
from knowledge.settings import get_settings
from knowledge.store import open_knowledge_base

ARTICLE = """# Photon Ledger Engineer vs Quantum Widget Analyst

Photon Ledger Engineering (PLE) is the practice of balancing photon ledgers for observatories.
A photon ledger engineer {verb} calibration tables every week, and a quantum widget analyst
checks the widget counts that the ledgers depend on.

## Pay

A photon ledger engineer earns about $87,654 a year; a quantum widget analyst about $65,432.
"""


def _settings(store):
    settings = get_settings(store=store)
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    return settings


def _same(a, b) -> None:
    assert a.titles == b.titles
    assert a.headings == b.headings
    assert a.acronyms == b.acronyms
    assert a.acronym_uses == b.acronym_uses
    assert a.modifiers == b.modifiers
    assert a.roles.phrases == b.roles.phrases
    assert a.roles.aliases == b.roles.aliases


@pytest.mark.parametrize("articles", [3, 12])
def test_a_write_reads_and_merges_only_the_article_it_changed(tmp_path, articles):
    write_articles(tmp_path / "library", articles, paragraphs=3)
    settings = _settings(tmp_path / "store")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(tmp_path / "library")], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    retriever.library  # noqa: B018 - the first build reads every article once
    assert retriever.library_stats == {"read": articles, "rebuilt": 1, "merged": articles}

    extra = tmp_path / "extra" / "photon.md"
    extra.parent.mkdir()
    extra.write_text(ARTICLE.format(verb="updates"), encoding="utf-8")
    assert ingest_sources([str(extra)], kb, settings).ok
    retriever.refresh()
    library = retriever.library
    # One article read and merged in, whatever the library's size; no full rebuild.
    assert retriever.library_stats == {"read": articles + 1, "rebuilt": 1, "merged": articles + 1}
    assert library.acronyms.get("PLE", "").lower() == "photon ledger engineering"
    assert "quantum widget analyst" in library.roles.phrases  # learnt from its title
    assert len(library.titles) == articles + 1

    extra.write_text(ARTICLE.format(verb="rewrites"), encoding="utf-8")  # a new version
    assert ingest_sources([str(extra)], kb, settings).ok
    retriever.refresh()
    retriever.library  # noqa: B018
    # The old version merged out, the new one read and merged in.
    assert retriever.library_stats == {"read": articles + 2, "rebuilt": 1, "merged": articles + 3}

    # The same as a retriever that reads the whole library now.
    fresh = Retriever(open_knowledge_base(settings))
    fresh.refresh()
    _same(retriever.library, fresh.library)
    assert fresh.library_stats["rebuilt"] == 1

    source = next(s for s in library.titles if s.endswith("photon.md"))
    assert kb.remove(source)
    retriever.refresh()
    library = retriever.library
    assert retriever.library_stats == {"read": articles + 2, "rebuilt": 1, "merged": articles + 4}
    assert "PLE" not in library.acronyms
    assert "quantum widget analyst" not in library.roles.phrases
    assert source not in library.titles


def test_merging_in_any_grouping_gives_the_whole_library(tmp_path):
    """LibraryParts after adds and removes equals the parts built from what is left."""
    from assistant.understand.vocabulary import ArticleVocab, LibraryParts

    def vocab(i: int) -> ArticleVocab:
        text = ARTICLE.format(verb=f"checks {i}").replace("Photon", f"Photon{i % 3}")
        return ArticleVocab.of(f"Article {i}", [text], [{"section": f"Pay {i % 2}"}])

    arts = {f"s{i}": vocab(i) for i in range(8)}
    parts = LibraryParts()
    for s, a in arts.items():
        parts.add(s, a)
    for s in ("s1", "s4", "s6"):
        parts.remove(s)
    parts.add("s4", arts["s4"])  # back, now last
    left = {s: a for s, a in arts.items() if s not in ("s1", "s4", "s6")} | {"s4": arts["s4"]}
    whole = LibraryParts()
    for s, a in left.items():
        whole.add(s, a)
    args = (set(), lambda _w: 0, lambda _p: [])
    _same(parts.library(*args), whole.library(*args))
    assert parts.merged == 8 + 3 + 1


def test_a_first_start_reads_many_articles_in_one_pass_with_the_same_result(tmp_path):
    """Past READ_ONE_BY_ONE articles, the first build pages through the chunks once; what it
    learns per article equals reading that article on its own."""
    from assistant.retrieve import READ_ONE_BY_ONE
    from assistant.understand.vocabulary import ArticleVocab

    count = READ_ONE_BY_ONE + 5
    write_articles(tmp_path / "library", count, paragraphs=2)
    settings = _settings(tmp_path / "store")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(tmp_path / "library")], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    library = retriever.library
    assert retriever.library_stats == {"read": count, "rebuilt": 1, "merged": count}
    records = kb.records()
    assert len(library.titles) == count
    for source, record in records.items():
        version = record["version"]
        ids, docs, metas = kb.source_chunks(source, version)
        alone = ArticleVocab.of(record.get("title", ""), docs, metas)
        assert retriever._articles[(source, version)].as_json() == alone.as_json()
        # Chunk positions (for neighbour passages) are known for every article read.
        assert sorted(retriever._chunk_at[(source, version)].values()) == sorted(ids)


NURSING = """# Charge Nurse vs Staff Nurse

Intensive Care Unit (ICU) nurses {verb} the Intensive Care Unit rota, and the Intensive Care
Unit charge nurse signs it. A staff nurse on the Neonatal Intensive Care Unit (NICU) works
twelve-hour shifts; Neonatal Intensive Care Unit teams hand over twice a day.

## Pay

A charge nurse earns more than a staff nurse in most Intensive Care Unit teams.
"""


def _nursing(i: int):
    from assistant.understand.vocabulary import ArticleVocab

    text = NURSING.format(verb=f"plan {i}")
    return ArticleVocab.of(f"Ward guide {i}", [text], [{"section": "Pay"}])


def test_merged_acronym_runs_are_the_sum_of_each_articles_counts():
    from collections import Counter

    from assistant.understand.vocabulary import LibraryParts

    arts = {f"ward{i}": _nursing(i) for i in range(3)}
    assert any(len(a.runs) for a in arts.values())  # the texts spell acronyms out
    parts = LibraryParts()
    for source, art in arts.items():
        parts.add(source, art)
    expected: dict[str, Counter] = {}
    for art in arts.values():
        for acronym, spellings in art.runs.items():
            expected[acronym] = expected.get(acronym, Counter()) + Counter(spellings)
    assert parts._runs == expected
    parts.remove("ward1")
    for acronym, spellings in arts["ward1"].runs.items():
        expected[acronym] -= Counter(spellings)
    assert parts._runs == {k: c for k, c in expected.items() if c}


def test_the_saved_article_vocabulary_reads_back_as_it_was_and_refuses_other_kinds():
    import json

    from assistant.understand.vocabulary import ArticleVocab

    art = _nursing(7)
    back = ArticleVocab.from_json(json.loads(json.dumps(art.as_json())))
    assert back.as_json() == art.as_json()
    assert back.modifiers == art.modifiers and isinstance(back.modifiers, set)
    for key, wrong in (("runs", {"ICU": ["Intensive Care Unit"]}), ("headings", "Pay")):
        damaged = {**art.as_json(), key: wrong}
        with pytest.raises(TypeError):
            ArticleVocab.from_json(damaged)


def test_a_damaged_saved_vocabulary_is_read_again_from_the_articles(tmp_path):
    """A cache whose entries are of the wrong kind is ignored: the articles are read again and
    the library is the one a first start builds."""
    import json

    folder = tmp_path / "library"
    folder.mkdir()
    for i in range(2):
        (folder / f"ward-{i}.md").write_text(NURSING.format(verb=f"plan {i}"), encoding="utf-8")
    settings = _settings(tmp_path / "store")
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder)], kb, settings).ok
    first = Retriever(kb)
    first.refresh()
    library = first.library
    first._save_articles()
    path = first._articles_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["vocab"]["runs"] = {"ICU": "Intensive Care Unit"}  # a string, not counts
    path.write_text(json.dumps(data), encoding="utf-8")
    again = Retriever(kb)
    again.refresh()
    _same(again.library, library)
    assert again.library_stats["read"] == 2  # both articles read again, not taken from it
