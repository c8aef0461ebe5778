"""Issue 10: no input takes the ingest down or loses stored data.

Budgets (embedded text, chunks, references, decompressed bytes), detectable and repairable
interrupted writes (`--check`/`--repair`), prune that never trusts a missing folder, one bad
source failing alone whatever it raises, and no escape sequence reaching the terminal.
"""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
import zlib
from pathlib import Path

import pytest

from ingest.fetch import PIECE, decoded, fetch
from knowledge.errors import IngestError
from knowledge.schema import TEXT
from knowledge.store import COMPLETE, PENDING, REMOVE, source_key
from tests.ingest.conftest import Page
from tests.ingest.helpers import by_source, run_cli, run_cli_json, snapshot

ARTICLE = """Site Reliability Careers

On Call

Site reliability engineers share an on-call rotation. They write postmortems after incidents.

Growth

Senior engineers design the alerting. Staff engineers set reliability targets for whole teams.
"""


def _article(paragraphs: int, title: str = "Many Short Sections") -> str:
    body = "\n\n".join(
        f"Paragraph {i} describes step {i} of the review with its own distinct wording {i}."
        for i in range(paragraphs)
    )
    return f"{title}\n\n{body}\n"


# --- 1: characters per embedded text --------------------------------------------------------


def test_wordllama_embeds_only_the_first_max_embed_chars(make_settings):
    from knowledge.embeddings import clip, get_embedder

    embedder = get_embedder(make_settings(max_embed_chars=300))
    long = "careers in data engineering " * 4000  # 108 KB on one line
    clipped = clip([long], 300)[0]
    assert len(clipped) <= 300 and long.startswith(clipped)
    together = embedder.embed_batch([long, clipped, "short text"])
    assert together.shape == (3, embedder.dim)
    assert abs(float(together[0] @ together[1]) - 1.0) < 1e-5


def test_clip_cuts_at_a_space_near_the_limit_or_hard_without_one():
    from knowledge.embeddings import clip

    assert clip(["alpha beta gamma"], 100) == ["alpha beta gamma"]
    assert clip(["a" * 18 + " bbbbbb"], 20) == ["a" * 18]  # a space in the last tenth
    assert clip(["x" * 50], 20) == ["x" * 20]


def test_openai_embedder_sends_at_most_max_embed_chars(tmp_path, make_settings, openai_server):
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    path = tmp_path / "long-heading.md"
    heading = "# " + "Very Long Heading Words " * 1300  # a 30 KB heading line
    refs = "## References\n\n" + " ".join(
        f"Author{i}, A. ({2000 + i % 20}). Title {i}. https://example.com/{i}" for i in range(900)
    )
    path.write_text(f"{heading}\n\n{_article(6)}\n\n{refs}\n")
    settings = make_settings(
        embeddings="openai",
        openai_base_url=openai_server.base_url,
        openai_api_key="x",
        max_embed_chars=500,
    )
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(path)], kb, settings)
    assert report.ok, report.as_dict()
    inputs = [t for body in openai_server.embedding_requests for t in body["input"]]
    assert len(inputs) > 6
    assert max(len(t) for t in inputs) <= 500
    assert any(len(t) > 400 for t in inputs), "nothing came near the limit: the test is moot"


def test_overlong_title_and_heading_are_cut_before_every_chunk_carries_them(tmp_path, run_ingest):
    from ingest.pipeline import MAX_HEADING_CHARS

    path = tmp_path / "long-heading.md"
    title = "# " + "Career Ladder Words " * 1500  # 30 KB title line
    heading = "## " + "Section Heading Words " * 1500
    path.write_text(f"{title}\n\n{heading}\n\n{_article(8)}")
    report, kb = run_ingest([path])
    assert report.ok, report.as_dict()
    metas = kb.chunks.get(include=["metadatas"])["metadatas"]
    assert len(metas) >= 8
    for m in metas:
        assert (
            len(m["title"]) <= MAX_HEADING_CHARS + 1 and len(m["section"]) <= MAX_HEADING_CHARS + 1
        )
    assert metas[0]["title"].startswith("Career Ladder Words") and metas[0]["title"].endswith("…")


