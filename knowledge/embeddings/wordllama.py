"""Local embeddings from WordLlama, whose weights ship inside its wheel."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class WordLlamaEmbedder:
    name = "wordllama:l2_supercat"
    dim = 256

    def __init__(self, max_chars: int = 2_000) -> None:
        import wordllama
        from wordllama import WordLlama

        self.max_chars = max_chars
        # The default loader looks in a user cache and may try to download;
        # the wheel has the weights.
        self._model = WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=self.dim
        )

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        from . import clip

        vectors = self._model.embed(clip(texts, self.max_chars), norm=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32)
