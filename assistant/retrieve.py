"""Hybrid retrieval: BM25 (knowledge.lexical) and dense (Chroma) results fused by reciprocal
rank fusion."""

from __future__ import annotations

import bisect
import json
import operator
import os
import re
import threading
import time
from pathlib import Path

import numpy as np

from knowledge.lexical import LexicalIndex, StoreIndex
from knowledge.schema import AUTHORS, Passage, passage_from_record
from knowledge.store import KnowledgeBase
from knowledge.text import STOPWORDS, fold_accents, stem, words

from .understand.lexicon import judgements
from .understand.vocabulary import (
    ArticleVocab,
    Library,
    LibraryParts,
    a_name,
    is_rare,
    specificity,
)

RRF_K = 60
# Seconds one replica may answer from its index before asking the store for changes again
# (an O(1) stamp read): writes made through any other replica show up within this.
CHECK_EVERY = 0.25
SAVE_ARTICLES_EVERY = 50  # articles read since the per-article vocabulary was last saved
READ_ONE_BY_ONE = 50  # more articles to read than this: one paged pass over all chunks
READ_PAGE = 5000  # chunks per page of that pass


class DocFreq:
    """Document frequency by stem, read from the lexical index (`term in doc_freq`)."""

    def __init__(self, index: LexicalIndex) -> None:
        self._index = index

    def __contains__(self, term: str) -> bool:
        return self._index.doc_freq(term) > 0

    def __getitem__(self, term: str) -> int:
        return self._index.doc_freq(term)

    def get(self, term: str, default: int = 0) -> int:
        return self._index.doc_freq(term) or default


def _has_letter(word: str) -> bool:
    return word.isalpha() or any(map(str.isalpha, word))  # most words: letters only


class Vocabulary:
    """Live surface words (no stopwords) to their rows in the word-vector matrix."""

    MEMO_WORDS = 50_000  # words looked up per index state before the memo starts over

    def __init__(self, index: LexicalIndex, live: np.ndarray) -> None:
        self._index = index
        self._live = live
        self._count = int(live.sum())
        # One instance per index state: a question looks up each word of every sentence it
        # scores, so the answers are remembered (a dict read instead of three calls).
        self._memo: dict[str, int | None] = {}
        self._close: dict[str, bool] = {}  # see close()

    def get(self, word: str, default: int | None = None) -> int | None:
        try:
            i = self._memo[word]
        except KeyError:
            i = self._index.word_id(word)
            if i is not None and not (i < len(self._live) and self._live[i]):
                i = None
            if len(self._memo) >= self.MEMO_WORDS:
                self._memo.clear()
            self._memo[word] = i
        return default if i is None else i

    def close(self, word: str, test) -> bool:
        """`test(word)`: whether a stored word is close in meaning to one no chunk writes,
        remembered for this index state (the vocabulary's vectors are those of this state)."""
        got = self._close.get(word)
        if got is None:
            if len(self._close) >= self.MEMO_WORDS:
                self._close.clear()
            got = self._close[word] = bool(test(word))
        return got

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        i = self.get(word)
        if i is None:
            raise KeyError(word)
        return i

    def __len__(self) -> int:
        return self._count


DENSE_SLACK = 8  # extra dense results fetched so the cut at `depth` is not an ANN accident
# Articles of up to this many passages are searched on their own vectors (`_dense_within`)
EXACT_WITHIN = 2000
ARTICLE_READ = 200  # passages of one article read for a comparison side's own section
ABOUT_BATCH = 10  # chunks read first (at least) while looking for those that speak of a role
# Chunk records kept while nothing is written to the store (every write changes its stamp,
# which every question checks; a direct Chroma edit without one is not seen): one question's
# sides read many of the same chunks, and so do questions on the same topic.
READ_KEEP = 2000
MEMO_PAIRS = 10_000  # word pairs whose closeness is remembered before the memo starts over
# Question words whose close store words (`neighbours`) are remembered per vocabulary state
# before the memo starts over: each is a few (stem, similarity) pairs, about 0.5 KB.
MEMO_NEAR = 10_000
SPEAKS_KEEP = 20_000  # chunks' "speaks of this role" tests kept the same way (`_about`)
# A best product over the distinct rows this near a test's threshold is read again over every
# row (`reaches`): the two products of one row differ by a few float32 roundings at most
# (about 1e-5 for 256 dimensions), which could only decide it there.
REACH_MARGIN = 1e-4


def _by_distance(item: tuple[str, float]) -> tuple[float, str]:
    return round(float(item[1]), 6), item[0]


_CAPS = re.compile(r"\b[A-Z]{2,6}(?=s?\b)")