# --- budgets on chunks and references --------------------------------------------------------


def test_chunk_and_reference_budgets_fail_the_source_and_name_their_setting(
    tmp_path, run_ingest, make_settings
):
    many = tmp_path / "many.txt"
    many.write_text(_article(12))
    cited = tmp_path / "cited.txt"
    cited.write_text(
        ARTICLE
        + "\nReferences\n\n"
        + "\n".join(f"Lee, K. ({2010 + i}). Report {i}. https://example.com/r{i}" for i in range(4))
    )
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    settings = make_settings(max_chunks_per_source=8, max_references_per_source=3)
    report, kb = run_ingest([many, cited, good], settings=settings)
    results = {Path(r.source).name: r for r in report.results}
    assert results["good.txt"].status == "added"
    assert results["many.txt"].status == "failed"
    assert "ASSISTANT_MAX_CHUNKS_PER_SOURCE" in results["many.txt"].error
    assert "12 passages, over the 8 limit" in results["many.txt"].error
    assert results["cited.txt"].status == "failed"
    assert "ASSISTANT_MAX_REFERENCES_PER_SOURCE" in results["cited.txt"].error
    assert set(kb.records()) == {str(good.resolve())}


# --- 2: compression bombs over HTTP ----------------------------------------------------------


def _zeros_gzip(total: int) -> bytes:
    """gzip of `total` zero bytes, compressed piece by piece (the test never holds them)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    out = [comp.compress(block) for _ in range(total >> 20)]
    return b"".join(out) + comp.flush()


def _zeros_brotli(total: int) -> bytes:
    import brotli

    comp = brotli.Compressor(quality=5)
    block = bytes(1 << 20)
    out = [comp.process(block) for _ in range(total >> 20)]
    return b"".join(out) + comp.finish()


@pytest.mark.parametrize("encoding", ["gzip, gzip", "br"])
def test_compression_bomb_stops_at_the_size_cap_in_bounded_memory(page_server, encoding):
    size = 512 << 20  # inflates to 512 MB
    if encoding == "br":
        body = _zeros_brotli(size)
    else:
        body = gzip.compress(_zeros_gzip(size), 9)
    assert len(body) < 20_000
    page_server.routes["/bomb"] = Page(body, "text/plain", headers={"Content-Encoding": encoding})
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match="ASSISTANT_MAX_SOURCE_BYTES"):
            fetch(page_server.url("/bomb"), timeout=10, max_bytes=2_000_000, allow_private=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000, f"peak {peak:,} bytes for a 2 MB cap"


def test_encoded_pages_are_decoded_in_bounded_pieces(page_server, run_ingest):
    text = ARTICLE.encode() * 3
    page_server.routes["/gz"] = Page(
        gzip.compress(gzip.compress(text)), "text/plain", headers={"Content-Encoding": "gzip, gzip"}
    )
    page_server.routes["/deflate"] = Page(
        zlib.compress(text), "text/plain", headers={"Content-Encoding": "deflate"}
    )
    page_server.routes["/zz"] = Page(text, "text/plain", headers={"Content-Encoding": "compress"})
    report, kb = run_ingest(
        [page_server.url(p) for p in ("/gz", "/deflate", "/zz")], allow_private=True
    )
    status = {r.source.rsplit("/", 1)[-1]: (r.status, r.error) for r in report.results}
    assert status["gz"][0] == status["deflate"][0] == "added", status
    assert status["zz"][0] == "failed" and "Content-Encoding 'compress'" in status["zz"][1]
    pieces = list(decoded([gzip.compress(bytes(5 * PIECE))], "gzip"))
    assert sum(map(len, pieces)) == 5 * PIECE and max(map(len, pieces)) <= PIECE
    with pytest.raises(IngestError, match="not valid gzip"):
        list(decoded([b"not gzip at all"], "gzip"))


# --- 3, 4: interrupted writes are found and repaired -----------------------------------------


def _store_with(tmp_path, run_ingest, make_settings):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(_article(5))
    settings = make_settings()
    report, kb = run_ingest([folder], settings=settings)
    assert report.ok
    return folder, settings, kb


def test_records_are_complete_after_a_write_and_check_is_clean(tmp_path, run_ingest, make_settings):
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    assert {r["state"] for r in kb.records().values()} == {COMPLETE}
    assert kb.check() == []
    code, doc = run_cli_json("--store", str(settings.store), "--check")
    assert code == 0 and doc == {"problems": []}


def test_a_record_whose_chunks_are_gone_is_reported_and_repaired(
    tmp_path, run_ingest, make_settings
):
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    lost = str((folder / "b.txt").resolve())
    kb.chunks.delete(where={"source": lost})  # what a writer killed mid-remove left before
    store = str(settings.store)

    code, doc = run_cli_json("--store", store, "--check")
    assert code == 1
    (problem,) = doc["problems"]
    assert problem["source"] == lost and "0 of 5 chunks" in problem["problem"]
    assert problem["repair"] == REMOVE

    code, doc = run_cli_json("--store", store, "--repair")
    assert code == 0 and [p["source"] for p in doc["repaired"]] == [lost]
    code, doc = run_cli_json("--store", store, "--check")
    assert code == 0 and doc["problems"] == []
    code, report = run_cli_json("--store", store, str(folder))
    assert by_source(report)["b.txt"]["status"] == "added"
    assert by_source(report)["a.txt"]["status"] == "unchanged"


def test_orphaned_and_stale_chunks_are_reported_and_deleted(tmp_path, run_ingest, make_settings):
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    a, b = (str((folder / n).resolve()) for n in ("a.txt", "b.txt"))
    kb.sources.delete(ids=[source_key(b)])  # chunks without a record
    got = kb.chunks.get(where={"source": a}, include=["embeddings"])
    ids, texts, metas = kb.read_chunks(ids=got["ids"])
    assert ids == got["ids"]
    kb.chunks.upsert(  # a copy under another version: text that is in no file any more
        ids=[f"stale-{i}" for i in ids],
        embeddings=got["embeddings"],
        metadatas=[
            {**m, "version": "0" * 16, TEXT: "stale " + t}
            for m, t in zip(metas, texts, strict=True)
        ],
    )
    problems = {p.source: p for p in kb.check()}
    assert set(problems) == {a, b}
    assert "have no source record" in problems[b].detail
    assert "other versions" in problems[a].detail

    proc = run_cli("--store", str(settings.store), "--repair")
    assert proc.returncode == 0, proc.stderr
    assert "repaired:" in proc.stdout
    assert kb.check() == []
    assert kb.chunks.get(where={"source": b})["ids"] == []
    _ids, docs, _metas = kb.read_chunks(where={"source": a})
    assert docs and not any(d.startswith("stale ") for d in docs)
    assert kb.records()[a]["chunks"] == len(docs)


def test_a_pending_record_is_never_unchanged(tmp_path, run_ingest, make_settings):
    """A record a stopped writer left pending (or half-removed) is written again."""
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    a = str((folder / "a.txt").resolve())
    for state in (PENDING, "removing"):
        record = {**kb.records()[a], "state": state}
        kb.sources.upsert(ids=[source_key(a)], embeddings=[[1.0]], metadatas=[record])
        assert kb.check(), f"a {state} record is not reported"
        report, kb = run_ingest([folder], settings=settings)
        status = {Path(r.source).name: r.status for r in report.results}
        assert status == {"a.txt": "updated", "b.txt": "unchanged"}, (state, status)
        assert kb.records()[a]["state"] == COMPLETE
        assert kb.check() == []


# --- 5: prune never deletes under a folder that is missing -----------------------------------


def test_prune_with_a_missing_folder_deletes_nothing(tmp_path, run_ingest, make_settings):
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    before = snapshot(kb)
    folder.rename(tmp_path / "renamed")  # unmounted, renamed: its files are not known to be gone
    report, kb = run_ingest([folder], prune=True, settings=settings)
    (result,) = report.results
    assert result.status == "failed" and "does not exist" in result.error
    assert snapshot(kb) == before


def test_prune_still_removes_files_deleted_from_a_present_folder(
    tmp_path, run_ingest, make_settings
):
    folder, settings, kb = _store_with(tmp_path, run_ingest, make_settings)
    (folder / "b.txt").unlink()
    report, kb = run_ingest([folder], prune=True, settings=settings)
    assert {Path(r.source).name: r.status for r in report.results} == {
        "a.txt": "unchanged",
        "b.txt": "removed",
    }


# --- 12: one bad source fails alone, whatever it raises --------------------------------------


def test_malformed_urls_bad_redirects_and_undecodable_names_fail_alone(tmp_path, page_server):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE)
    bad_name = os.path.join(os.fsencode(folder), b"caf\xe9-notes.txt")  # Latin-1, not UTF-8
    with open(bad_name, "wb") as fh:
        fh.write(_article(3).encode())
    page_server.routes["/moved"] = Page(
        b"", None, status=302, headers={"Location": "http://127.0.0.1:99999/away"}
    )
    inputs = [str(folder), "http://127.0.0.1:99999/x", "http://[::1/x", page_server.url("/moved")]
    store = str(tmp_path / "store")
    code, report = run_cli_json("--store", store, "--allow-private-urls", *inputs)
    assert code == 1
    rows = report["sources"]
    statuses = sorted(r["status"] for r in rows)
    assert statuses == ["added", "failed", "failed", "failed", "failed"], rows
    (good,) = [r for r in rows if r["status"] == "added"]
    assert good["source"].endswith("good.txt")
    errors = " | ".join(r["error"] for r in rows if r["error"])
    assert errors.count("is not a valid URL") == 3, errors
    assert "file name is not valid UTF-8" in errors

    table = run_cli("--store", store, "--allow-private-urls", *inputs)  # table output too
    assert table.returncode == 1 and "Traceback" not in table.stderr, table.stderr
    assert "1 unchanged" in table.stdout and "4 failed" in table.stdout
    assert "caf\ufffd-notes.txt" in table.stdout


# --- 9: no escape sequence from an article reaches the terminal ------------------------------

ESCAPES = (
    "\x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07",
    "\x1b[2J\x1b[31m",
    "\x9b31m",
    "\x1b]0;owned\x07",
)


def test_plain_cli_output_has_no_escape_sequences():
    from assistant.present import format_plain

    bad = "".join(ESCAPES)
    result = {
        "notice": f"notice {bad}",
        "answer": f"Engineers earn more ![x](http://t.example/p.png) {bad} [1].",
        "citations": [
            {
                "n": 1,
                "title": f"Title {bad}",
                "section": f"Pay {bad}",
                "quote": f"They earn {bad} more.",
                "source": f"/tmp/a{bad}.txt",
                "reference": {"label": f"Lee {bad}", "title": "T", "url": "https://e.example"},
            }
        ],
        "mode": "extractive",
        "timings_ms": {"total": 3.0},
    }
    out = format_plain(result)
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch not in out
    assert "click here" in out and "They earn" in out and "p.png" not in out


def test_ask_prints_no_escape_sequences_from_an_article(tmp_path):
    import subprocess
    import sys

    from knowledge.settings import REPO_ROOT
    from tests.ingest.helpers import clean_env

    text = (
        "Hospital Pharmacist Salary\n\nPay\n\n"
        f"A hospital pharmacist earns a median salary {ESCAPES[0]} of 130,000 dollars a year. "
        f"Night shifts {ESCAPES[1]}add a premium of ten percent.{ESCAPES[3]} "
        + "Pharmacists check prescriptions and advise nurses on doses. "
        * 30
    )
    path = tmp_path / "pharmacist.txt"
    path.write_text(text)
    store = str(tmp_path / "store")
    code, report = run_cli_json("--store", store, str(path))
    assert code == 0, report
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "What does a hospital pharmacist earn?"]
        + ["--store", store],
        cwd=REPO_ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "130,000" in proc.stdout, proc.stdout
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch not in proc.stdout, repr(proc.stdout)
    listed = run_cli("--store", store, "--list")
    assert "\x1b" not in listed.stdout
    assert json.loads(run_cli("--store", store, "--list", "--json").stdout)["sources"]
