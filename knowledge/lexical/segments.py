"""An in-process BM25 index built from immutable segments, patched one source at a time.

Each segment holds the chunks of one or more sources as numpy arrays (doc-major term counts,
term-major postings, chunk lengths, surface-word sets), persisted as .npy files that are
memory-mapped on load. Adding a source writes a new small segment; removing one marks its rows
deleted and lowers the global statistics by its own rows only. Small segments are merged in
the background of writes, logarithmically (a segment merges with its neighbour once that
neighbour is no more than twice its size), so a write costs time in proportion to the article
and the index keeps O(log n) segments. Global statistics (document frequency, chunk count,
total length) are kept up to date on every change, so a score is the same as a BM25 index
built from scratch over the live chunks (Lucene idf, k1 1.5, b 0.75, as bm25s computes it).
"""

from __future__ import annotations

import bisect
import json
import math
import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .tokens import SourceDoc, acronyms

K1, B = 1.5, 0.75
PARTS_KEPT = 1_000_000  # postings whose BM25 part a segment keeps (4 MB of float32)
MANIFEST = "manifest.json"
CHANGE_LOG = 10_000  # newest (version, source) changes kept for changed_since()
FORMAT = 2  # 2: words fold accents (knowledge.text.words); an index of format 1 is rebuilt
_ARRAYS = (
    "doc_len",
    "doc_src",
    "d_indptr",
    "d_terms",
    "d_tfs",
    "s_indptr",
    "s_words",
    "t_indptr",
    "t_docs",
    "t_tfs",
    "ids",
)


