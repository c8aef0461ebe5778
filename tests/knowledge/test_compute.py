"""Per-question compute: BLAS limited to one thread, sentence splits remembered safely."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from knowledge.compute import one_blas_thread
from knowledge.text import SPLIT_CACHE_CHARS, split_sentences


def test_one_blas_thread_limits_numpy_blas():
    one_blas_thread()
    one_blas_thread()  # idempotent
    np.ones((64, 64)) @ np.ones((64, 64))  # BLAS loaded and used
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas, "numpy's BLAS was not found"
    assert all(i["num_threads"] == 1 for i in blas), blas


def test_split_sentences_remembered_but_callers_get_their_own_list():
    text = "Dr. Smith earns $120,000 in the U.S. today. She codes daily. 1. Learn Python."
    first = split_sentences(text)
    first.append("mutated by a caller")
    second = split_sentences(text)
    assert second == [
        "Dr. Smith earns $120,000 in the U.S. today.",
        "She codes daily.",
        "1. Learn Python.",
    ]
    assert second is not first


def test_long_texts_are_split_the_same_without_the_memo():
    sentence = "A data engineer builds pipelines every day. "
    long = sentence * (SPLIT_CACHE_CHARS // len(sentence) + 5)
    assert len(long) > SPLIT_CACHE_CHARS
    assert split_sentences(long) == [sentence.strip()] * long.count(sentence)


def test_remembered_embeddings_equal_fresh_ones():
    """The WordLlama memo returns exactly what a fresh embedder computes, in any batch."""
    from knowledge.embeddings.wordllama import REMEMBER_TEXTS, WordLlamaEmbedder

    texts = ["salary", "A data engineer builds pipelines every day.", "salary", "kubernetes"]
    warm = WordLlamaEmbedder()
    first = warm.embed_batch(texts)
    again = warm.embed_batch(list(reversed(texts)))[::-1]
    fresh = np.stack([WordLlamaEmbedder().embed_batch([t])[0] for t in texts])
    assert np.array_equal(first, fresh) and np.array_equal(again, fresh)
    assert np.array_equal(first[0], first[2])
    many = [f"word{i}" for i in range(REMEMBER_TEXTS + 10)]
    for i in range(0, len(many), 64):
        warm.embed_batch(many[i : i + 64])
    assert len(warm._memo) == REMEMBER_TEXTS  # bounded, oldest dropped
