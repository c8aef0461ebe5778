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


def _kitchen_articles(folder, count):
    folder.mkdir()
    for i in range(count):
        (folder / f"k{i:03d}.md").write_text(
            f"# Line Cook Notes {i}\n\n## Service\n\nA line cook on station {i} preps sauces "
            f"before the lunch rush and plates {20 + i} covers an hour.\n\n## Pay\n\n"
            f"Tips on station {i} add about a tenth to the hourly wage.\n",
            encoding="utf-8",
        )
    (folder / "menu.txt").write_text("Menu\n\nSoup today.\n", encoding="utf-8")  # fails alone


def _stored(kb):
    """Every chunk (id, text, metadata) and its vector, by id."""
    ids, texts, metas = kb.read_chunks()
    got = kb.chunks.get(include=["embeddings"])
    vectors = dict(zip(got["ids"], got["embeddings"], strict=True))
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rows = [(ids[i], texts[i], metas[i]) for i in order]
    return rows, np.asarray([vectors[ids[i]] for i in order])


def test_files_read_and_embedded_by_the_helper_are_stored_as_if_read_here(
    tmp_path, make_settings, run_ingest
):
    """Many local files are read, split and embedded in the helper process: the report (in
    input order, failures included) and the stored chunks equal reading them here."""
    from ingest.load import discover
    from ingest.pipeline import Report, _ingest_here

    folder = tmp_path / "kitchen"
    _kitchen_articles(folder, BACKGROUND_MIN_SOURCES + 3)
    report, kb = run_ingest([folder])
    assert not report.ok and report.totals()["added"] == BACKGROUND_MIN_SOURCES + 3
    (failed,) = [r for r in report.results if r.status == "failed"]
    assert failed.source.endswith("menu.txt") and "no article text" in failed.error

    from knowledge.store import open_knowledge_base

    here_settings = make_settings(store=tmp_path / "here")
    here = open_knowledge_base(here_settings)
    values, _missing = discover([str(folder)])
    here_report = Report()
    with here.writing():
        _ingest_here(values, here, here_settings, here.records(), False, here_report, None, None)
    assert [(r.source, r.status, r.chunks, r.error) for r in report.results] == [
        (r.source, r.status, r.chunks, r.error) for r in here_report.results
    ]
    (rows, vectors), (here_rows, here_vectors) = _stored(kb), _stored(here)
    assert rows == here_rows
    assert np.allclose(vectors, here_vectors, atol=1e-5)

    # Changed and unchanged files on the next run, through the helper again.
    (folder / "k000.md").write_text("# Line Cook Notes 0\n\nNew text about knife work.\n")
    again, _ = run_ingest([folder])
    statuses = {r.source.rsplit("/", 1)[-1]: r.status for r in again.results}
    assert statuses["k000.md"] == "updated" and statuses["k001.md"] == "unchanged"
    assert kb.check() == []


def test_the_helpers_batches_start_small_and_double(tmp_path, make_settings):
    """The writer starts on a small first batch; each next batch targets twice the last, up to
    the full size; every input comes back once, in input order."""
    from ingest.embed_worker import BackgroundPreparer
    from ingest.load import discover

    folder = tmp_path / "front-desk"
    folder.mkdir()
    for i in range(24):  # made-up hotel notes, two passages each
        (folder / f"h{i:02d}.txt").write_text(
            f"Front Desk Notes {i}\n\nA night auditor at hotel {i} balances the day's folios "
            f"and checks {30 + i} late arrivals in before dawn.\n\nReception shifts at hotel {i} "
            "rotate weekly, and overtime is paid at time and a half.\n",
            encoding="utf-8",
        )
    values, _ = discover([str(folder)])
    helper = BackgroundPreparer(make_settings(), values, {}, False, 12, 3)
    try:
        batches = list(helper.batches())
    finally:
        helper.close()
    per_article = {len(p.chunks) for batch in batches for p, _ in batch}
    assert per_article == {2}
    sizes = [sum(len(p.chunks) for p, _ in batch) for batch in batches]
    # Each batch closes at the first article that reaches its target: 3, 6, 12, 12, ...
    targets = [3, 6] + [12] * (len(sizes) - 2)
    assert sizes[:-1] == [t + t % 2 for t in targets[: len(sizes) - 1]]
    assert sum(sizes) == 48
    assert [r.source for batch in batches for _, r in batch] == values
