"""KnowledgeBase.records(): read from Chroma once per stamp, current after any write."""

from __future__ import annotations

import shutil

from knowledge.settings import REPO_ROOT
from knowledge.store import open_knowledge_base
from tests.ingest.helpers import clean_env, run_cli_json

SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
NOTES = "Interview Notes\n\nPreparing\n\nPractice system design with a friend twice a week.\n"


class _CountingReads:
    """The sources collection with its full reads counted (everything else passes through)."""

    def __init__(self, collection) -> None:
        self._collection = collection
        self.full_reads = 0

    def get(self, *args, **kwargs):
        if not args and "ids" not in kwargs and "where" not in kwargs:
            self.full_reads += 1
        return self._collection.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._collection, name)


def test_records_follow_writes_from_this_and_other_processes(tmp_path, make_settings):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    settings = make_settings()
    kb = open_knowledge_base(settings)
    reads = kb.sources = _CountingReads(kb.sources)
    assert kb.records() == {}

    from ingest.pipeline import ingest_sources, remove_source

    assert ingest_sources([str(folder)], kb, settings).ok
    first = kb.records()
    assert len(first) == 1
    title = next(iter(first.values()))["title"]
    # Callers get copies: changing one changes nothing for the next caller.
    next(iter(first.values()))["title"] = "changed by a caller"
    before = reads.full_reads
    again = kb.records()
    assert reads.full_reads == before  # nothing was written: no second full read
    assert next(iter(again.values()))["title"] == title

    # Another process adds an article: the stamp moves, the next call reads the records again.
    (folder / "notes.txt").write_text(NOTES)
    env = clean_env(ASSISTANT_STORE=str(settings.store))
    rc, report = run_cli_json(str(folder / "notes.txt"), env=env)
    assert rc == 0, report
    added = kb.records()
    assert reads.full_reads == before + 1
    assert sorted(r["title"] for r in added.values()) == sorted([title, "Interview Notes"])

    # So does a record updated in place (what following references does to a page's record).
    source = next(s for s, r in added.items() if r["title"] == "Interview Notes")
    kb.update_record(source, {"title": "Interview Notes, revised"})
    assert kb.records()[source]["title"] == "Interview Notes, revised"

    # A removal in this process shows at once too.
    assert remove_source(kb, str(folder / "notes.txt")).ok
    assert [r["title"] for r in kb.records().values()] == [title]


def test_a_restart_reads_the_records_saved_at_the_same_stamp(tmp_path, make_settings):
    """The records read last are saved beside the lexical index with the stamp they were read
    at: a new process on an unchanged store reads that file instead of every record from
    Chroma; after a write (new stamp) or with a damaged file it reads Chroma again."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "notes.txt").write_text(NOTES)
    settings = make_settings()
    from ingest.pipeline import ingest_sources

    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder)], kb, settings).ok
    stored = kb.records()  # read from Chroma (a new stamp), and saved

    restarted = open_knowledge_base(settings)
    reads = restarted.sources = _CountingReads(restarted.sources)
    assert restarted.records() == stored
    assert reads.full_reads == 0

    # Another process writes: the saved records are a stamp behind, so a start reads Chroma.
    (folder / "pastry.txt").write_text(
        "Pastry Cook Basics\n\nThe Work\n\nA pastry cook laminates dough before dawn.\n"
    )
    rc, report = run_cli_json(
        str(folder / "pastry.txt"), env=clean_env(ASSISTANT_STORE=str(settings.store))
    )
    assert rc == 0, report
    later = open_knowledge_base(settings)
    reads = later.sources = _CountingReads(later.sources)
    titles = sorted(r["title"] for r in later.records().values())
    assert titles == ["Interview Notes", "Pastry Cook Basics"]
    assert reads.full_reads == 1

    # A damaged file is no answer either: Chroma is read, and the file written again.
    saved = settings.store / "lexical" / "records.json"
    saved.write_text('{"stamp": ', encoding="utf-8")
    damaged = open_knowledge_base(settings)
    reads = damaged.sources = _CountingReads(damaged.sources)
    assert sorted(r["title"] for r in damaged.records().values()) == titles
    assert reads.full_reads == 1
    fresh = open_knowledge_base(settings)
    reads = fresh.sources = _CountingReads(fresh.sources)
    assert sorted(r["title"] for r in fresh.records().values()) == titles
    assert reads.full_reads == 0
