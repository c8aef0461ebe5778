"""Local embeddings from WordLlama, whose weights ship inside its wheel."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

REMEMBER_BATCH = 64  # larger batches (ingest) are embedded without the memo
REMEMBER_CHARS = 400  # texts up to this long are remembered (words, queries, sentences)
REMEMBER_TEXTS = 4096  # at most 4096 x 1 KB of vectors


class WordLlamaEmbedder:
    name = "wordllama:l2_supercat"
    dim = 256

    def __init__(self, max_chars: int = 2_000) -> None:
        import wordllama
        from wordllama import WordLlama

        self.max_chars = max_chars
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> vector, LRU
        self._lock = threading.Lock()
        # The default loader looks in a user cache and may try to download;
        # the wheel has the weights.
        self._model = WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=self.dim
        )

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        from . import clip

        texts = clip(texts, self.max_chars)
        if len(texts) > REMEMBER_BATCH:  # ingest-sized batches: texts seldom repeat
            return self._embed(texts)
        # A question embeds the same short texts again and again (its words for each
        # sub-search, the sentences of passages other questions also retrieved), and each call
        # costs the tokenizer's own overhead: short texts are embedded once and remembered.
        # A text's vector does not depend on what else is in its batch (mean-pooled over its
        # own tokens), so remembered and fresh vectors are the same.
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                vec = self._memo.get(text)
                if vec is None:
                    todo.setdefault(text, []).append(i)
                else:
                    self._memo.move_to_end(text)
                    out[i] = vec
        if todo:
            fresh = self._embed(list(todo))
            with self._lock:
                for (text, rows), vec in zip(todo.items(), fresh, strict=True):
                    out[rows] = vec
                    if len(text) <= REMEMBER_CHARS:
                        self._memo[text] = vec
                        if len(self._memo) > REMEMBER_TEXTS:
                            self._memo.popitem(last=False)
        return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.embed(texts, norm=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32)