class Vocabulary:
    """Strings to process-local ids, append-only; segments translate their own ids on load."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.ids: dict[str, int] = {}

    def id(self, word: str) -> int:
        i = self.ids.get(word)
        if i is None:
            i = self.ids[word] = len(self.words)
            self.words.append(word)
        return i

    def map(self, words: list[str]) -> np.ndarray:
        """Ids of these words, new words appended in order. A restart maps each loaded
        segment's words: the first into an empty vocabulary (made in one `dict(zip(...))`),
        the others mostly known (looked up in one `map`, then only the new ones one by one);
        the same ids as adding them one at a time, in 1/4 of the time at 100k chunks."""
        ids = self.ids
        if not ids and words:
            ids.update(zip(words, range(len(words)), strict=True))
            if len(ids) == len(words):  # distinct (a segment's own words always are)
                self.words.extend(words)
                return np.arange(len(words), dtype=np.int32)
            ids.clear()  # a repeated word: the general way below
        out = list(map(ids.get, words))
        if None in out:
            for n, w in enumerate(words):
                if out[n] is None:
                    i = ids.get(w)  # a word repeated in `words` has its id by now
                    if i is None:
                        i = ids[w] = len(self.words)
                        self.words.append(w)
                    out[n] = i
        return np.array(out, dtype=np.int32)


@dataclass
class SourceEntry:
    """One source inside a segment: its rows and what the index derives from it."""

    version: str
    title: str
    start: int
    end: int
    acronyms: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # ref id -> chunk id of its list entry

    def as_json(self) -> dict:
        return self.__dict__


class Segment:
    """Immutable rows of a few sources; `alive` is the only thing that changes after creation."""

    def __init__(
        self, name: str, arrays: dict, terms: list[str], words: list[str], sources: dict
    ) -> None:
        self.name = name
        for key in _ARRAYS:
            # Loaded arrays are memory-mapped: held as plain ndarray views of the same pages
            # (no copy), so indexing them skips np.memmap's Python-level __getitem__, which
            # cost a search as much as its arithmetic.
            setattr(self, key, np.asarray(arrays[key]))
        self.terms = terms  # local term id -> stem
        self.words = words  # local surface id -> word
        self.sources: dict[str, SourceEntry] = sources
        self.source_names = list(sources)  # doc_src indexes this list
        self.alive = np.ones(len(self.doc_len), dtype=bool)
        self.g_terms = np.zeros(0, dtype=np.int32)  # local -> global, set by bind()
        self.g_words = np.zeros(0, dtype=np.int32)
        self._g_sorted = np.zeros(0, dtype=np.int32)
        self._g_perm = np.zeros(0, dtype=np.int32)
        self._id_order: np.ndarray | None = None
        self._source_at: dict[str, int] | None = None  # source -> its index in source_names
        self._norm: tuple[float, np.ndarray] | None = None  # (average length, BM25 norms)
        # (average length, local term id -> (rows, tf / (norm + tf)), postings held)
        self._parts: tuple[float, dict[int, tuple[np.ndarray, np.ndarray]], list[int]] | None = None

    @property
    def size(self) -> int:
        return len(self.doc_len)

    def bind(self, terms: Vocabulary, words: Vocabulary) -> None:
        self.g_terms = terms.map(self.terms)
        self.g_words = words.map(self.words)
        order = np.argsort(self.g_terms, kind="stable").astype(np.int32)
        self._g_sorted, self._g_perm = self.g_terms[order], order

    def source_index(self, source: str) -> int | None:
        """The index of a source in `source_names` (what `doc_src` holds), None if not here."""
        if self._source_at is None:
            self._source_at = {s: i for i, s in enumerate(self.source_names)}
        return self._source_at.get(source)

    def local_term(self, gid: int) -> int:
        return int(self.local_terms(np.array([gid], dtype=np.int64))[0])

    def local_terms(self, gids: np.ndarray) -> np.ndarray:
        """This segment's ids of these global term ids (-1 where it has none): one
        searchsorted for a whole query instead of one call per term."""
        if not len(self._g_sorted):
            return np.full(len(gids), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._g_sorted, gids), len(self._g_sorted) - 1)
        return np.where(self._g_sorted[at] == gids, self._g_perm[at], -1)

    def postings(self, gid: int) -> tuple[np.ndarray, np.ndarray] | None:
        t = self.local_term(gid)
        return None if t < 0 else self.postings_of(t)

    def postings_of(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = int(self.t_indptr[t]), int(self.t_indptr[t + 1])
        return self.t_docs[a:b], self.t_tfs[a:b]

    def norms(self, avg: float) -> np.ndarray:
        """BM25's length norm of every row for this average length, computed once per
        average (it moves only with a write): a common term's postings cover most rows."""
        kept = self._norm
        if kept is None or kept[0] != avg:
            kept = self._norm = (avg, K1 * ((1 - B) + B * self.doc_len / avg))
        return kept[1]

    def term_part(self, t: int, avg: float) -> tuple[np.ndarray, np.ndarray]:
        """A term's rows and its BM25 part on each, `tf / (norm + tf)`, before its weight:
        kept for this average length (a write moves it), up to PARTS_KEPT postings. Questions
        share their common words ("engineer", "salary"), whose postings cover much of a large
        library: a search then adds the kept part instead of gathering norms and dividing."""
        held = self._parts
        if held is None or held[0] != avg or held[2][0] > PARTS_KEPT:
            # (a new tuple: a search still on the previous average keeps its own)
            held = self._parts = (avg, {}, [0])
        got = held[1].get(t)
        if got is None:
            rows, tf = self.postings_of(t)
            got = held[1][t] = (rows, tf / (self.norms(avg)[rows] + tf))
            held[2][0] += len(rows)
        return got

    def row_of(self, chunk_id: str) -> int:
        return int(self.rows_of([chunk_id])[0])

    def rows_of(self, chunk_ids: list[str]) -> np.ndarray:
        """The rows of these chunk ids (-1 where this segment has none), in one search."""
        out = np.full(len(chunk_ids), -1, dtype=np.int64)
        if not len(self.ids) or not chunk_ids:
            return out
        if self._id_order is None:
            self._id_order = np.argsort(self.ids, kind="stable")
        width = self.ids.dtype.itemsize
        raws = [c.encode() for c in chunk_ids]
        # an id longer than the column, or ending in NUL, cannot be stored in it
        fits = [i for i, raw in enumerate(raws) if len(raw) <= width and not raw.endswith(b"\0")]
        if not fits:
            return out
        keys = np.array([raws[i] for i in fits], dtype=self.ids.dtype)
        at = np.minimum(np.searchsorted(self.ids, keys, sorter=self._id_order), len(self.ids) - 1)
        rows = self._id_order[at]
        found = self.ids[rows] == keys
        out[np.asarray(fits)[found]] = rows[found]
        return out

    def rows_terms(self, start: int, end: int) -> np.ndarray:
        """Global ids of the distinct terms of each row in [start, end), concatenated."""
        a, b = int(self.d_indptr[start]), int(self.d_indptr[end])
        return self.g_terms[self.d_terms[a:b]]

    def rows_words(self, start: int, end: int) -> np.ndarray:
        a, b = int(self.s_indptr[start]), int(self.s_indptr[end])
        return self.g_words[self.s_words[a:b]]

    # -- persistence ---------------------------------------------------------------------------

    def save(self, root: Path) -> None:
        tmp = root / f".{self.name}.tmp-{uuid.uuid4().hex[:8]}"
        tmp.mkdir(parents=True)
        for key in _ARRAYS:
            np.save(tmp / f"{key}.npy", np.ascontiguousarray(getattr(self, key)))
        meta = {
            "terms": self.terms,
            "words": self.words,
            "sources": {s: e.as_json() for s, e in self.sources.items()},
        }
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, root / self.name)

    @classmethod
    def load(cls, root: Path, name: str) -> Segment:
        folder = root / name
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = {key: np.load(folder / f"{key}.npy", mmap_mode="r") for key in _ARRAYS}
        sources = {s: SourceEntry(**e) for s, e in meta["sources"].items()}
        return cls(name, arrays, meta["terms"], meta["words"], sources)


