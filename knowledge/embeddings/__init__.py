"""Embedding providers behind one small interface, chosen by `get_embedder`."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Unit-normalized float32 vectors, one row per text."""
        ...


_CACHE: dict[tuple, Embedder] = {}


def clip(texts: list[str], max_chars: int) -> list[str]:
    """Each text cut to `max_chars` characters (ASSISTANT_MAX_EMBED_CHARS), at a space when one
    is near: a model reads only so much, and padding a batch to one huge text costs gigabytes."""
    out = []
    for text in texts:
        if len(text) > max_chars:
            cut = text.rfind(" ", max_chars - max_chars // 10, max_chars)
            text = text[: cut if cut > 0 else max_chars]
        out.append(text)
    return out


def get_embedder(settings) -> Embedder:
    """The embedder named by ASSISTANT_EMBEDDINGS; loaded once per process."""
    kind = settings.embeddings.lower()
    key = (
        kind,
        settings.openai_embedding_model,
        settings.openai_base_url,
        settings.max_embed_chars,
    )
    if key in _CACHE:
        return _CACHE[key]
    if kind == "wordllama":
        from .wordllama import WordLlamaEmbedder

        embedder: Embedder = WordLlamaEmbedder(max_chars=settings.max_embed_chars)
    elif kind == "openai":
        from .openai import OpenAIEmbedder

        embedder = OpenAIEmbedder(settings)
    else:
        raise ValueError(
            f"unknown embedder {settings.embeddings!r}: "
            "set ASSISTANT_EMBEDDINGS to wordllama or openai"
        )
    _CACHE[key] = embedder
    return embedder