class Retriever:
    """Hybrid search over the store; the lexical side is a LexicalIndex kept current one
    changed source at a time, and texts come from Chroma for the passages returned only."""

    def __init__(self, kb: KnowledgeBase, lexical: LexicalIndex | None = None) -> None:
        self.kb = kb
        self.lexical: LexicalIndex = lexical or StoreIndex(kb, kb.lexical_dir)
        self.doc_freq = DocFreq(self.lexical)
        self._lock = threading.Lock()
        self._checked_at = 0.0
        self._generation = -1
        # Word vectors of the store's surface words, embedded once each and kept across
        # changes; rows of words no chunk uses any more are zero.
        self._row_words: list[str] = []
        self._word_vecs: np.ndarray | None = None
        self._embedded = np.zeros(0, dtype=bool)
        self._stop = np.zeros(0, dtype=bool)
        self._lettered = np.zeros(0, dtype=bool)
        self._neighbour_rows: tuple[np.ndarray, np.ndarray] | None = None
        self._distinct: tuple[np.ndarray, np.ndarray] | None = None  # vectors, distinct rows
        self._vocab: tuple[Vocabulary, np.ndarray] | None = None
        self._vocab_at = -1
        self._saved: tuple[list[str], np.ndarray] | None = None  # saved words, their vectors
        self._unsaved = 0
        self._sorted_words: list[str] = []
        self._sorted_at = -1
        self._closeness: dict[tuple[str, str], float] = {}
        # (word, min_sim, per_word) -> its close store words, for the neighbour rows it was
        # found among (`neighbours`)
        self._near: dict[tuple[str, float, int], tuple[tuple[str, float], ...]] = {}
        self._near_rows: np.ndarray | None = None
        self._library = Library()
        self._library_at = -1
        self._parts = LibraryParts()  # the articles' vocabularies, merged
        self._articles: dict[tuple[str, str], ArticleVocab] = {}  # (source, version) -> vocab
        self._versions: dict[str, str] = {}  # source -> the version merged into _parts
        self._unsaved_articles = 0
        # Articles read from their chunks, full rebuilds, and articles merged in or out.
        self.library_stats = {"read": 0, "rebuilt": 0, "merged": 0}
        self._chunk_at: dict[tuple[str, str], dict[int, str]] = {}  # -> chunk index -> id
        # Chunk records (text, metadata) read since the store was last checked: one question
        # reads many chunks more than once (each side of a comparison, the whole question, what
        # each side is), and each read costs Chroma a lookup. Every check starts it afresh, so
        # a record is never older than the index it was found with.
        self._read: dict[str, tuple[str, dict]] = {}
        # Reference records read since that check (None: not stored), for the answers' links.
        self._refs: dict[str, dict | None] = {}
        # Whether a chunk speaks of a role (`_about`), by (role, chunk id), for the role book
        # it was found with: comparisons of the same two roles test the same chunks.
        self._speaks: dict[tuple[str, str], bool] = {}
        # each article's byline words (folded), read once per change of the index
        self._bylines: dict[str, frozenset[str]] = {}
        self._bylines_at = -1
        self._authors: frozenset[str] = frozenset()  # their words together
        self._speaks_book: object = None
        # BM25 term -> the articles that go by it (`Library.identity`), per library state
        self._named: dict[str, list[str]] = {}
        self._named_of: object = None

    @property
    def size(self) -> int:
        return self.lexical.size

    @property
    def generation(self) -> int:
        """Moves whenever the indexed content changes."""
        return self.lexical.generation

    def titles(self) -> list[str]:
        return self.lexical.titles()

    @property
    def library(self) -> Library:
        """What the stored articles teach about questions (roles, abbreviations, titles),
        kept current with the index one changed article at a time: a write reads and merges
        the articles it changed (the lexical index says which), never the whole library."""
        gen = self.lexical.generation
        if self._library_at == gen:
            return self._library
        with self._lock:
            if self._library_at != gen:
                changed = None
                if self._library_at >= 0:
                    changed = self.lexical.changed_since(self._library_at)
                if changed is None:
                    self._rebuild_library()
                else:
                    self._update_library(changed)
                self._library = self._parts.library(
                    self.doc_freq, self.lexical.word_count, self.longer_words, self.closeness
                )
                self._library_at = gen
        return self._library

    def _read_article(self, source: str, version: str, title: str) -> ArticleVocab:
        """One article's vocabulary from its chunks (and its chunk positions)."""
        ids, docs, metas = self.kb.source_chunks(source, version)
        self._chunk_at[(source, version)] = {
            int(m.get("chunk_index", 0)): cid for cid, m in zip(ids, metas, strict=True)
        }
        self.library_stats["read"] += 1
        return ArticleVocab.of(title, docs, metas)

    def _read_articles(
        self, missing: dict[str, tuple[str, str, int]]
    ) -> dict[tuple[str, str], ArticleVocab]:
        """Many articles' vocabularies in one pass over the chunks, page by page: one filtered
        read per article costs Chroma a scan each (minutes at 100k chunks). An article is
        learnt as soon as all its chunks arrived, and its texts are then let go."""
        out: dict[tuple[str, str], ArticleVocab] = {}
        pending: dict[str, tuple[list, list, list]] = {}

        def finish(source: str) -> None:
            ids, docs, metas = pending.pop(source)
            version, title, _n = missing[source]
            self._chunk_at[(source, version)] = {
                int(m.get("chunk_index", 0)): cid for cid, m in zip(ids, metas, strict=True)
            }
            self.library_stats["read"] += 1
            out[(source, version)] = ArticleVocab.of(title, docs, metas)

        total = self.kb.chunks.count()
        for offset in range(0, total, READ_PAGE):
            page = self.kb.read_chunks(limit=READ_PAGE, offset=offset)
            for cid, doc, meta in zip(*page, strict=True):
                source = meta.get("source")
                want = missing.get(source)
                if want is None or meta.get("version") != want[0]:
                    continue
                ids, docs, metas = pending.setdefault(source, ([], [], []))
                ids.append(cid)
                docs.append(doc)
                metas.append(meta)
                if len(ids) == want[2]:
                    finish(source)
        for source in list(pending):  # a record whose count is off: what arrived is all
            finish(source)
        return out

    def _rebuild_library(self) -> None:
        """Every article (a first start, or the index cannot say what changed): the saved
        per-article vocabulary serves the articles it has."""
        self.library_stats["rebuilt"] += 1
        saved = self._saved_articles() if not self._articles else {}
        parts = LibraryParts()
        keep: dict[tuple[str, str], ArticleVocab] = {}
        order: list[tuple[str, str]] = []
        missing: dict[str, tuple[str, str, int]] = {}  # source -> version, title, chunks
        for source, record in self.kb.records().items():
            version = self.lexical.version_of(source)
            if version is None:
                continue
            key = (source, version)
            order.append(key)
            vocab = self._articles.get(key) or saved.get(key)
            if vocab is None:
                missing[source] = (version, record.get("title", ""), int(record.get("chunks", -1)))
            else:
                keep[key] = vocab
        fresh = len(missing)
        if fresh > READ_ONE_BY_ONE:  # a first start: one pass over every chunk, page by page
            keep.update(self._read_articles(missing))
        for source, (version, title, _n) in missing.items():
            if (source, version) not in keep:
                keep[(source, version)] = self._read_article(source, version, title)
        keep = {key: keep[key] for key in order}
        for (source, _version), vocab in keep.items():
            parts.add(source, vocab)
        self._articles, self._parts = keep, parts
        self._versions = {source: version for source, version in keep}
        self.library_stats["merged"] += parts.merged
        self._chunk_at = {k: v for k, v in self._chunk_at.items() if k in keep}
        self._unsaved_articles = fresh
        if fresh and (fresh >= SAVE_ARTICLES_EVERY or not saved):
            self._save_articles()

    def _update_library(self, changed: set[str]) -> None:
        """Only the articles written or removed since the last build."""
        merged_before = self._parts.merged
        for source in sorted(changed):
            version = self.lexical.version_of(source)
            before = self._versions.get(source)
            if before == version:
                continue
            if before is not None:
                self._parts.remove(source)
                del self._versions[source]
                self._articles.pop((source, before), None)
                self._chunk_at.pop((source, before), None)
            if version is None:
                continue
            self._versions[source] = version
            record = self.kb.record(source) or {}
            vocab = self._read_article(source, version, record.get("title", ""))
            self._articles[(source, version)] = vocab
            self._parts.add(source, vocab)
            self._unsaved_articles += 1
        self.library_stats["merged"] += self._parts.merged - merged_before
        # The saved copy lags by fewer than SAVE_ARTICLES_EVERY articles: a restart reads
        # those again, instead of every write rewriting the whole file.
        if self._unsaved_articles >= SAVE_ARTICLES_EVERY:
            self._save_articles()

    def _articles_path(self) -> Path | None:
        folder = self.kb.lexical_dir
        return Path(folder) / "article-vocab.json" if folder is not None else None

    def _saved_articles(self) -> dict[tuple[str, str], ArticleVocab]:
        """What a previous run learnt per article version (a cache next to the lexical index:
        a restart does not read every article again)."""
        path = self._articles_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {
                (item["source"], item["version"]): ArticleVocab.from_json(item["vocab"])
                for item in data
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def _save_articles(self) -> None:
        self._unsaved_articles = 0
        path = self._articles_path()
        if path is None:
            return
        data = [
            {"source": s, "version": v, "vocab": a.as_json()}
            for (s, v), a in self._articles.items()
        ]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache: the next start reads the articles again

    def bylines(self) -> dict[str, frozenset[str]]:
        """Each article's stored authors as words, accents folded (a byline leaves the text
        for the metadata, so the narrator of "How I became a nurse, by Ana Ruiz" is named
        nowhere else). Read again only after a write."""
        with self._lock:
            gen = self.lexical.generation
            if self._bylines_at != gen:
                records = getattr(self.kb, "records", None)
                got = records() if records is not None else {}
                self._bylines = {
                    src: frozenset(fold_accents(w) for w in words(str(r.get(AUTHORS) or "")))
                    for src, r in got.items()
                }
                self._authors = frozenset().union(*self._bylines.values())
                self._bylines_at = gen
            return self._bylines

    def author_words(self) -> frozenset[str]:
        """The words of every article's byline (`bylines`), together: read once per change of
        the index, not per question (a question asks it several times, over every article)."""
        self.bylines()
        return self._authors

    def sources(self) -> list[str]:
        """The articles the index holds."""
        return list(self.library.titles)

    def refresh(self, max_age: float = 0.0, stamp: str | None = None) -> None:
        """Bring the lexical index up to date with the store. `max_age` lets one question reuse
        a check made moments ago instead of asking the store again for every sub-query;
        `stamp` is the store's stamp when the caller has just read it (one read, not two)."""
        now = time.monotonic()
        if max_age and now - self._checked_at < max_age and self.kb.generation == self._generation:
            return
        generation = self.kb.generation
        if self.lexical.refresh(stamp):  # a write: records read before may be gone or stale
            self._read = {}
            self._refs = {}
            self._speaks = {}
        self._checked_at, self._generation = now, generation

    def vocabulary(self, embedder) -> tuple[Vocabulary, np.ndarray]:
        """Every surface word of the store with its embedding, for similarity matching.

        Rows follow the lexical index's word ids, which only grow: a change embeds its new
        words only. Rows of stopwords and of words no chunk uses any more are zero."""
        with self._lock:
            gen = self.lexical.generation
            if self._vocab is None or self._vocab_at != gen:
                known = len(self._row_words)
                new = self.lexical.surface_words(known)
                if self._word_vecs is None:
                    self._word_vecs = np.zeros((0, embedder.dim), dtype=np.float32)
                    self._embedded = np.zeros(0, dtype=bool)
                self._row_words = self._row_words + new
                n = len(self._row_words)
                if n > len(self._word_vecs):  # grow by doubling: appends stay O(new words)
                    grown = np.zeros((max(n, 2 * len(self._word_vecs)), embedder.dim), np.float32)
                    grown[:known] = self._word_vecs[:known]
                    self._word_vecs = grown
                self._embedded = np.concatenate([self._embedded, np.zeros(len(new), dtype=bool)])
                self._stop = np.concatenate(
                    [self._stop, np.array([w in STOPWORDS for w in new], dtype=bool)]
                )
                self._lettered = np.concatenate(
                    [self._lettered, np.array([_has_letter(w) for w in new], dtype=bool)]
                )
                counts = np.asarray(self.lexical.word_counts())[:n]
                live = (counts > 0) & ~self._stop
                dead = np.flatnonzero(self._embedded & ~live)
                self._word_vecs[dead] = 0.0
                self._embedded[dead] = False
                todo = np.flatnonzero(live & ~self._embedded)
                if len(todo):
                    self._embed_rows(embedder, todo)
                # The saved vectors served this (first) build; later words are embedded, and
                # the file's pages leave this process's memory.
                self._saved = ([], np.zeros((0, embedder.dim), dtype=np.float32))
                self._vocab = (Vocabulary(self.lexical, live), self._word_vecs[:n])
                # Neighbour candidates: live words with letters (numbers such as amounts and
                # years have no useful "close words", and can be most of a large vocabulary).
                rows = np.flatnonzero(live & self._lettered)
                self._neighbour_rows = (rows, self._word_vecs[rows])
                self._vocab_at = gen
            return self._vocab

    def distinct_rows(self, vecs: np.ndarray) -> np.ndarray:
        """The distinct rows of `vecs` (the vocabulary's vectors, `vocabulary`), in order, kept
        for that state of the vocabulary: a large library's words are mostly figures ("$98,000",
        "2023"), which share a few thousand vectors (8,553 distinct rows of 124,642 at 100k
        chunks). `vecs` itself where most rows are distinct (no copy of a large matrix)."""
        kept = self._distinct
        if kept is None or kept[0] is not vecs:
            first: dict[bytes, int] = {}
            for i, row in enumerate(vecs):
                first.setdefault(row.tobytes(), i)
            rows = vecs
            if 2 * len(first) <= len(vecs):
                rows = vecs[np.fromiter(first.values(), dtype=np.int64, count=len(first))]
            kept = self._distinct = (vecs, rows)
        return kept[1]

    def reaches(self, vec: np.ndarray, vecs: np.ndarray, least: float) -> bool:
        """`float((vec @ vecs.T).max()) >= least` for the vocabulary's vectors `vecs`, read over
        their distinct rows (`distinct_rows`): a word no chunk writes is tested against every
        stored word's vector, 12 ms of CPU at 100k chunks over every row and 0.3 ms over the
        distinct ones. A best product within REACH_MARGIN of `least` is read over every row."""
        best = float((vec @ self.distinct_rows(vecs).T).max())
        if abs(best - least) <= REACH_MARGIN:
            best = float((vec @ vecs.T).max())
        return best >= least

    def _embed_rows(self, embedder, rows: np.ndarray) -> None:
        """Fill these rows: from the vectors saved next to the lexical index when it has
        them (a restart), else from the embedder; save again after many new ones."""
        saved = self._saved_vectors(embedder)
        hit = np.zeros(len(rows), dtype=bool)
        if saved:
            listed, vecs = saved
            # The file's rows are this index's rows wherever it holds the same word in the same
            # place (a restart of an index that has not been rebuilt: all of them); those are
            # copied row for row, and only the others are looked up by word.
            m = min(len(listed), len(self._row_words))
            same = np.zeros(len(self._row_words), dtype=bool)
            same[:m] = np.fromiter(
                map(operator.eq, listed[:m], self._row_words[:m]), dtype=bool, count=m
            )
            hit = same[rows]
            at = rows[hit]
            if len(at) and not self._embedded[:m].any():
                # a first fill: one contiguous copy, then the rows not asked for back to zero
                self._word_vecs[:m] = vecs[:m]
                unasked = np.ones(m, dtype=bool)
                unasked[at] = False
                self._word_vecs[:m][unasked] = 0.0
            elif len(at):
                self._word_vecs[at] = vecs[at]
            rest = np.flatnonzero(~hit)
            if len(rest):
                by_word = {w: i for i, w in enumerate(listed) if w}
                found = [by_word.get(self._row_words[rows[j]], -1) for j in rest]
                took = np.array([c >= 0 for c in found], dtype=bool)
                if took.any():
                    self._word_vecs[rows[rest[took]]] = vecs[[c for c in found if c >= 0]]
                    hit[rest[took]] = True
        missing = rows[~hit]
        if len(missing):
            self._word_vecs[missing] = embedder.embed_batch([self._row_words[i] for i in missing])
        self._embedded[rows] = True
        self._unsaved += len(missing)
        if self._unsaved and self._unsaved >= min(1000, max(1, len(self._row_words) // 10)):
            self._save_vectors(embedder)

    def _vectors_path(self, embedder, ext: str) -> Path | None:
        folder = self.kb.lexical_dir
        if folder is None:
            return None
        name = re.sub(r"[^A-Za-z0-9_-]", "_", embedder.name)
        return Path(folder) / f"word-vectors-{name}{ext}"

    def _saved_vectors(self, embedder) -> tuple[list[str], np.ndarray] | None:
        if self._saved is None:
            self._saved = ([], np.zeros((0, embedder.dim), dtype=np.float32))
            try:
                words_ = json.loads(
                    self._vectors_path(embedder, ".json").read_text(encoding="utf-8")
                )
                vecs = np.load(self._vectors_path(embedder, ".npy"), mmap_mode="r")
                if vecs.shape == (len(words_), embedder.dim):
                    self._saved = (words_, vecs)
            except (OSError, ValueError, AttributeError):
                pass
        return self._saved if len(self._saved[1]) else None

    def _save_vectors(self, embedder) -> None:
        """Embedded rows with their words (others as ""), written atomically."""
        self._unsaved = 0
        if self.kb.lexical_dir is None:
            return
        n = len(self._row_words)
        words_ = [w if self._embedded[i] else "" for i, w in enumerate(self._row_words)]
        try:
            for ext, write in (
                (".npy", lambda f: np.save(f, self._word_vecs[:n])),
                (".json", lambda f: f.write(json.dumps(words_).encode())),
            ):
                path = self._vectors_path(embedder, ext)
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                with open(tmp, "wb") as f:
                    write(f)
                os.replace(tmp, path)
        except OSError:
            pass  # a cache: the next start embeds again

    def neighbours(
        self, query: str, min_sim: float = 0.55, per_word: int = 3
    ) -> list[tuple[str, float]]:
        """Stems of store words close to the query's words: "math" also finds "mathematical"."""
        qwords = [w for w in dict.fromkeys(words(query)) if w not in STOPWORDS and len(w) > 2]
        self.vocabulary(self.kb.embedder)  # brings the neighbour rows up to date
        rows, vecs = self._neighbour_rows
        if not qwords or not len(rows):
            return []
        # A word's close words depend on the word and the vocabulary only: each question's
        # searches ask again for the same words ("engineer", "salary"), and so do other
        # questions. Remembered per word until the vocabulary changes.
        if self._near_rows is not rows:
            self._near, self._near_rows = {}, rows
        memo = self._near
        got = {w: memo.get((w, min_sim, per_word)) for w in qwords}
        missing = [w for w, near in got.items() if near is None]
        if missing:
            names = self._row_words
            for w, vec in zip(missing, self.kb.embedder.embed_batch(missing), strict=True):
                row = vecs @ vec  # one word against the vocabulary, whatever else is asked
                near = []
                for j in np.argpartition(-row, min(per_word, len(row) - 1))[:per_word]:
                    name = names[rows[j]]
                    if row[j] >= min_sim and stem(name) != stem(w):
                        near.append((stem(name), float(row[j])))
                got[w] = tuple(near)
                if len(memo) >= MEMO_NEAR:
                    memo.clear()
                memo[(w, min_sim, per_word)] = got[w]
        return [pair for w in qwords for pair in got[w]]

    def reference_entry(self, ref_id: str) -> Passage | None:
        """The References-section passage that lists this reference, if the store has one."""
        chunk_id = self.lexical.reference_entry(ref_id)
        got = self._passages([chunk_id]) if chunk_id else []
        return got[0] if got else None

    def passages_of(self, source: str) -> list[Passage]:
        """Every passage of one source, in order."""
        self.refresh(max_age=CHECK_EVERY)
        # By the ids the index holds for it, through the chunks read: Chroma finds ids in about
        # 1.5 ms, a `where` on the source in about 18 ms at 100k chunks.
        found = self.lexical.chunk_ids(source)
        if found is None:
            return []
        return sorted(self._passages(found[1]), key=lambda p: (p.chunk_index, p.id))

    def has_acronym(self, acronym: str) -> bool:
        return acronym.upper() in self.lexical.acronyms

    def closeness(self, short: str, long: str) -> float:
        """How near in meaning two words are (cosine of their vectors), remembered: asked
        of a question's clipped word and the library word it may be cut from."""
        key = (short, long)
        got = self._closeness.get(key)
        if got is None:
            a, b = self.kb.embedder.embed_batch([short, long])
            got = float(a @ b)
            if len(self._closeness) >= MEMO_PAIRS:
                self._closeness.clear()
            self._closeness[key] = got
        return got

    def longer_words(self, prefix: str) -> list[str]:
        """Surface words starting with `prefix`, from a sorted list kept per index state."""
        gen = self.lexical.generation
        if self._sorted_at != gen:
            self._sorted_words = sorted(self.lexical.live_words())
            self._sorted_at = gen
        words_ = self._sorted_words
        out = []
        for i in range(bisect.bisect_left(words_, prefix), len(words_)):
            if not words_[i].startswith(prefix):
                break
            if words_[i] != prefix:
                out.append(words_[i])
        return out

    def query_terms(self, query: str, roles: list[str] | None = None) -> dict[str, float]:
        """BM25 terms with weights: rare words count fully, role words and expansions less."""
        library = self.library
        if roles is None:
            roles = library.roles.find(query)
        role_words = {w for r in roles for w in words(r)}
        acronyms = library.acronyms
        # A word the question writes in capitals ("AI", "PM") or no everyday word ("mle") may
        # be an abbreviation; an everyday word ("fee", "bar", "lead") is none, whatever
        # capitalized run of the library its letters happen to be the initials of.
        caps = {w.lower() for w in _CAPS.findall(query)}
        weights: dict[str, float] = {}
        for w in words(query):
            if w in STOPWORDS or len(w) < 2:
                continue
            weight = specificity(w) * (0.5 if w in role_words else 1.0)
            weights[stem(w)] = max(weights.get(stem(w), 0.0), weight)
            shorthand = len(w) <= 5 and (w in caps or is_rare(w))
            phrase = acronyms.get(w.upper()) if shorthand else None
            for extra in words(phrase or ""):
                weights.setdefault(stem(extra), 0.5 * weight)
        # A phrase an article abbreviates finds the abbreviation in any form of its words:
        # "product management" is written "PM" where the article spells out "product manager".
        said = " " + " ".join(stem(w) for w in words(query)) + " "
        for acronym, phrase in acronyms.items():
            if len(phrase.split()) > 1 and f" {' '.join(stem(w) for w in words(phrase))} " in said:
                weights.setdefault(acronym.lower(), 0.5)
        for extra, sim in self.neighbours(query):
            weights.setdefault(extra, 0.5 * sim)
        # The words for a path's upsides or downsides find each other ("toughest" finds "the
        # hardest part", "cons" finds "drawbacks"): few words, each a way to say the same.
        for group in judgements():
            asked = [w for w in list(weights) if w in group.words]
            if asked:
                for kin in group.words - set(asked):
                    weights.setdefault(kin, 0.5 * max(weights[w] for w in asked))
        return weights

    def idf(self, term: str) -> float:
        return self.lexical.idf(term)

    def _names_asked(self, query: str) -> set[str]:
        """The BM25 terms of the question's words that may name an article ("GitLab", "18F":
        its company, its site): words of no everyday English that are no role and no
        abbreviation the library knows ("SRE" in "Cloud Engineer vs SRE" is one side of the
        article, not all of it)."""
        rare = [w for w in words(query) if a_name(w)]
        if not rare:
            return set()
        library = self.library
        roles = {stem(w) for r in library.roles.find(query) for w in words(r)}
        return {stem(w) for w in rare if stem(w) not in roles and w.upper() not in library.acronyms}

    def named_by(self, terms) -> dict[str, list[str]]:
        """Of these BM25 terms, those that are part of some article's name, with the articles:
        the word is said of each such article as a whole (see `SegmentIndex.search`)."""
        library = self.library
        if self._named_of is not library:  # a new library state: its articles may have moved
            named: dict[str, list[str]] = {}
            for source, names in library.identity.items():
                for term in {stem(w) for w in names}:
                    named.setdefault(term, []).append(source)
            self._named, self._named_of = named, library
        return {t: self._named[t] for t in terms if t in self._named}

    def metadata(self, chunk_id: str) -> dict:
        """A copy of a chunk's stored metadata, as Chroma holds it."""
        got = self.kb.chunk_records([chunk_id])
        return dict(got[chunk_id][1]) if chunk_id in got else {}

    def neighbour_passages(self, passage: Passage) -> tuple[Passage | None, Passage | None]:
        """The chunks just before and after a passage in its article, when stored."""
        self.library  # noqa: B018 - brings the chunk positions up to date
        version = self.lexical.version_of(passage.source)
        key = (passage.source, version or "")
        at = self._chunk_at.get(key)
        if at is None and version is not None:  # an article whose vocabulary came from the cache
            found = self.lexical.chunk_ids(passage.source)
            if found is not None and found[0] == version:
                at = {p.chunk_index: p.id for p in self._passages(found[1])}
                self._chunk_at[key] = at
        at = at or {}
        out: list[Passage | None] = []
        for step in (-1, 1):
            cid = at.get(passage.chunk_index + step)
            got = self._passages([cid]) if cid else []
            out.append(got[0] if got else None)
        return out[0], out[1]

    def _about(self, role: str, ids: list[str], k: int) -> list[Passage]:
        """The first k of these chunks that speak of the role (in their text, heading or
        title), else the first k. Chunks are read from Chroma a few at a time: the first k
        that speak of it are all that is kept, so most of the rest is never read."""
        book = self.library.roles
        field = book.role_for(role)
        # a field ("product management") is spoken of by its role's names too ("PM"), and by
        # its own name, which is no role's
        wanted = book.keys(role) | book.keys(field or role)
        keys: dict[str, frozenset[str]] = {}  # a role's keys, once per search
        may_name = book.may_name(wanted)  # most chunks read name other roles only
        own = re.compile(rf"\b{re.escape(role)}\b", re.I) if field else None

        def names_it(text: str) -> bool:
            if own is not None and own.search(text):
                return True
            if not may_name(text):
                return False
            for r in book.find(text):
                if r not in keys:
                    keys[r] = book.keys(r)
                if keys[r] & wanted:
                    return True
            return False

        if self._speaks_book is not book or len(self._speaks) >= SPEAKS_KEEP:
            self._speaks, self._speaks_book = {}, book
        known = self._speaks

        def speaks_of(p: Passage) -> bool:
            said = known.get((role, p.id))
            if said is None:
                said = known[(role, p.id)] = names_it(f"{p.title}. {p.section}. {p.text}")
            return said

        speaks: list[Passage] = []
        seen: list[Passage] = []
        # A first few, then all the rest in one read: each read costs Chroma about 0.7 ms
        # besides its records, and most searches find fewer than k that speak of the role in
        # the first few (a side's role is one of many in a large library).
        step = max(2 * k, ABOUT_BATCH)
        for batch in (ids[:step], ids[step:]):
            if len(seen) >= k:
                # Once k are read, they stand in when none speaks of the role: the chunks
                # already known not to speak of it (an earlier search for the same role read
                # them) need not be read again.
                batch = [cid for cid in batch if known.get((role, cid)) is not False]
            for p in self._passages(batch):
                seen.append(p)
                if speaks_of(p):
                    speaks.append(p)
                    if len(speaks) == k:
                        return speaks
        return (speaks or seen)[:k]

    def _dense_within(
        self, source: str, vector: np.ndarray, n: int
    ) -> list[tuple[str, float]] | None:
        """The `n` passages of one article nearest to `vector`, with their cosine distances,
        as Chroma's filtered query finds them, computed over the article's own vectors: at
        100k chunks that query walks most of the HNSW graph to find an article's few
        passages (60-300 ms on the 2-core machine; reading its vectors by id and ranking them
        here takes 2-3 ms), and a comparison or a question about a named person asks it
        once per article. Exact (every passage of the article is ranked), where the graph
        walk is approximate. None for an article of more than EXACT_WITHIN passages (Chroma's
        query then), or one the lexical index does not hold (Chroma's, which finds nothing)."""
        listed = self.lexical.chunk_ids(source)
        if listed is None or len(listed[1]) > EXACT_WITHIN:
            return None
        got = self.kb.chunks.get(ids=listed[1], include=["embeddings"])
        ids = got["ids"]
        if not ids:
            return []
        vecs = np.asarray(got["embeddings"], dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1) * float(np.linalg.norm(query))
        with np.errstate(divide="ignore", invalid="ignore"):
            sims = np.where(norms > 0, (vecs @ query) / norms, 0.0)
        distances = (1.0 - sims).tolist()
        order = sorted(range(len(ids)), key=lambda i: (distances[i], ids[i]))[:n]
        return [(ids[i], distances[i]) for i in order]

    def article_passages(self, source: str, limit: int = ARTICLE_READ) -> list[Passage]:
        """The passages of one stored article in its own order (at most `limit` of them), read
        as any search's passages are: a comparison side's own article, for the section its
        author heads with the aspect asked, which may share no word with the question."""
        got = self.lexical.chunk_ids(source)
        if got is None:
            return []
        return self._passages(got[1][:limit])

    def references_by_id(self, ref_ids: list[str]) -> dict[str, dict]:
        """Copies of the stored reference records with these ids, like
        `KnowledgeBase.references_by_id`; one read is kept until the store's next write, as the
        chunks read are (most answers cite passages whose references were looked up before)."""
        wanted = list(dict.fromkeys(ref_ids))
        kept = self._refs
        missing = [r for r in wanted if r not in kept]
        if missing:
            got = self.kb.references_by_id(missing)
            if len(kept) + len(missing) > READ_KEEP:
                kept = self._refs = {}
            for r in missing:
                kept[r] = got.get(r)
        return {r: dict(kept[r]) for r in wanted if kept.get(r) is not None}

    def _passages(self, ids: list[str]) -> list[Passage]:
        """Passages for these chunk ids, in order, from Chroma (those still stored); a chunk
        read while the store's chunks have not changed is not read again."""
        kept = self._read
        records = {cid: kept[cid] for cid in ids if cid in kept}
        missing = [cid for cid in ids if cid not in records]
        if missing:
            got = self.kb.chunk_records(missing)
            if len(kept) + len(got) > READ_KEEP:
                kept = self._read = {}
            kept.update(got)
            records.update(got)
        return [passage_from_record(cid, *records[cid]) for cid in ids if cid in records]

    def writing(self, some_words: list[str], k: int) -> list[Passage]:
        """The k passages that best write these words (BM25 on them alone): where a name the
        question asks about is written, however little else of the question they share."""
        self.refresh(max_age=CHECK_EVERY)
        weights = {t: 1.0 for t in (stem(w.lower()) for w in some_words) if t in self.doc_freq}
        if not weights or not self.size:
            return []
        hits, _known = self.lexical.search(weights, k)
        return self._passages([cid for cid, _score in hits])

    def search(
        self,
        query: str,
        k: int,
        query_vector: np.ndarray | None = None,
        source: str | None = None,
        roles: list[str] | None = None,
        about: str | None = None,
    ) -> list[Passage]:
        """The k best passages for a query. With `about` (a role), passages that speak of that
        role (in their text, heading or title) come first: one side of a comparison."""
        self.refresh(max_age=CHECK_EVERY)
        size = self.size
        if not size:
            return []
        depth = min(size, max(4 * k, 20))
        weights = {t: w for t, w in self.query_terms(query, roles).items() if t in self.doc_freq}

        if query_vector is None:
            query_vector = self.kb.embedder.embed_batch([query])[0]
        within = self._dense_within(source, query_vector, depth + DENSE_SLACK) if source else None
        if within is None:
            got = self.kb.chunks.query(
                query_embeddings=[query_vector.tolist()],
                n_results=depth + DENSE_SLACK,
                where={"source": source} if source else None,
                include=["distances"],
            )
            within = zip(got["ids"][0], got["distances"][0], strict=True)
        # The HNSW graph is built on several threads, so equal distances (repeated text) and
        # the last few places come back in a different order in each process: sorted by
        # (distance, id) and cut, the same question gets the same passages every time.
        ranked = sorted(within, key=_by_distance)
        ranked = ranked[:depth]
        dense_ids = [cid for cid, _d in ranked]
        dense_sim = {cid: 1.0 - d for cid, d in ranked}
        named = self.named_by(self._names_asked(query) & set(weights))
        if source is not None:
            named = {t: [source] for t, srcs in named.items() if source in srcs}
        lexical, known = self.lexical.search(
            weights, depth, source=source, also=dense_ids, named=named
        )
        bm25 = dict(lexical)
        bm25.update(known)

        fused: dict[str, float] = {}
        for rank, (cid, _score) in enumerate(lexical):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, cid in enumerate(dense_ids):
            if cid in known:  # a chunk written after our last refresh is picked up next time
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)
        if about:
            chosen = self._about(about, best[: 2 * depth], k)
        else:
            chosen = self._passages(best[:k])
        out = []
        for p in chosen:
            p.score = fused[p.id]
            p.bm25 = float(bm25.get(p.id, 0.0))
            p.dense = dense_sim.get(p.id, 0.0)
            out.append(p)
        return out
