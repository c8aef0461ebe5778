"""Large local ingests embed in a helper process; the result must equal in-process embedding."""

import numpy as np

from ingest.pipeline import BACKGROUND_MIN_SOURCES


def _articles(folder, count):
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(
            f"Career Note {i}\n\nData engineers in team {i} build pipelines and earn well. "
            f"Platform work number {i} needs care.\n\nSecond paragraph {i} about growth.\n",
            encoding="utf-8",
        )


def test_many_sources_are_embedded_in_the_background_like_in_process(tmp_path, run_ingest):
    count = BACKGROUND_MIN_SOURCES + 5
    _articles(tmp_path / "many", count)
    report, kb = run_ingest([tmp_path / "many"])
    assert report.ok and report.totals()["added"] == count
    assert len(kb.records()) == count
    got = kb.chunks.get(limit=20, include=["embeddings"])
    stored = kb.chunk_records(got["ids"])
    texts = [f"{m['title']}\n{m['section']}\n{d}" for d, m in map(stored.get, got["ids"])]
    expected = kb.embedder.embed_batch(texts)
    assert np.allclose(np.asarray(got["embeddings"]), expected, atol=1e-5)
    again, _ = run_ingest([tmp_path / "many"])  # the same temp store
    assert {r.status for r in again.results} == {"unchanged"}
