"""Embeddings: WordLlama by default, OpenAI-compatible on request, never Chroma's default."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.embeddings import get_embedder
from knowledge.errors import StoreError
from knowledge.store import open_knowledge_base
from tests.support.openai_server import EMBEDDING_DIM, refused_base_url

ARTICLE = "Pay Bands\n\nPay bands set the range for each level. They are reviewed every year.\n"


@pytest.fixture
def no_chroma_default_embedder(monkeypatch):
    """Make any use of Chroma's built-in (downloading) embedding function fail the test."""
    from chromadb.utils.embedding_functions import onnx_mini_lm_l6_v2

    def refuse(*args, **kwargs):
        raise AssertionError("Chroma's default embedding function was reached")

    monkeypatch.setattr(onnx_mini_lm_l6_v2.ONNXMiniLM_L6_V2, "__call__", refuse)
    monkeypatch.setattr(
        onnx_mini_lm_l6_v2.ONNXMiniLM_L6_V2, "_download_model_if_not_exists", refuse
    )


def _openai_settings(make_settings, srv, **extra):
    return make_settings(
        embeddings="openai", openai_base_url=srv.base_url, openai_api_key="x", **extra
    )


def _assert_collections_record(kb, name: str, dim: int) -> None:
    for col in (kb.chunks, kb.references):
        assert col.metadata["embedder"] == name
        assert col.metadata["dim"] == dim


def test_wordllama_is_the_default(tmp_path, make_settings, run_ingest, no_chroma_default_embedder):
    settings = make_settings()
    assert settings.embeddings == "wordllama"
    embedder = get_embedder(settings)
    assert get_embedder(make_settings()) is embedder  # one model per process
    vecs = embedder.embed_batch(["salary bands", "pay ranges", "volcano eruption"])
    assert vecs.shape == (3, 256) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]

    (tmp_path / "pay.txt").write_text(ARTICLE)
    report, kb = run_ingest([tmp_path / "pay.txt"], settings=settings)
    assert report.ok, report.as_dict()
    _assert_collections_record(kb, "wordllama:l2_supercat", 256)
    got = kb.chunks.get(include=["embeddings"])
    assert np.asarray(got["embeddings"]).shape == (kb.chunks.count(), 256)


def test_store_operations_never_reach_chromas_default_embedder(
    tmp_path, run_ingest, no_chroma_default_embedder
):
    (tmp_path / "pay.txt").write_text(ARTICLE)
    report, kb = run_ingest([tmp_path / "pay.txt"])
    assert report.ok, report.as_dict()
    (tmp_path / "pay.txt").write_text(ARTICLE + "\nRaises follow the review cycle.\n")
    assert run_ingest([tmp_path / "pay.txt"])[0].results[0].status == "updated"
    ids, docs, metas = kb.all_chunks()
    assert len(ids) == len(docs) == len(metas) > 0
    vector = kb.embedder.embed_batch(["When are pay bands reviewed?"])[0]
    hits = kb.chunks.query(query_embeddings=[vector.tolist()], n_results=1, include=[])
    assert "reviewed every year" in kb.chunk_records(hits["ids"][0])[hits["ids"][0][0]][0]
    assert kb.remove(str((tmp_path / "pay.txt").resolve()))
    assert kb.chunks.count() == 0


def test_openai_embeddings_end_to_end(
    tmp_path, make_settings, run_ingest, openai_server, no_chroma_default_embedder
):
    settings = _openai_settings(make_settings, openai_server)
    (tmp_path / "pay.txt").write_text(ARTICLE)
    report, kb = run_ingest([tmp_path / "pay.txt"], settings=settings)
    assert report.ok, report.as_dict()
    _assert_collections_record(kb, "openai:text-embedding-3-small", EMBEDDING_DIM)
    got = kb.chunks.get(include=["embeddings"])
    assert np.asarray(got["embeddings"]).shape == (len(got["ids"]), EMBEDDING_DIM)
    texts = kb.chunk_records(got["ids"][:1])
    sent = [text for req in openai_server.embedding_requests for text in req["input"]]
    assert all(req["model"] == "text-embedding-3-small" for req in openai_server.embedding_requests)
    # The embedded text carries the title and section as well as the passage.
    assert any("Pay Bands" in text and texts[got["ids"][0]][0] in text for text in sent), sent


def test_store_built_with_wordllama_refuses_openai(
    make_settings, run_ingest, tmp_path, openai_server
):
    (tmp_path / "pay.txt").write_text(ARTICLE)
    run_ingest([tmp_path / "pay.txt"])
    with pytest.raises(StoreError) as info:
        open_knowledge_base(_openai_settings(make_settings, openai_server))
    message = str(info.value)
    assert "wordllama:l2_supercat" in message and "openai:text-embedding-3-small" in message
    assert "ASSISTANT_EMBEDDINGS" in message and "--store" in message


def test_store_built_with_openai_refuses_wordllama(
    make_settings, run_ingest, tmp_path, openai_server
):
    (tmp_path / "pay.txt").write_text(ARTICLE)
    report, _ = run_ingest(
        [tmp_path / "pay.txt"], settings=_openai_settings(make_settings, openai_server)
    )
    assert report.ok
    with pytest.raises(StoreError, match="ASSISTANT_EMBEDDINGS to match the store"):
        open_knowledge_base(make_settings())


def test_unreachable_embeddings_endpoint_is_a_store_error(make_settings):
    settings = make_settings(embeddings="openai", openai_base_url=refused_base_url(), llm_retries=0)
    with pytest.raises(StoreError, match="OPENAI_BASE_URL"):
        open_knowledge_base(settings)


def test_openai_embeddings_without_endpoint_is_a_store_error(make_settings):
    with pytest.raises(StoreError, match="OPENAI_API_KEY or OPENAI_BASE_URL"):
        open_knowledge_base(make_settings(embeddings="openai"))


def test_unknown_embedder_is_a_store_error(make_settings):
    with pytest.raises(StoreError, match="wordllama or openai"):
        open_knowledge_base(make_settings(embeddings="word2vec"))


def test_embeddings_failing_mid_run_fail_the_source_only(
    tmp_path, make_settings, run_ingest, openai_server
):
    settings = _openai_settings(make_settings, openai_server, llm_retries=0)
    (tmp_path / "pay.txt").write_text(ARTICLE)
    report, kb = run_ingest([tmp_path / "pay.txt"], settings=settings)
    assert report.ok
    openai_server.stop()
    (tmp_path / "later.txt").write_text(ARTICLE.replace("Pay Bands", "Pay Reviews"))
    report, kb = run_ingest([tmp_path / "pay.txt", tmp_path / "later.txt"], settings=settings)
    statuses = {r.source.rsplit("/", 1)[-1]: r for r in report.results}
    assert statuses["pay.txt"].status == "unchanged"
    assert statuses["later.txt"].status == "failed"
    assert "embeddings endpoint failed" in statuses["later.txt"].error
    assert len(kb.records()) == 1