def _new_name() -> str:
    return f"seg-{time.time_ns():x}-{uuid.uuid4().hex[:6]}"


def build_segment(docs: list[SourceDoc]) -> Segment:
    """A segment from tokenized sources; time and memory in proportion to their chunks."""
    terms, words = Vocabulary(), Vocabulary()
    ids: list[bytes] = []
    doc_len, doc_src, d_counts, d_terms, d_tfs, s_counts, s_words = [], [], [], [], [], [], []
    sources: dict[str, SourceEntry] = {}
    for n, doc in enumerate(docs):
        start = len(ids)
        for chunk_id, tokens, surface in zip(doc.ids, doc.tokens, doc.surface, strict=True):
            counts = Counter(tokens)
            uniq = terms.map(list(counts))
            tfs = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            ids.append(chunk_id.encode())
            doc_len.append(len(tokens))
            doc_src.append(n)
            d_counts.append(len(uniq))
            d_terms.append(uniq)
            d_tfs.append(tfs)
            sw = words.map(list(surface))
            s_counts.append(len(sw))
            s_words.append(sw)
        sources[doc.source] = SourceEntry(
            version=doc.version,
            title=doc.title,
            start=start,
            end=len(ids),
            acronyms=doc.acronyms,
            refs=doc.refs,
        )
    return _assemble(
        ids, doc_len, doc_src, d_counts, d_terms, d_tfs, s_counts, s_words, terms, words, sources
    )


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def _indptr(counts) -> np.ndarray:
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(np.asarray(counts, dtype=np.int64), out=out[1:])
    return out


def _assemble(
    ids, doc_len, doc_src, d_counts, d_terms, d_tfs, s_counts, s_words, terms, words, sources
) -> Segment:
    d_indptr = _indptr(d_counts)
    d_terms_a = _cat(d_terms, np.int32)
    d_tfs_a = _cat(d_tfs, np.float32)
    rows = np.repeat(np.arange(len(doc_len), dtype=np.int32), np.asarray(d_counts, dtype=np.int64))
    order = np.argsort(d_terms_a, kind="stable")
    t_indptr = _indptr(np.bincount(d_terms_a, minlength=len(terms.words)))
    arrays = {
        "doc_len": np.asarray(doc_len, dtype=np.float32),
        "doc_src": np.asarray(doc_src, dtype=np.int32),
        "d_indptr": d_indptr,
        "d_terms": d_terms_a,
        "d_tfs": d_tfs_a,
        "s_indptr": _indptr(s_counts),
        "s_words": _cat(s_words, np.int32),
        "t_indptr": t_indptr,
        "t_docs": rows[order],
        "t_tfs": d_tfs_a[order],
        "ids": np.array(ids, dtype=bytes) if ids else np.zeros(0, dtype="S1"),
    }
    return Segment(_new_name(), arrays, terms.words, words.words, sources)


