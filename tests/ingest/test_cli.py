"""`python -m ingest`: corpus by default, JSON and table output, --list, --help, private URLs."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from knowledge.settings import REPO_ROOT
from tests.ingest.conftest import Page
from tests.ingest.helpers import clean_env, run_cli, run_cli_json

SEED_NAME = "ai-engineer-vs-machine-learning-engineer.txt"
SEED_TITLE = "AI Engineer vs Machine Learning Engineer: Which Career Path Pays More and Why"


def test_json_run_adds_the_corpus_then_reports_it_unchanged(tmp_path):
    store = str(tmp_path / "store")
    code, first = run_cli_json("--store", store)  # no inputs: corpus/
    assert code == 0, first
    (result,) = first["sources"]
    assert result["status"] == "added"
    assert Path(result["source"]) == (REPO_ROOT / "corpus" / SEED_NAME).resolve()
    assert result["title"] == SEED_TITLE
    assert result["references"] == 3 and result["chunks"] > 5 and result["error"] is None
    assert first["totals"] == {
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
        "failed": 0,
        "chunks": result["chunks"],
    }

    code, second = run_cli_json("--store", store, str(REPO_ROOT / "corpus"))
    assert code == 0
    assert [r["status"] for r in second["sources"]] == ["unchanged"]
    assert second["totals"]["unchanged"] == 1 and second["totals"]["chunks"] == 0

    code, listed = run_cli_json("--store", store, "--list")
    assert code == 0
    (record,) = listed["sources"]
    assert record["title"] == SEED_TITLE
    assert record["chunks"] == result["chunks"] and record["references"] == 3


def test_table_output_with_progress_bar_and_summary(tmp_path):
    store = str(tmp_path / "store")
    # tqdm draws only on a terminal, so give the child a pseudo-terminal for stderr.
    leader, follower = pty.openpty()
    # A fresh pty is 0 columns wide, which tqdm draws as an empty line: give it a real size.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest", "--store", store],
        cwd=REPO_ROOT,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
    )
    os.close(follower)
    terminal = bytearray()
    while True:
        try:
            piece = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not piece:
            break
        terminal += piece
    os.close(leader)
    stdout = proc.stdout.read()
    assert proc.wait(120) == 0, stdout + terminal.decode(errors="replace")
    progress = terminal.decode(errors="replace")
    assert "ingest:" in progress and "/1" in progress, progress

    lines = stdout.strip().splitlines()
    assert lines[0].split() == ["STATUS", "CHUNKS", "REFS", "SOURCE"]
    assert lines[1].split()[0] == "added" and lines[1].endswith(SEED_NAME)
    chunks = int(lines[1].split()[1])
    assert lines[-1] == (
        f"1 added, 0 updated, 0 unchanged, 0 removed, 0 failed; {chunks} chunks written"
    )

    proc = run_cli("--store", store)
    assert proc.returncode == 0
    assert proc.stdout.strip().splitlines()[-1] == (
        "0 added, 0 updated, 1 unchanged, 0 removed, 0 failed; 0 chunks written"
    )
    assert "ingest:" not in proc.stderr  # no progress bar when stderr is not a terminal

    proc = run_cli("--store", store, "--list")
    assert proc.returncode == 0
    assert SEED_TITLE in proc.stdout and SEED_NAME in proc.stdout and "3 refs" in proc.stdout


def test_failures_are_listed_on_stderr_and_exit_nonzero(tmp_path):
    proc = run_cli("--store", str(tmp_path / "store"), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "missing.txt does not exist" in proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("0 added, 0 updated, 0 unchanged")
    assert "1 failed" in proc.stdout


def test_list_of_an_empty_store(tmp_path):
    proc = run_cli("--store", str(tmp_path / "store"), "--list")
    assert proc.returncode == 0
    assert "the store is empty" in proc.stdout and "python -m ingest" in proc.stdout


def test_help():
    for cmd in ([sys.executable, "-m", "ingest"], [str(Path(sys.executable).parent / "ingest")]):
        proc = subprocess.run(
            [*cmd, "--help"], capture_output=True, text=True, env=clean_env(), timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        for option in (
            "--store",
            "--prune",
            "--remove",
            "--list",
            "--json",
            "--allow-private-urls",
        ):
            assert option in proc.stdout


def test_private_urls_need_the_flag(tmp_path, page_server):
    page_server.routes["/post"] = Page(
        b"<html><body><article><h1>Loopback Post</h1><p>This page is served from the test "
        b"machine itself. It is only fetched when private addresses are allowed.</p>"
        b"</article></body></html>"
    )
    store = str(tmp_path / "store")
    code, report = run_cli_json("--store", store, page_server.url("/post"))
    assert code == 1
    assert "--allow-private-urls" in report["sources"][0]["error"]
    assert page_server.hits["/post"] == 0

    code, report = run_cli_json("--store", store, "--allow-private-urls", page_server.url("/post"))
    assert code == 0, report
    assert report["sources"][0]["status"] == "added"
    assert report["sources"][0]["title"] == "Loopback Post"
    assert page_server.hits["/post"] == 1
