"""Hybrid retrieval: BM25 (bm25s) and dense (Chroma) results fused by reciprocal rank fusion."""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import Counter

import numpy as np

from knowledge.schema import IS_REFERENCE_LIST, Passage, passage_from_record
from knowledge.store import KnowledgeBase
from knowledge.text import STOPWORDS, content_terms, stem, words

RRF_K = 60


def acronyms(texts: list[str]) -> dict[str, str]:
    """ "ML" -> "machine learning", from capitalized runs such as "Machine Learning Engineer"."""
    out: dict[str, str] = {}
    for text in texts:
        for run in re.findall(r"(?:[A-Z][a-z]+ ){1,4}[A-Z][a-z]+", text):
            parts = run.split()
            for i in range(len(parts)):
                for j in range(i + 2, len(parts) + 1):
                    out.setdefault(
                        "".join(p[0] for p in parts[i:j]).upper(), " ".join(parts[i:j]).lower()
                    )
    return out


class Retriever:
    """Keeps a BM25 index in step with the store; rebuilt whenever the store's fingerprint moves."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._lock = threading.Lock()
        self._fingerprint: tuple | None = None
        self._bm25 = None
        self._ids: list[str] = []
        self._docs: list[str] = []
        self._metas: list[dict] = []
        self._index_of: dict[str, int] = {}
        self.doc_freq: Counter = Counter()
        self._surface: Counter = Counter()
        self._reference_entries: dict[str, int] = {}  # ref id -> its entry in a References section
        self._checked_at = 0.0
        self._generation = -1
        self._vocab: tuple[dict[str, int], np.ndarray] | None = None
        self._vocab_words: list[str] = []
        self._acronyms: dict[str, str] = {}

    @property
    def size(self) -> int:
        return len(self._ids)

    def refresh(self, max_age: float = 0.0) -> None:
        """Rebuild the BM25 index when the store changed. `max_age` lets one question reuse a
        check made moments ago instead of asking the store again for every sub-query."""
        now = time.monotonic()
        if max_age and now - self._checked_at < max_age and self.kb.generation == self._generation:
            return
        fingerprint = self.kb.fingerprint()
        self._checked_at, self._generation = now, self.kb.generation
        if fingerprint == self._fingerprint:
            return
        with self._lock:
            if fingerprint == self._fingerprint:
                return
            import bm25s

            logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG

            ids, docs, metas = self.kb.all_chunks()
            # One pass of tokenizing serves BM25, document frequencies and the surface vocabulary.
            surface: Counter = Counter()
            freq: Counter = Counter()
            section_terms: dict[str, list[str]] = {}
            tokens = []
            for d, m in zip(docs, metas, strict=True):
                doc_words = words(d)
                surface.update(set(doc_words))
                section = m.get("section", "")
                if section not in section_terms:
                    section_terms[section] = content_terms(section)
                body = [stem(w) for w in doc_words if w not in STOPWORDS and len(w) > 1]
                tokens.append(section_terms[section] + body)
                freq.update(set(tokens[-1]))
            bm25 = None
            if ids:
                bm25 = bm25s.BM25()
                bm25.index(tokens, show_progress=False)
            self._surface = surface
            self._bm25, self._ids, self._docs, self._metas = bm25, ids, docs, metas
            self._index_of = {cid: i for i, cid in enumerate(ids)}
            self.doc_freq = freq
            self._vocab = None
            self._acronyms = acronyms(docs + [m.get("title", "") for m in metas])
            self._reference_entries = {
                m["ref_ids"]: i
                for i, m in enumerate(metas)
                if m.get("ref_ids") and "," not in m["ref_ids"] and m.get(IS_REFERENCE_LIST)
            }
            self._fingerprint = fingerprint

    def vocabulary(self, embedder) -> tuple[dict[str, int], np.ndarray]:
        """Every surface word of the store with its embedding, for similarity matching."""
        with self._lock:
            if self._vocab is None:
                surface = sorted(w for w in self._surface if w not in STOPWORDS)
                vecs = embedder.embed_batch(surface) if surface else np.zeros((0, embedder.dim))
                self._vocab = ({w: i for i, w in enumerate(surface)}, vecs)
                self._vocab_words = surface
            return self._vocab

    def _neighbours(self, query: str, min_sim: float = 0.55) -> list[tuple[str, float]]:
        """Stems of store words close to the query's words: "math" also finds "mathematical"."""
        qwords = [w for w in dict.fromkeys(words(query)) if w not in STOPWORDS and len(w) > 2]
        vocab, vecs = self.vocabulary(self.kb.embedder)
        if not qwords or not len(vocab):
            return []
        names = self._vocab_words
        sims = self.kb.embedder.embed_batch(qwords) @ vecs.T
        out = []
        for w, row in zip(qwords, sims, strict=True):
            for i in np.argpartition(-row, min(3, len(row) - 1))[:3]:
                if row[i] >= min_sim and stem(names[i]) != stem(w):
                    out.append((stem(names[i]), float(row[i])))
        return out

    def reference_entry(self, ref_id: str) -> Passage | None:
        """The References-section passage that lists this reference, if the store has one."""
        i = self._reference_entries.get(ref_id)
        return self._passage(i) if i is not None else None

    def passages_of(self, source: str) -> list[Passage]:
        """Every passage of one source, in order."""
        self.refresh(max_age=1.0)
        return [self._passage(i) for i, m in enumerate(self._metas) if m.get("source") == source]

    def has_acronym(self, acronym: str) -> bool:
        return acronym.upper() in self._acronyms

    def expand_abbreviations(self, query: str) -> str:
        """Spell out abbreviations the articles never use: "MLE" and "eng" become their words."""
        self.refresh(max_age=1.0)
        vocab = self.doc_freq

        def spell(m: re.Match) -> str:
            tok = m.group(0)
            low = tok.lower()
            if stem(low) in vocab or low in STOPWORDS:
                return tok
            phrase = self._acronyms.get(tok.upper()) if tok.isupper() or len(tok) <= 4 else None
            if phrase:
                return phrase
            if 3 <= len(low) <= 4 and low.isalpha():
                longer = [w for w in self._surface if w.startswith(low) and self._surface[w] >= 2]
                if longer:
                    return max(longer, key=lambda w: self._surface[w])
            return tok

        query = re.sub(r"\$(\d{1,3})[kK]\b", r"$\1,000", query)  # "$245k" as the articles write it
        return re.sub(r"\b[A-Za-z]{2,6}\b", spell, query)

    def query_terms(self, query: str) -> dict[str, float]:
        """BM25 terms with weights: rare words count fully, role words and expansions less."""
        from .evidence import specificity
        from .query import find_roles

        role_words = {w for r in find_roles(query) for w in words(r)}
        weights: dict[str, float] = {}
        for w in words(query):
            if w in STOPWORDS or len(w) < 2:
                continue
            weight = specificity(w) * (0.5 if w in role_words else 1.0)
            weights[stem(w)] = max(weights.get(stem(w), 0.0), weight)
            phrase = self._acronyms.get(w.upper()) if len(w) <= 5 else None
            for extra in words(phrase or ""):
                weights.setdefault(stem(extra), 0.5 * weight)
        lowered = query.lower()
        for acronym, phrase in self._acronyms.items():
            if len(phrase.split()) > 1 and phrase in lowered:
                weights.setdefault(acronym.lower(), 0.5)
        for extra, sim in self._neighbours(query):
            weights.setdefault(extra, 0.5 * sim)
        return weights

    def idf(self, term: str) -> float:
        n = max(1, len(self._ids))
        return math.log(
            1 + (n - self.doc_freq.get(term, 0) + 0.5) / (self.doc_freq.get(term, 0) + 0.5)
        )

    def _passage(self, i: int) -> Passage:
        return passage_from_record(self._ids[i], self._docs[i], self._metas[i])

    def search(
        self, query: str, k: int, query_vector: np.ndarray | None = None, source: str | None = None
    ) -> list[Passage]:
        self.refresh(max_age=1.0)
        if not self._ids:
            return []
        depth = min(len(self._ids), max(4 * k, 20))
        bm25_scores = np.zeros(len(self._ids), dtype=np.float32)
        if self._bm25 is not None:
            for term, weight in self.query_terms(query).items():
                if term in self.doc_freq:
                    bm25_scores = bm25_scores + weight * self._bm25.get_scores([term])
        if source:
            mask = np.array([m["source"] == source for m in self._metas])
            bm25_scores = np.where(mask, bm25_scores, -1.0)
        bm25_rank = [int(i) for i in np.argsort(-bm25_scores)[:depth] if bm25_scores[i] > 0]

        if query_vector is None:
            query_vector = self.kb.embedder.embed_batch([query])[0]
        got = self.kb.chunks.query(
            query_embeddings=[query_vector.tolist()],
            n_results=depth,
            where={"source": source} if source else None,
            include=["distances"],
        )
        dense_ids = got["ids"][0]
        dense_sim = {cid: 1.0 - d for cid, d in zip(dense_ids, got["distances"][0], strict=True)}

        fused: dict[int, float] = {}
        for rank, i in enumerate(bm25_rank):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, cid in enumerate(dense_ids):
            i = self._index_of.get(cid)
            if i is not None:  # a chunk written after our last refresh is picked up next time
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        out = []
        for i in best:
            p = self._passage(i)
            p.score = fused[i]
            p.bm25 = float(bm25_scores[i])
            p.dense = dense_sim.get(p.id, 0.0)
            out.append(p)
        return out
