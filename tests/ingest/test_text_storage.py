"""Where a chunk's text is stored: in its metadata, with no Chroma document (Chroma's local
segment full-text indexes every document, and nothing here searches that index), and stores
written before, with the text as the document, still read the same."""

from __future__ import annotations

import pytest

from knowledge.schema import TEXT
from knowledge.settings import REPO_ROOT

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"
DEV_ARTICLE = DEV / "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt"

NURSING = """Night Shift Nursing

The Handover

A night-shift nurse takes the handover at seven, reads every chart on the ward and checks the
medication round against the pharmacy list before the day team leaves.

Pay

Night shifts carry a premium of about a fifth over the day rate in most hospital trusts.
"""

TEACHING = """Becoming a Primary Teacher

Training

A postgraduate certificate takes one year, two thirds of it spent teaching in partner schools.

Workload

Marking and lesson planning fill most evenings in the first two years of the job.
"""


def _stored(kb):
    return kb.chunks.get(include=["documents", "metadatas"])


def test_chunk_texts_live_in_metadata_and_no_document_is_written(tmp_path, run_ingest):
    (tmp_path / "nursing.txt").write_text(NURSING)
    report, kb = run_ingest([tmp_path / "nursing.txt"])
    assert report.ok, report.as_dict()
    got = _stored(kb)
    assert got["ids"]
    assert got["documents"] == [None] * len(got["ids"])
    assert all(isinstance(m[TEXT], str) and m[TEXT] for m in got["metadatas"])
    # Source records (and the stamp) carry no document either: titles are in the metadata.
    sources = kb.sources.get(include=["documents"])
    assert sources["documents"] == [None] * len(sources["ids"])
    # Every reader gets the text out of the metadata, which then holds what it held before.
    ids, texts, metas = kb.read_chunks()
    assert sorted(ids) == sorted(got["ids"])
    assert any("premium of about a fifth" in t for t in texts)
    assert not any(TEXT in m for m in metas)
    records = kb.chunk_records(ids)
    assert [records[i][0] for i in ids] == texts


@pytest.mark.skipif(not DEV_ARTICLE.is_file(), reason=f"needs the dev article {DEV_ARTICLE}")
def test_a_development_article_reads_back_word_for_word(tmp_path, run_ingest):
    report, kb = run_ingest([DEV_ARTICLE])
    assert report.ok, report.as_dict()
    got = _stored(kb)
    assert set(got["documents"]) == {None}
    ids, texts, _metas = kb.read_chunks()
    by_id = dict(zip(got["ids"], got["metadatas"], strict=True))
    assert texts == [by_id[i][TEXT] for i in ids]
    assert sum(len(t) for t in texts) > 1000


def test_a_store_written_with_texts_as_documents_reads_the_same(tmp_path, run_ingest):
    """An older store: the same chunks written the old way (text as the Chroma document, no
    text in the metadata) give the same texts, passages and lexical search."""
    (tmp_path / "teaching.txt").write_text(TEACHING)
    report, kb = run_ingest([tmp_path / "teaching.txt"])
    assert report.ok, report.as_dict()
    source = str((tmp_path / "teaching.txt").resolve())
    version = kb.records()[source]["version"]
    new = kb.source_chunks(source, version)
    vectors = kb.chunks.get(ids=new[0], include=["embeddings"])["embeddings"]
    kb.chunks.delete(ids=new[0])
    kb.chunks.add(ids=new[0], embeddings=vectors, documents=new[1], metadatas=new[2])
    assert _stored(kb)["documents"] == new[1]
    assert kb.source_chunks(source, version) == new

    from assistant.retrieve import Retriever

    passages = Retriever(kb).search("postgraduate certificate partner schools", k=2)
    assert passages and "postgraduate certificate" in passages[0].text


def test_a_store_with_both_layouts_reads_each_chunk_its_own_way(tmp_path, run_ingest):
    """Chunks are read by their metadata alone; those written the old way (text as the
    document) in the same store get their documents in a second read, each in its place."""
    (tmp_path / "nursing.txt").write_text(NURSING)
    (tmp_path / "teaching.txt").write_text(TEACHING)
    report, kb = run_ingest([tmp_path / "nursing.txt", tmp_path / "teaching.txt"])
    assert report.ok, report.as_dict()
    before = kb.read_chunks()
    source = str((tmp_path / "teaching.txt").resolve())
    old = kb.source_chunks(source, kb.records()[source]["version"])
    vectors = kb.chunks.get(ids=old[0], include=["embeddings"])["embeddings"]
    kb.chunks.delete(ids=old[0])
    kb.chunks.add(ids=old[0], embeddings=vectors, documents=old[1], metadatas=old[2])
    got = _stored(kb)
    assert None in got["documents"] and set(old[1]) <= set(got["documents"])
    ids, texts, metas = kb.read_chunks()
    assert dict(zip(ids, texts, strict=True)) == dict(zip(before[0], before[1], strict=True))
    assert any("premium of about a fifth" in t for t in texts)
    assert any("postgraduate certificate" in t for t in texts)
    assert not any(TEXT in m for m in metas)
    read = dict(zip(ids, texts, strict=True))
    mixed = [old[0][0], next(i for i in ids if i not in old[0])]
    records = kb.chunk_records(mixed)
    assert [records[i][0] for i in mixed] == [read[i] for i in mixed]