def merge_segments(
    segments: list[Segment], g_terms: Vocabulary, g_words: Vocabulary, where: dict[str, Segment]
) -> Segment:
    """One segment with the live sources of `segments` (those `where` places in them)."""
    terms, words = Vocabulary(), Vocabulary()
    ids, doc_len, doc_src, d_counts, d_terms, d_tfs, s_counts, s_words = ([] for _ in range(8))
    sources: dict[str, SourceEntry] = {}
    row = 0
    for seg in segments:
        t_map = terms.map([g_terms.words[g] for g in seg.g_terms])
        w_map = words.map([g_words.words[g] for g in seg.g_words])
        for name, entry in seg.sources.items():
            if where.get(name) is not seg:
                continue
            s, e = entry.start, entry.end
            src_n = len(sources)
            sources[name] = SourceEntry(
                entry.version, entry.title, row, row + e - s, entry.acronyms, entry.refs
            )
            row += e - s
            ids.append(np.asarray(seg.ids[s:e]))
            doc_len.append(np.asarray(seg.doc_len[s:e]))
            doc_src.append(np.full(e - s, src_n, dtype=np.int32))
            d_counts.append(np.diff(seg.d_indptr[s : e + 1]))
            a, b = int(seg.d_indptr[s]), int(seg.d_indptr[e])
            d_terms.append(t_map[seg.d_terms[a:b]])
            d_tfs.append(np.asarray(seg.d_tfs[a:b]))
            s_counts.append(np.diff(seg.s_indptr[s : e + 1]))
            a, b = int(seg.s_indptr[s]), int(seg.s_indptr[e])
            s_words.append(w_map[seg.s_words[a:b]])
    d_indptr_counts = np.concatenate(d_counts) if d_counts else np.zeros(0, dtype=np.int64)
    s_indptr_counts = np.concatenate(s_counts) if s_counts else np.zeros(0, dtype=np.int64)
    id_arr = np.concatenate(ids) if ids else np.zeros(0, dtype="S1")
    d_terms_a = _cat(d_terms, np.int32)
    d_tfs_a = _cat(d_tfs, np.float32)
    rows = np.repeat(np.arange(row, dtype=np.int32), d_indptr_counts.astype(np.int64))
    order = np.argsort(d_terms_a, kind="stable")
    arrays = {
        "doc_len": _cat(doc_len, np.float32),
        "doc_src": _cat(doc_src, np.int32),
        "d_indptr": _indptr(d_indptr_counts),
        "d_terms": d_terms_a,
        "d_tfs": d_tfs_a,
        "s_indptr": _indptr(s_indptr_counts),
        "s_words": _cat(s_words, np.int32),
        "t_indptr": _indptr(np.bincount(d_terms_a, minlength=len(terms.words))),
        "t_docs": rows[order],
        "t_tfs": d_tfs_a[order],
        "ids": id_arr,
    }
    return Segment(_new_name(), arrays, terms.words, words.words, sources)


class Hits:
    """BM25 scores of one weighted query over every row, with ranked access."""

    def __init__(self, index: SegmentIndex, scores: list[np.ndarray], segments: list[Segment]):
        self._index = index
        self._scores = scores
        self._segments = segments

    def top(self, depth: int, source: str | None = None) -> list[tuple[str, float]]:
        cands: list[tuple[float, int, int]] = []
        for n, (seg, sc) in enumerate(zip(self._segments, self._scores, strict=True)):
            if source is not None:
                entry = seg.sources.get(source)
                if entry is None:
                    continue
                part = sc[entry.start : entry.end]
                base = entry.start
            else:
                part, base = sc, 0
            if not len(part):
                continue
            kth = min(depth, len(part)) - 1
            idx = np.argpartition(-part, kth)[: kth + 1]
            cands += [(float(part[i]), n, base + int(i)) for i in idx if part[i] > 0]
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        return [(self._segments[n].ids[r].decode(), s) for s, n, r in cands[:depth]]

    def score_of(self, chunk_id: str) -> float | None:
        """The chunk's score, or None when the index does not hold it (yet)."""
        return self.scores_of([chunk_id])[chunk_id]

    def scores_of(self, chunk_ids: list[str]) -> dict[str, float | None]:
        """`score_of` for many chunks at once (one search per segment, not per chunk): the
        first segment holding a chunk's live row gives its score."""
        out: dict[str, float | None] = dict.fromkeys(chunk_ids)
        todo = list(out)
        for seg, sc in zip(self._segments, self._scores, strict=True):
            if not todo:
                break
            rows = seg.rows_of(todo)
            rest = []
            for cid, r in zip(todo, rows.tolist(), strict=True):
                if r >= 0 and seg.alive[r]:
                    out[cid] = float(sc[r])
                else:
                    rest.append(cid)
            todo = rest
        return out


