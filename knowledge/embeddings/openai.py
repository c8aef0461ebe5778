"""Embeddings from an OpenAI-compatible endpoint (ASSISTANT_EMBEDDINGS=openai)."""

from __future__ import annotations

import numpy as np

from ..errors import EmbeddingError


class OpenAIEmbedder:
    def __init__(self, settings) -> None:
        from openai import OpenAI

        if not (settings.openai_api_key or settings.openai_base_url):
            raise ValueError(
                "ASSISTANT_EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL; "
                "set one, or unset ASSISTANT_EMBEDDINGS to use local WordLlama embeddings"
            )
        self._client = OpenAI(
            api_key=settings.openai_api_key or "not-needed",
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
        self._model = settings.openai_embedding_model
        self.max_chars = settings.max_embed_chars
        self.name = f"openai:{self._model}"
        self.dim = len(self.embed_batch(["dimension probe"])[0])

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        from openai import OpenAIError

        from . import clip

        texts = clip(texts, self.max_chars)
        rows: list[list[float]] = []
        for start in range(0, len(texts), 256):
            try:
                resp = self._client.embeddings.create(
                    model=self._model, input=texts[start : start + 256]
                )
            except OpenAIError as exc:
                raise EmbeddingError(
                    f"the embeddings endpoint failed ({exc}); check OPENAI_BASE_URL and "
                    "OPENAI_API_KEY, or unset ASSISTANT_EMBEDDINGS to use local WordLlama"
                ) from None
            rows.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        vecs = np.asarray(rows, dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms == 0, 1, norms)
