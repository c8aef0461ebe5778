"""Bad inputs fail alone, with a clear message, and leave the store exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import discover
from tests.ingest.helpers import by_source, make_pdf, run_cli_json, snapshot

GOOD = "Hiring Trends\n\nCompanies hire fewer juniors this year. Seniors stay in demand.\n"

EMPTY_HTML = "<html><head><title>Nothing here</title></head><body><div></div></body></html>"
BOILERPLATE_HTML = """<html><head><title>Menu</title></head><body>
<nav><a href="/">Home</a> | <a href="/a">About</a> | <a href="/c">Contact</a></nav>
<p>Subscribe to our newsletter</p>
<div id="comments"><h3>Leave a Reply</h3><form>
<p>Your email address will not be published. Required fields are marked *</p>
<textarea></textarea></form></div>
<footer><p>Copyright 2026 Example. All rights reserved.</p></footer>
</body></html>"""


def _write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def _symlink_loop_dir(tmp: Path) -> str:
    folder = tmp / "looping"
    folder.mkdir()
    (folder / "again").symlink_to(folder, target_is_directory=True)
    (folder / "up").symlink_to("..", target_is_directory=True)
    return str(folder)


def _looping_file(tmp: Path) -> str:
    (tmp / "ping.txt").symlink_to(tmp / "pong.txt")
    (tmp / "pong.txt").symlink_to(tmp / "ping.txt")
    return str(tmp / "ping.txt")


def _broken_link(tmp: Path) -> str:
    (tmp / "dangling.md").symlink_to(tmp / "deleted.md")
    return str(tmp / "dangling.md")


# (id, build(tmp) -> input, expected words in the error)
BAD_INPUTS = [
    ("docx", lambda t: _write(t / "cv.docx", b"PK\x03\x04docx"), ["unsupported file type '.docx'"]),
    ("no-suffix", lambda t: _write(t / "README", GOOD), ["unsupported file type '(none)'"]),
    ("empty", lambda t: _write(t / "empty.txt", b""), ["empty.txt is empty"]),
    ("whitespace", lambda t: _write(t / "blank.md", " \n\t\n  \r\n"), ["blank.md is empty"]),
    ("binary", lambda t: _write(t / "blob.txt", bytes(range(256)) * 4), ["looks binary"]),
    (
        "control-chars",
        lambda t: _write(t / "ctl.txt", "Title\n\n" + "\x1b\x07 word " * 200),
        ["looks binary"],
    ),
    ("empty-html", lambda t: _write(t / "empty.html", EMPTY_HTML), ["no readable article text"]),
    (
        "boilerplate-html",
        lambda t: _write(t / "chrome.htm", BOILERPLATE_HTML),
        ["no readable article text|no article text left after removing page boilerplate"],
    ),
    ("pdf-no-text", lambda t: _write(t / "scan.pdf", make_pdf([])), ["no text layer", "OCR"]),
    (
        "pdf-corrupt",
        lambda t: _write(t / "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" + b"\x00" * 64),
        ["not a readable PDF"],
    ),
    (
        "pdf-truncated",
        lambda t: _write(t / "cut.pdf", make_pdf(["Some text line here."])[:150]),
        ["not a readable PDF|no text layer"],
    ),
    (
        "too-big",
        lambda t: _write(t / "huge.txt", GOOD + "More words here. " * 200),
        ["over the 2,000-byte limit", "ASSISTANT_MAX_SOURCE_BYTES"],
    ),
    ("missing", lambda t: str(t / "nope" / "missing.txt"), ["missing.txt does not exist"]),
    ("symlink-loop-dir", _symlink_loop_dir, ["has no .txt, .md, .html, .htm or .pdf files"]),
    ("symlink-loop-file", _looping_file, ["broken or looping symlink"]),
    ("broken-symlink", _broken_link, ["broken or looping symlink"]),
    ("file-url", lambda t: "file:///etc/passwd", ["unsupported URL scheme 'file'"]),
    ("ftp-url", lambda t: "ftp://example.com/a.txt", ["unsupported URL scheme 'ftp'"]),
    ("data-url", lambda t: "data:text/plain,hi", ["unsupported URL scheme 'data'"]),
]


@pytest.mark.parametrize(
    ("build", "expected"), [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_fails_alone_and_leaves_the_store_unchanged(
    tmp_path, make_settings, run_ingest, build, expected
):
    settings = make_settings(max_source_bytes=2000)
    report, kb = run_ingest([_write(tmp_path / "good.txt", GOOD)], settings=settings)
    assert report.ok, report.as_dict()
    before = snapshot(kb)
    assert before["chunks"] > 0

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    report, kb = run_ingest([build(bad_dir)], settings=settings)

    (result,) = report.results
    assert result.status == "failed"
    assert not report.ok
    for words in expected:
        assert any(w in result.error for w in words.split("|")), result.error
    assert snapshot(kb) == before


def test_symlink_loops_inside_a_folder_terminate(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    _write(root / "sub" / "good.txt", GOOD)
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(root / "self", target_is_directory=True)
    _looping_file(root)
    found, errors = discover([str(root)])
    assert [Path(f).name for f in found] == ["good.txt"]
    assert sorted(Path(source).name for source, _ in errors) == ["ping.txt", "pong.txt"]
    assert all("broken or looping symlink" in e for _, e in errors)


def test_good_and_bad_inputs_in_one_cli_run(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    _write(folder / "good.txt", GOOD)
    _write(folder / "second.md", "# Second Good\n\nA second article lands as well. It is fine.\n")
    _write(folder / "empty.txt", b"")
    _write(folder / "binary.txt", b"\x00\x01\x02" * 100)
    _write(folder / "scan.pdf", make_pdf([]))
    _broken_link(folder)
    missing = str(tmp_path / "missing.html")
    store = tmp_path / "store"

    code, report = run_cli_json("--store", str(store), str(folder), missing, "ftp://x.org/a.txt")

    assert code == 1, report
    results = by_source(report)
    assert results["good.txt"]["status"] == "added"
    assert results["second.md"]["status"] == "added"
    for name in ("empty.txt", "binary.txt", "scan.pdf", "missing.html", "a.txt"):
        assert results[name]["status"] == "failed", results[name]
        assert name in results[name]["error"] or "scheme" in results[name]["error"]
    # A dangling link is identified by where it points; its error names the link itself.
    assert any("dangling.md is a broken" in (r["error"] or "") for r in report["sources"])
    assert report["totals"]["added"] == 2
    assert report["totals"]["failed"] == 6

    code, listed = run_cli_json("--store", str(store), "--list")
    assert code == 0
    assert sorted(Path(m["source"]).name for m in listed["sources"]) == ["good.txt", "second.md"]