class SegmentIndex:
    """The in-process lexical index: apply/remove one source, search, statistics, persist."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.terms, self.words = Vocabulary(), Vocabulary()
        self.segments: list[Segment] = []
        self.where: dict[str, Segment] = {}  # source -> the segment holding its live rows
        self.df = np.zeros(0, dtype=np.int64)
        self.word_df = np.zeros(0, dtype=np.int64)
        self.n_docs = 0
        self.total_len = 0.0
        self.state: dict = {}  # caller's bookmarks, persisted with the manifest
        self.version = 0  # bumped on every change, for derived caches
        # (version, source) for every source added, replaced or removed, in version order:
        # caches derived per source (the assistant's per-article vocabulary) follow the
        # changes instead of rereading every source. Trimmed to the newest CHANGE_LOG entries.
        self._log: list[tuple[int, str]] = []
        self._log_from = 0  # versions after this one are fully logged
        self._acronym_counts: dict[str, dict[str, int]] = {}
        self._acronyms: dict[str, str] | None = None
        self._refs: dict[str, str] = {}
        self._lock = threading.RLock()
        self._dirty = False

    # -- statistics ----------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return self.n_docs

    def doc_freq(self, term: str) -> int:
        i = self.terms.ids.get(term)
        return int(self.df[i]) if i is not None and i < len(self.df) else 0

    def __contains__(self, term: str) -> bool:
        return self.doc_freq(term) > 0

    def idf(self, term: str) -> float:
        n, df = max(1, self.n_docs), self.doc_freq(term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def word_count(self, word: str) -> int:
        """Chunks whose text has this surface word."""
        i = self.words.ids.get(word)
        return int(self.word_df[i]) if i is not None and i < len(self.word_df) else 0

    def surface_words(self, start: int = 0) -> list[str]:
        """Surface words by id from `start` on; ids only grow, so callers can cache per id."""
        return self.words.words[start:]

    def word_counts(self) -> np.ndarray:
        """Chunks per surface word id (zero for words no live chunk uses)."""
        return self.word_df[: len(self.words.words)]

    def word_id(self, word: str) -> int | None:
        return self.words.ids.get(word)

    def live_words(self) -> list[str]:
        live = np.flatnonzero(self.word_df > 0)
        return [self.words.words[i] for i in live]

    def sources(self) -> dict[str, SourceEntry]:
        return {s: seg.sources[s] for s, seg in self.where.items()}

    def titles(self) -> list[str]:
        return sorted({seg.sources[s].title for s, seg in self.where.items()})

    def version_of(self, source: str) -> str | None:
        seg = self.where.get(source)
        return seg.sources[source].version if seg else None

    def chunk_ids(self, source: str) -> tuple[str, list[str]] | None:
        """(version, chunk ids) of the source as indexed (its live rows); None when the index
        does not hold it."""
        seg = self.where.get(source)
        if seg is None:
            return None
        entry = seg.sources[source]
        return entry.version, [raw.decode() for raw in seg.ids[entry.start : entry.end].tolist()]

    @property
    def acronyms(self) -> dict[str, str]:
        """Acronym -> phrase; when sources disagree, the phrase most of them use."""
        with self._lock:
            if self._acronyms is None:
                self._acronyms = {
                    a: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                    for a, c in self._acronym_counts.items()
                    if c
                }
            return self._acronyms

    def reference_entry(self, ref_id: str) -> str | None:
        return self._refs.get(ref_id)

    # -- changes -------------------------------------------------------------------------------

    def _count(self, seg: Segment, start: int, end: int, sign: int) -> None:
        if start == end:
            return
        self.df = _grow(self.df, len(self.terms.words))
        self.word_df = _grow(self.word_df, len(self.words.words))
        np.add.at(self.df, seg.rows_terms(start, end), sign)
        np.add.at(self.word_df, seg.rows_words(start, end), sign)
        self.n_docs += sign * (end - start)
        self.total_len += sign * float(np.sum(seg.doc_len[start:end], dtype=np.float64))

    def _link(self, source: str, entry: SourceEntry, sign: int) -> None:
        for a, phrase in entry.acronyms.items():
            counts = self._acronym_counts.setdefault(a, {})
            counts[phrase] = counts.get(phrase, 0) + sign
            if counts[phrase] <= 0:
                del counts[phrase]
            if not counts:
                del self._acronym_counts[a]
        for ref, chunk_id in entry.refs.items():
            if sign > 0:
                self._refs[ref] = chunk_id
            elif self._refs.get(ref) == chunk_id:
                del self._refs[ref]
        self._acronyms = None

    def changed_since(self, version: int) -> set[str] | None:
        """Sources added, replaced or removed after `version`; None when that is further back
        than the log reaches (the caller then rebuilds from every source)."""
        with self._lock:
            if version < self._log_from or version > self.version:
                return None
            start = bisect.bisect_right(self._log, version, key=lambda e: e[0])
            return {source for _v, source in self._log[start:]}

    def _logged(self, source: str) -> None:
        self._log.append((self.version + 1, source))  # the version _changed() moves to
        if len(self._log) > 2 * CHANGE_LOG:
            self._log_from = self._log[-CHANGE_LOG - 1][0]
            del self._log[: len(self._log) - CHANGE_LOG]
            # Entries of version _log_from may have been cut: it is no longer fully logged.

    def _drop(self, source: str) -> bool:
        seg = self.where.pop(source, None)
        if seg is None:
            return False
        self._logged(source)
        entry = seg.sources[source]
        seg.alive[entry.start : entry.end] = False
        self._count(seg, entry.start, entry.end, -1)
        self._link(source, entry, -1)
        return True

    def _adopt(self, seg: Segment) -> None:
        seg.bind(self.terms, self.words)
        self.segments.append(seg)
        for source, entry in seg.sources.items():
            self._drop(source)
            self._logged(source)
            self.where[source] = seg
            self._count(seg, entry.start, entry.end, +1)
            self._link(source, entry, +1)

    def apply(self, docs: list[SourceDoc]) -> None:
        """Add or replace these sources (each with all of its chunks)."""
        if not docs:
            return
        seg = build_segment(docs)
        with self._lock:
            self._adopt(seg)
            self._merge()
            self._changed()

    def remove(self, sources: list[str]) -> None:
        with self._lock:
            if any([self._drop(s) for s in sources]):
                self._merge()
                self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._dirty = True

    def _merge(self) -> None:
        """Merge the newest segments while the newer one is at least half the older one's
        size (live rows), and drop segments with no live rows: O(log n) segments."""
        self.segments = [s for s in self.segments if self._holds(s)]
        while len(self.segments) >= 2:
            a, b = self.segments[-2], self.segments[-1]
            if 2 * _live(b) < _live(a) and _live(a) > 0.5 * a.size:
                break
            merged = merge_segments([a, b], self.terms, self.words, self.where)
            merged.bind(self.terms, self.words)
            for source in merged.sources:
                self.where[source] = merged
            self.segments[-2:] = [merged]

    def _holds(self, seg: Segment) -> bool:
        return any(self.where.get(s) is seg for s in seg.sources)

    # -- search --------------------------------------------------------------------------------

    def search(self, weights: dict[str, float], named: dict | None = None) -> Hits:
        """BM25 scores of every row for these weighted terms. `named`: term -> the sources whose
        name it is part of (their title, their file name): inside such a source the term is
        said of every passage, which each score as the source's passage that writes it most
        (`_credit_named`)."""
        segments = list(self.segments)
        scores = [np.zeros(s.size, dtype=np.float32) for s in segments]
        avg = self.total_len / self.n_docs if self.n_docs else 1.0
        asked: list[tuple[int, float, str]] = []  # (global term id, weight x idf, term)
        for term, weight in weights.items():
            gid = self.terms.ids.get(term)
            if gid is None or gid >= len(self.df) or self.df[gid] <= 0 or weight == 0:
                continue
            asked.append((gid, weight * self.idf(term), term))
        gids = np.array([g for g, _w, _t in asked], dtype=np.int64)
        for seg, sc in zip(segments, scores, strict=True):
            if not asked:
                break
            for t, (_gid, w, term) in zip(seg.local_terms(gids).tolist(), asked, strict=True):
                if t < 0:
                    continue
                rows, part = seg.term_part(t, avg)
                sc[rows] += np.float32(w) * part
                if named and named.get(term):
                    self._credit_named(seg, sc, rows, np.float32(w) * part, named[term])
        for seg, sc in zip(segments, scores, strict=True):
            if not seg.alive.all():
                sc[~seg.alive] = 0.0
        return Hits(self, scores, segments)

    def _credit_named(self, seg: Segment, sc, rows, parts, sources) -> None:
        """Every row of the named sources live in `seg` gets the most score (`parts`) a row of
        its own source got for the term: the word names the whole article ("18F", "GitLab"),
        so inside it the passages that happen to write it are no nearer the question than the
        rest. A source none of whose rows write the term gets nothing."""
        held = [seg.source_index(s) for s in sources if self.where.get(s) is seg]
        held = [i for i in held if i is not None]
        if not held or not len(rows):
            return
        n = len(seg.source_names)
        most = np.zeros(n, dtype=np.float32)
        np.maximum.at(most, seg.doc_src[rows], parts)
        credit = np.zeros(n, dtype=np.float32)
        credit[held] = most[held]
        if not credit.any():
            return
        # the rows that write it had their own part added: it is replaced by their source's
        sc[rows] -= np.where(credit[seg.doc_src[rows]] > 0, parts, np.float32(0))
        sc += credit[seg.doc_src]

    # -- persistence ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write new segments and then the manifest (atomically); unlisted segments go."""
        if self.folder is None:
            return
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            listed = []
            for seg in self.segments:
                if not (self.folder / seg.name).is_dir():
                    seg.save(self.folder)
                dead = [s for s in seg.sources if self.where.get(s) is not seg]
                listed.append({"name": seg.name, "dead": dead})
            manifest = {"format": FORMAT, "segments": listed, "state": self.state}
            tmp = self.folder / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
            tmp.write_text(json.dumps(manifest), encoding="utf-8")
            os.replace(tmp, self.folder / MANIFEST)
            self._dirty = False
            self._collect({s["name"] for s in listed})

    def _collect(self, keep: set[str]) -> None:
        """Remove segment folders no manifest lists any more (after a grace period, so a
        process reading an older manifest can still open them)."""
        import shutil

        now = time.time()
        for path in self.folder.iterdir():
            if path.name.startswith(("seg-", ".seg-")) and path.name not in keep:
                try:
                    if now - path.stat().st_mtime > 60:
                        shutil.rmtree(path, ignore_errors=True)
                except OSError:
                    pass

    @property
    def dirty(self) -> bool:
        return self._dirty

    @classmethod
    def load(cls, folder: Path) -> SegmentIndex | None:
        """The persisted index, or None when there is none or it cannot be read."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT:
                return None
            index = cls(folder)
            for item in manifest["segments"]:
                seg = Segment.load(folder, item["name"])
                dead = set(item["dead"])
                for source in dead:
                    entry = seg.sources.get(source)
                    if entry:
                        seg.alive[entry.start : entry.end] = False
                seg.bind(index.terms, index.words)
                index.segments.append(seg)
                for source in seg.sources:
                    if source not in dead:
                        index.where[source] = seg
            index._recount()
            index.state = manifest.get("state", {})
            return index
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _recount(self) -> None:
        self.df = np.zeros(len(self.terms.words), dtype=np.int64)
        self.word_df = np.zeros(len(self.words.words), dtype=np.int64)
        self.n_docs, self.total_len = 0, 0.0
        for seg in self.segments:
            rows = np.flatnonzero(seg.alive)
            if not len(rows):
                continue
            s_words = seg.s_words
            if len(rows) < seg.size:  # dropped sources' rows leave the counts
                d_terms = seg.d_terms[np.repeat(seg.alive, np.diff(seg.d_indptr))]
                s_words = s_words[np.repeat(seg.alive, np.diff(seg.s_indptr))]
                per_term = np.bincount(d_terms, minlength=len(seg.g_terms))
            else:  # a term's postings are its rows, one each: their count is its df
                per_term = np.diff(seg.t_indptr)
            # Counted by the segment's own ids, then added at their global ids (distinct, so a
            # plain indexed add): no mask or global id per posting when every row is alive.
            self.df[seg.g_terms] += per_term
            self.word_df[seg.g_words] += np.bincount(s_words, minlength=len(seg.g_words))
            self.n_docs += len(rows)
            self.total_len += float(np.sum(seg.doc_len[rows], dtype=np.float64))
        for source, seg in self.where.items():
            self._link(source, seg.sources[source], +1)


def _live(seg: Segment) -> int:
    return int(seg.alive.sum())


def _grow(arr: np.ndarray, n: int) -> np.ndarray:
    if len(arr) >= n:
        return arr
    out = np.zeros(max(n, 2 * len(arr)), dtype=arr.dtype)
    out[: len(arr)] = arr
    return out


__all__ = ["Hits", "SegmentIndex", "acronyms"]
