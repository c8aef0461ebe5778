"""The in-process lexical index kept in step with a KnowledgeBase, one changed source at a time.

A check costs O(1) (the store's stamp). When the stamp moved, the sources written or removed
since the last look come from the `sources` collection's change times (O(changes)); each
changed source is re-read from Chroma and re-tokenized on its own. A restart loads the
persisted segments (memory-mapped) and catches up the same way, so only a first start, or a
store the index has never seen, reads every chunk.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from ..schema import source_key
from ..store import is_complete
from .segments import SegmentIndex
from .tokens import SourceDoc

# Changes are re-examined this far back (µs): a writer stamps a source record a moment before
# it lands, and writers on different machines disagree a little on the time. Re-reading one is
# cheap: a source whose stored version the index already has is skipped.
MARGIN_US = 10_000_000
SAVE_EVERY = 5.0  # seconds between saves of the persisted index while writes keep coming
BUILD_BATCH = 4000  # chunks per segment while building from scratch
PAGE = 5000


class StoreIndex:
    """LexicalIndex over a KnowledgeBase; `folder` holds the persisted index (None: memory)."""

    def __init__(self, kb, folder: Path | None = None) -> None:
        self.kb = kb
        self.folder = Path(folder) if folder else None
        self._index: SegmentIndex | None = None
        self._fingerprint: object = object()  # never equal to a stamp, not even None
        self._lock = threading.Lock()
        self._saved_at = 0.0
        self.stats = {"built": 0, "loaded": 0, "applied": 0, "removed": 0}

    # -- keeping up ----------------------------------------------------------------------------

    def refresh(self, stamp: str | None = None) -> bool:
        # The stamp alone (not the chunk count, which costs ~30 ms at 100k chunks): the index
        # follows source records, and every record write changes the stamp. A caller that has
        # just read it (a question keyed by it in the answer cache) hands it in.
        fingerprint = stamp if stamp is not None else self.kb.stamp()
        if fingerprint == self._fingerprint:
            return False
        with self._lock:
            if fingerprint == self._fingerprint:
                return False
            if self._index is None:
                self._index = self._open()
            self._catch_up()
            self._fingerprint = fingerprint
            if self._index.dirty and time.monotonic() - self._saved_at >= SAVE_EVERY:
                self.save()
            return True  # a new stamp: something was written, if only chunk metadata

    def save(self) -> None:
        if self._index is not None and self.folder is not None:
            self._index.save()
            self._saved_at = time.monotonic()

    def _open(self) -> SegmentIndex:
        identity = str(self.kb.chunks.id)
        if self.folder is not None:
            index = SegmentIndex.load(self.folder)
            if index is not None and index.state.get("collection") == identity:
                self.stats["loaded"] += 1
                return index
        index = self._build()
        index.state["collection"] = identity
        self.save_index(index)
        return index

    def save_index(self, index: SegmentIndex) -> None:
        if self.folder is not None:
            index.save()
            self._saved_at = time.monotonic()

    def _build(self) -> SegmentIndex:
        """Every stored source from scratch, reading chunks page by page and tokenizing each
        source as soon as all its chunks arrived (texts are not kept)."""
        index = SegmentIndex(self.folder)
        # Only complete records: a source mid-write is picked up when its writer finishes.
        records = {s: r for s, r in self.kb.records().items() if is_complete(r)}
        index.state["seen"] = max(
            (int(r.get("changed_at", 0)) for r in records.values()), default=0
        )
        pending: dict[str, tuple[list, list, list]] = {}
        ready: list[SourceDoc] = []
        ready_chunks = 0

        def finish(source: str) -> None:
            nonlocal ready_chunks
            ids, docs, metas = pending.pop(source)
            rec = records[source]
            ready.append(
                SourceDoc.from_chunks(
                    source, rec["version"], rec.get("title", ""), ids, docs, metas
                )
            )
            ready_chunks += len(ids)

        total = self.kb.chunks.count()
        for offset in range(0, total, PAGE):
            for cid, doc, meta in zip(*self.kb.read_chunks(limit=PAGE, offset=offset), strict=True):
                rec = records.get(meta.get("source"))
                if rec is None or meta.get("version") != rec.get("version"):
                    continue  # an older version, or a write not finished: not answerable yet
                ids, docs, metas = pending.setdefault(meta["source"], ([], [], []))
                ids.append(cid)
                docs.append(doc)
                metas.append(meta)
                if len(ids) == int(rec.get("chunks", -1)):
                    finish(meta["source"])
            if ready_chunks >= BUILD_BATCH:
                index.apply(ready)
                ready, ready_chunks = [], 0
        for source in list(pending):
            finish(source)
        index.apply(ready)
        self.stats["built"] += 1
        return index

    def _catch_up(self) -> bool:
        index = self._index
        seen = int(index.state.get("seen", 0))
        names, newest = self.kb.changes_since(max(0, seen - MARGIN_US))
        if not names:
            return False
        got = self.kb.sources.get(ids=[source_key(n) for n in names], include=["metadatas"])
        current = {m["source"]: m for m in got["metadatas"] or [] if m and "source" in m}
        gone = [n for n in names if n not in current and index.version_of(n) is not None]
        docs = []
        for name, rec in current.items():
            if not is_complete(rec) or index.version_of(name) == rec.get("version"):
                continue  # mid-write: keep what is indexed until the writer finishes
            ids, texts, metas = self.kb.source_chunks(name, rec["version"])
            docs.append(
                SourceDoc.from_chunks(name, rec["version"], rec.get("title", ""), ids, texts, metas)
            )
        index.remove(gone)
        index.apply(docs)
        index.state["seen"] = max(seen, newest)
        self.stats["applied"] += len(docs)
        self.stats["removed"] += len(gone)
        return bool(docs or gone)

    # -- LexicalIndex --------------------------------------------------------------------------

    def _ready(self) -> SegmentIndex:
        if self._index is None:
            self.refresh()
        return self._index

    @property
    def size(self) -> int:
        return self._ready().size

    @property
    def generation(self) -> int:
        return self._ready().version

    def search(self, weights, depth, source=None, also=(), named=None):
        hits = self._ready().search(weights, named)
        scores = hits.scores_of(list(also))
        return hits.top(depth, source), {c: s for c, s in scores.items() if s is not None}

    def doc_freq(self, term: str) -> int:
        return self._ready().doc_freq(term)

    def idf(self, term: str) -> float:
        return self._ready().idf(term)

    def word_count(self, word: str) -> int:
        return self._ready().word_count(word)

    def surface_words(self, start: int = 0) -> list[str]:
        return self._ready().surface_words(start)

    def word_counts(self):
        return self._ready().word_counts()

    def word_id(self, word: str) -> int | None:
        return self._ready().word_id(word)

    def live_words(self) -> list[str]:
        return self._ready().live_words()

    @property
    def acronyms(self) -> dict[str, str]:
        return self._ready().acronyms

    def reference_entry(self, ref_id: str) -> str | None:
        return self._ready().reference_entry(ref_id)

    def titles(self) -> list[str]:
        return self._ready().titles()

    def changed_since(self, generation: int) -> set[str] | None:
        return self._ready().changed_since(generation)

    def version_of(self, source: str) -> str | None:
        return self._ready().version_of(source)

    def chunk_ids(self, source: str) -> tuple[str, list[str]] | None:
        return self._ready().chunk_ids(source)
