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
