"""A live `python -m assistant serve` on a copy of the seeded store, for API and browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from knowledge.settings import REPO_ROOT
from tests.conftest import free_port, stop_process, wait_for_port

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"
UPLOAD_CAP = 50_000
DROPPED_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "CHROMA_PORT")


def dev_library(tmp_path_factory, name: str, articles: list[str], written: dict | None = None):
    """A warmed extractive Assistant over the seed corpus plus these development articles, in a
    store of its own (skips, with the reason, where ../shared is missing). `written`: articles
    written by the test ({file name: text}), ingested first."""
    if not DEV.is_dir():
        pytest.skip(f"the development articles are not at {DEV}")
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    settings = get_settings(store=tmp_path_factory.mktemp(name) / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    sources = [str(REPO_ROOT / "corpus")] + [str(DEV / article) for article in articles]
    if written:
        folder = tmp_path_factory.mktemp(f"{name}-articles")
        for file_name, text in written.items():
            (folder / file_name).write_text(text, encoding="utf-8")
        sources.insert(0, str(folder))
    report = ingest_sources(sources, kb, settings)
    assert report.ok, report.as_dict()
    assistant = Assistant(settings, kb)
    assistant.warm()
    return assistant


@dataclass
class RunningApp:
    url: str
    store: Path
    proc: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextmanager
def start_app(store: Path, workdir: Path, *args: str, **env_overrides: str):
    """Serve the app on a free loopback port; the store must be this app's own copy.

    Embedded Chroma is not process-safe: while the app runs, only the app writes to `store`.
    """
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in DROPPED_ENV and not (k.startswith("ASSISTANT_") or k.startswith("OPENAI_"))
    }
    env.update(
        ASSISTANT_ALLOW_PRIVATE_URLS="1",
        GRADIO_ANALYTICS_ENABLED="False",
        GRADIO_TEMP_DIR=str(workdir / "gradio-tmp"),
    )
    env.update(env_overrides)
    log = workdir / f"serve-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
            + ["--store", str(store), *args],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    app = RunningApp(f"http://127.0.0.1:{port}", store, proc, log)
    try:
        try:
            wait_for_port(port, 120, proc)
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"{exc}\n--- server log ---\n{app.log_text()}") from None
        yield app
    finally:
        stop_process(proc, 15)


@pytest.fixture(scope="module")
def running_app(seeded_store, tmp_path_factory):
    """The web app over its own copy of the seeded store: .url, .store, .proc, .log."""
    work = tmp_path_factory.mktemp("web")
    store = work / "store"
    shutil.copytree(seeded_store, store)
    # A small upload cap, so a test can exceed it cheaply.
    with start_app(store, work, ASSISTANT_UPLOAD_MAX_BYTES=str(UPLOAD_CAP)) as app:
        yield app


@pytest.fixture(scope="module")
def web_client(running_app):
    from gradio_client import Client

    return Client(running_app.url, verbose=False, download_files=False)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture
def article_server(tmp_path):
    """A static HTTP server on 127.0.0.1 over a temp folder: yields (folder, base_url)."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
