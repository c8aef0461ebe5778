"""Versions: deterministic ids, unchanged re-runs, updates replace old chunks, prune, remove."""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.pipeline import remove_source
from knowledge.schema import source_key
from knowledge.settings import REPO_ROOT
from tests.ingest.helpers import by_source, run_cli_json, snapshot

SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"

NOTES_V1 = """Interview Notes

Preparing

Practice system design with a friend. Review your past projects (Smith, 2024).

References

Smith, J. (2024). Interview habits. Career Press. https://example.com/habits
"""

NOTES_V2 = """Interview Notes

Preparing

Practice system design with a colleague twice a week. Keep a log of questions.

After the Interview

Send a short thank-you note. Ask about the timeline.
"""


def _source_chunks(kb, source: str) -> dict:
    got = kb.chunks.get(where={"source": source}, include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"], strict=True))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "notes.txt").write_text(NOTES_V1)
    return folder


def test_second_run_is_unchanged_and_writes_nothing(tmp_path, run_ingest):
    folder = _folder(tmp_path)
    first, kb = run_ingest([folder])
    assert [r.status for r in first.results] == ["added", "added"]
    before = snapshot(kb)
    assert len(before["records"]) == 2 and before["references"] == 4

    second, kb = run_ingest([folder])
    assert [r.status for r in second.results] == ["unchanged", "unchanged"]
    assert second.totals()["chunks"] == 0
    # Same counts and ids, and the records were not rewritten (ingested_at is unchanged).
    assert snapshot(kb) == before
    assert [(r.chunks, r.references) for r in second.results] == [
        (r.chunks, r.references) for r in first.results
    ]


def test_chunk_ids_are_deterministic_across_stores(tmp_path, make_settings, run_ingest):
    folder = _folder(tmp_path)
    _, kb_a = run_ingest([folder], settings=make_settings(store=tmp_path / "a"))
    _, kb_b = run_ingest([folder], settings=make_settings(store=tmp_path / "b"))
    assert snapshot(kb_a)["chunk_ids"] == snapshot(kb_b)["chunk_ids"]
    assert snapshot(kb_a)["reference_ids"] == snapshot(kb_b)["reference_ids"]


def test_changed_file_is_updated_and_its_old_chunks_are_gone(tmp_path, run_ingest):
    folder = _folder(tmp_path)
    notes = str((folder / "notes.txt").resolve())
    _, kb = run_ingest([folder])
    old = _source_chunks(kb, notes)
    seed_before = _source_chunks(kb, str((folder / SEED.name).resolve()))
    assert kb.references.get(where={"source": notes})["ids"]

    (folder / "notes.txt").write_text(NOTES_V2)
    report, kb = run_ingest([folder])
    statuses = {Path(r.source).name: r.status for r in report.results}
    assert statuses == {SEED.name: "unchanged", "notes.txt": "updated"}

    new = _source_chunks(kb, notes)
    record = kb.records()[notes]
    assert not set(old) & set(new)
    assert len(new) == record["chunks"]
    assert {m["version"] for m in new.values()} == {record["version"]}
    assert record["version"] != next(iter(old.values()))["version"]
    docs = " ".join(kb.read_chunks(where={"source": notes})[1])
    assert "thank-you note" in docs and "with a friend" not in docs
    # V2 has no reference list: the old reference went with the old version.
    assert kb.references.get(where={"source": notes})["ids"] == []
    assert record["references"] == 0
    # The unchanged article was not touched.
    assert _source_chunks(kb, str((folder / SEED.name).resolve())) == seed_before


def test_prune_removes_files_deleted_from_the_folder(tmp_path, run_ingest):
    folder = _folder(tmp_path)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(NOTES_V2)
    _, kb = run_ingest([folder, elsewhere])
    assert len(kb.records()) == 3
    notes = str((folder / "notes.txt").resolve())
    (folder / "notes.txt").unlink()

    report, kb = run_ingest([folder])  # without --prune the deleted file's passages stay
    assert notes in kb.records()

    report, kb = run_ingest([folder], prune=True)
    assert {Path(r.source).name: r.status for r in report.results} == {
        SEED.name: "unchanged",
        "notes.txt": "removed",
    }
    assert notes not in kb.records()
    assert _source_chunks(kb, notes) == {}
    assert kb.references.get(where={"source": notes})["ids"] == []
    # Sources outside the pruned folder stay.
    assert str(elsewhere.resolve()) in kb.records()


def test_remove_deletes_one_source_with_its_chunks_and_references(tmp_path, run_ingest):
    folder = _folder(tmp_path)
    _, kb = run_ingest([folder])
    seed = str((folder / SEED.name).resolve())
    notes_chunks = _source_chunks(kb, str((folder / "notes.txt").resolve()))

    report = remove_source(kb, str(folder / SEED.name))
    (result,) = report.results
    assert report.ok and result.status == "removed"
    assert result.chunks > 0 and result.references == 3
    assert seed not in kb.records()
    assert _source_chunks(kb, seed) == {}
    assert kb.references.get(where={"source": seed})["ids"] == []
    assert kb.references.count() == 1  # the notes' own reference stays
    assert _source_chunks(kb, str((folder / "notes.txt").resolve())) == notes_chunks


def test_removing_an_unknown_source_is_a_clear_failure(tmp_path, run_ingest):
    folder = _folder(tmp_path)
    _, kb = run_ingest([folder])
    before = snapshot(kb)
    report = remove_source(kb, str(tmp_path / "never-added.txt"))
    (result,) = report.results
    assert not report.ok
    assert result.status == "failed" and "never-added.txt is not in the store" in result.error
    assert snapshot(kb) == before


def test_cli_prune_and_remove(tmp_path):
    folder = _folder(tmp_path)
    store = str(tmp_path / "store")
    code, report = run_cli_json("--store", store, str(folder))
    assert code == 0 and report["totals"]["added"] == 2

    (folder / "notes.txt").unlink()
    code, report = run_cli_json("--store", store, "--prune", str(folder))
    assert code == 0
    assert by_source(report)["notes.txt"]["status"] == "removed"

    code, report = run_cli_json("--store", store, "--remove", str(folder / SEED.name))
    assert code == 0
    assert by_source(report)[SEED.name]["status"] == "removed"

    code, report = run_cli_json("--store", store, "--remove", str(folder / SEED.name))
    assert code == 1
    assert "is not in the store" in by_source(report)[SEED.name]["error"]

    code, listed = run_cli_json("--store", store, "--list")
    assert code == 0 and listed == {"sources": []}


def test_an_articles_version_changes_with_the_parsing_rules():
    """A store written by older parsing rules holds passages cut the old way: its versions
    differ from the ones the current rules give the same text, so the next ingest writes each
    article again (`prepare_loaded` skips only an equal version)."""
    from ingest.pipeline import PARSED_BY, version_of

    text = "Bakers start before dawn.\n\nSalary\n------\nBakers earn $38,000."
    assert version_of(text) == version_of(text, PARSED_BY)
    assert version_of(text, PARSED_BY - 1) != version_of(text)
    assert version_of(text) != version_of(text + " More.")


def test_a_written_record_is_complete_with_every_field_of_its_version(tmp_path, run_ingest):
    """The last step of a write marks the record complete (sending only what changes): the
    record then holds every field of the new version, and readers see it as changed."""
    folder = _folder(tmp_path)
    notes = str((folder / "notes.txt").resolve())
    _, kb = run_ingest([folder])
    first = kb.record(notes)
    assert first["state"] == "complete"
    assert (first["title"], first["kind"], first["references"]) == ("Interview Notes", "txt", 1)
    assert first["chunks"] == len(_source_chunks(kb, notes))

    (folder / "notes.txt").write_text(NOTES_V2)
    report, kb = run_ingest([folder])
    record = kb.record(notes)
    assert record["state"] == "complete"
    assert record["version"] != first["version"]
    assert (record["chunks"], record["references"]) == (len(_source_chunks(kb, notes)), 0)
    assert record["changed_at"] > first["changed_at"]
    assert notes in kb.changes_since(first["changed_at"] + 1)[0]
    assert kb.check() == []
    got = kb.sources.get(ids=[source_key(notes)], include=["embeddings"])
    assert [list(v) for v in got["embeddings"]] == [[1.0]]
