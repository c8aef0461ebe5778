"""The lexical (BM25) side of retrieval, behind one interface.

`LexicalIndex` is what the retriever asks of it. `StoreIndex` is the in-process implementation:
segments of numpy arrays (knowledge.lexical.segments) persisted next to the store, or in a
local cache folder per replica when the store is a Chroma server, kept in step with the store
one changed source at a time (knowledge.store.KnowledgeBase.changes_since). On distributed
Chroma, a class with the same methods over `Collection.search` with sparse vectors can take
its place.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from .segments import SegmentIndex
from .sync import StoreIndex
from .tokens import SourceDoc, acronyms, chunk_terms


class LexicalIndex(Protocol):
    @property
    def size(self) -> int:
        """Live chunks."""

    @property
    def generation(self) -> int:
        """Moves whenever the indexed content changes, for caches derived from it."""

    def refresh(self, stamp: str | None = None) -> bool:
        """Catch up with the store; True when anything was written to it since the last
        call (what was read from the store before may be stale), False when nothing was.
        `stamp`: the store's stamp, when the caller has just read it."""

    def search(
        self,
        weights: dict[str, float],
        depth: int,
        source: str | None = None,
        also=(),
        named: dict[str, list[str]] | None = None,
    ) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """The `depth` best chunk ids with weighted BM25 scores (only scores > 0), and the
        scores of those chunk ids in `also` that the index holds. `named`: term -> sources
        whose name (title, file name) holds it; inside those every passage scores for the term
        as the source's passage that writes it most."""

    def doc_freq(self, term: str) -> int: ...

    def idf(self, term: str) -> float: ...

    def word_count(self, word: str) -> int:
        """Chunks containing this surface (unstemmed) word."""

    def surface_words(self, start: int = 0) -> list[str]:
        """Surface words by id from `start`; ids are stable and only grow."""

    def word_counts(self) -> np.ndarray:
        """Chunks per surface word id."""

    def word_id(self, word: str) -> int | None: ...

    def chunk_ids(self, source: str) -> tuple[str, list[str]] | None:
        """(version, chunk ids) of a source as indexed; None when the index does not hold it."""

    def live_words(self) -> list[str]: ...

    @property
    def acronyms(self) -> dict[str, str]: ...

    def reference_entry(self, ref_id: str) -> str | None:
        """The chunk id of the reference-list entry that lists `ref_id`."""

    def titles(self) -> list[str]: ...

    def version_of(self, source: str) -> str | None:
        """The indexed version of a source (None when it is not indexed)."""

    def changed_since(self, generation: int) -> set[str] | None:
        """Sources added, replaced or removed since `generation`, for caches kept per source;
        None when the index cannot tell (the caller then re-reads every source)."""


__all__ = [
    "LexicalIndex",
    "SegmentIndex",
    "SourceDoc",
    "StoreIndex",
    "acronyms",
    "chunk_terms",
]
