"""Shared fixtures: temp stores, the OpenAI-protocol test server, a Chroma server, a page server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.settings import REPO_ROOT, get_settings

CORPUS = REPO_ROOT / "corpus"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DEV_ARTICLES = REPO_ROOT.parent / "shared" / "corpus-dev"


def dev_article(name: str) -> Path:
    """A development article's path (../shared/corpus-dev); where that folder is missing (a
    user's clone), the test skips with that reason, after the checks it made before."""
    path = DEV_ARTICLES / name
    if not path.is_file():
        pytest.skip(f"the development articles are not at {DEV_ARTICLES}")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # In CI every required part is installed, so a skip means something is missing: fail it.
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and call.when in ("setup", "call"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {report.longrepr}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout}s")


def stop_process(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate, then kill if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture
def make_settings(tmp_path):
    """Settings on a fresh temp store; keyword overrides win. No LLM unless a test asks."""

    def make(**overrides):
        overrides.setdefault("store", tmp_path / "store")
        overrides.setdefault("lexical_cache", tmp_path / "lexical-cache")
        overrides.setdefault("openai_api_key", None)
        overrides.setdefault("openai_base_url", None)
        overrides.setdefault("chroma_host", None)
        settings = get_settings(**overrides)
        # get_settings drops None overrides, so clear env-provided LLM/Chroma config explicitly.
        for key in ("openai_api_key", "openai_base_url", "chroma_host"):
            if overrides.get(key) is None:
                setattr(settings, key, None)
        return settings

    return make


@pytest.fixture
def kb(make_settings):
    from knowledge.store import open_knowledge_base

    return open_knowledge_base(make_settings())


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    """A store with corpus/ ingested once per session. Copy it before writing to it."""
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    store = tmp_path_factory.mktemp("seeded") / "store"
    settings = get_settings(store=store)
    settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(CORPUS)], kb, settings)
    assert report.ok, report.as_dict()
    del kb
    return store


@pytest.fixture
def store_copy(seeded_store, tmp_path) -> Path:
    dest = tmp_path / "store"
    shutil.copytree(seeded_store, dest)
    return dest


@pytest.fixture(scope="session")
def assistant(seeded_store):
    """A read-only extractive Assistant over the seeded store."""
    from assistant.service import Assistant

    settings = get_settings(store=seeded_store)
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    a = Assistant.open(settings)
    a.warm()
    return a


@pytest.fixture
def openai_server():
    from tests.support.openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as srv:
        yield srv


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` on loopback with a temp path. Yields (host, port, process)."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed next to this Python")
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path / "chroma"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, 60, proc)
        yield "127.0.0.1", port, proc
    finally:
        stop_process(proc)
        log.close()
