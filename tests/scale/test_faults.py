"""Faults: a failing LLM endpoint, a Chroma server that stops, and an ingest killed mid-write."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from bench.synth import write_articles
from ingest.settings import REPO_ROOT
from tests.conftest import wait_for_port
from tests.scale.conftest import PY, child_env, integrity, needs_web, run_cli, run_json, wait_until
from tests.support.openai_server import CutStream, Reply, Stall, StallMidStream, Status

QUESTION = "What kind of math does a machine learning engineer need to know?"
CORPUS = str(REPO_ROOT / "corpus")

# --- SIGKILL during ingestion -------------------------------------------------------------------


def _store_state(store: Path) -> set[str]:
    """Names in the store folder: a journal or a segment folder means a write has begun."""
    return {p.name for p in store.iterdir()} if store.exists() else set()


def _writing(store: Path) -> bool:
    names = _store_state(store)
    segments = any((store / n).is_dir() for n in names)
    return "chroma.sqlite3-journal" in names or segments


def _kill_when(store: Path, articles: Path, started, settle: float) -> int:
    """Start an ingest, SIGKILL it once `started(store)` holds plus `settle` seconds."""
    cmd = [PY, "-m", "ingest", str(articles), "--store", str(store), "--json"]
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: started(store) or proc.poll() is not None, 120, "the ingest to write")
        if settle:
            try:
                proc.wait(settle)
            except subprocess.TimeoutExpired:
                pass
        proc.send_signal(signal.SIGKILL)
        return proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()


@pytest.mark.slow
def test_sigkill_during_ingest_then_rerun_leaves_each_article_once(tmp_path, make_settings):
    articles = tmp_path / "articles"
    # 200 articles x 14 one-line paragraphs: more than one 2000-chunk batch, so the kill can land
    # between batches as well as inside one.
    paths = write_articles(articles, 200, paragraphs=14, sentences=2)
    store = tmp_path / "store"

    first = _kill_when(store, articles, _writing, settle=0.0)
    # The second kill comes later, when part of the corpus may already be recorded.
    second = _kill_when(store, articles, _writing, settle=0.8)
    killed = [rc for rc in (first, second) if rc == -signal.SIGKILL]
    assert killed, f"the ingest finished before it could be killed (exit codes {first}, {second})"

    done = run_cli("ingest", str(articles), "--store", str(store), "--json", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["totals"]["failed"] == 0

    from ingest.store import open_knowledge_base

    kb = open_knowledge_base(make_settings(store=store))
    records = kb.records()
    expected = {str(p.resolve()) for p in paths}
    assert set(records) == expected
    summary = integrity(kb)
    assert summary["sources"] == 200
    assert summary["chunks"] == sum(r["chunks"] for r in records.values()) >= 200 * 14

    # A further run finds nothing to do: the recovered store is consistent with the files.
    again = run_json("ingest", str(articles), "--store", str(store), "--json", timeout=300)
    assert again["totals"]["unchanged"] == 200 and again["totals"]["chunks"] == 0


# --- the LLM endpoint failing, seen through the served app --------------------------------------


def _ask(app, question: str = QUESTION) -> dict:
    return app.client().predict(question, [], api_name="/ask")


def _assert_fallback(result: dict, what: str) -> None:
    assert result["mode"] == "extractive", f"{what}: {result['mode']}"
    assert result["notice"] and "language model" in result["notice"], f"{what}: {result}"
    assert result["citations"], f"{what}: the fallback answer cites nothing"
    assert "linear algebra" in result["answer"] + " ".join(c["text"] for c in result["citations"])


@needs_web
@pytest.mark.slow
def test_llm_faults_fall_back_to_cited_extractive_answers(openai_server, seeded_store, serve):
    llm = dict(
        OPENAI_BASE_URL=openai_server.base_url,
        OPENAI_API_KEY="x",
        ASSISTANT_LLM_TIMEOUT=2,
        ASSISTANT_LLM_RETRIES=0,
    )
    app = serve(seeded_store, **llm)

    # The control: a healthy endpoint gives an LLM answer, so the fallbacks below are real.
    openai_server.default = Reply("ML engineers need linear algebra and probability [1].")
    ok = _ask(app)
    assert ok["mode"] == "llm" and not ok["notice"], ok
    assert openai_server.requests, "the app never called the LLM endpoint"

    cases = {
        "429": Status(429, "Rate limit reached"),
        "500": Status(500),
        "stall": Stall(),
        "stall mid-stream": StallMidStream(),
        "cut stream": CutStream(),
    }
    for what, behaviour in cases.items():
        openai_server.default = behaviour
        before = len(openai_server.requests)
        result = _ask(app)
        assert len(openai_server.requests) > before, f"{what}: the LLM was not called"
        _assert_fallback(result, what)
    assert "429" in _notice_for(app, openai_server, Status(429))


def _notice_for(app, server, behaviour) -> str:
    server.default = behaviour
    return _ask(app)["notice"] or ""


@needs_web
@pytest.mark.slow
def test_llm_endpoint_refusing_connections_falls_back(seeded_store, serve):
    from tests.support.openai_server import refused_base_url

    app = serve(
        seeded_store,
        OPENAI_BASE_URL=refused_base_url(),
        OPENAI_API_KEY="x",
        ASSISTANT_LLM_TIMEOUT=2,
        ASSISTANT_LLM_RETRIES=0,
    )
    result = _ask(app)
    _assert_fallback(result, "refused")
    assert "reached" in result["notice"]


# --- the Chroma server stopping mid-session -----------------------------------------------------


def _chroma(path: Path, port: int, log: Path) -> subprocess.Popen:
    chroma = Path(PY).parent / "chroma"
    cmd = [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, stdout=open(log, "ab"), stderr=subprocess.STDOUT)


@needs_web
@pytest.mark.slow
def test_chroma_server_stopping_gives_clear_error_then_recovers(chroma_server, serve, tmp_path):
    from gradio_client.exceptions import AppError

    host, port, proc = chroma_server
    server_env = dict(CHROMA_HOST=host, CHROMA_PORT=port)
    run_json("ingest", CORPUS, "--json", env=child_env(**server_env))
    app = serve(tmp_path / "unused-store", **server_env)
    client = app.client()
    assert client.predict(QUESTION, [], api_name="/ask")["citations"]

    proc.terminate()
    proc.wait(15)
    with pytest.raises(AppError) as err:
        client.predict(QUESTION, [], api_name="/ask")
    message = str(err.value)
    assert "Chroma" in message, message
    assert "chroma run" in message or "CHROMA_HOST" in message, message
    assert app.proc.poll() is None, "the app died with the Chroma server"

    # Same port and path: the app must pick the server up again without a restart.
    restarted = _chroma(tmp_path / "chroma", port, tmp_path / "chroma-restart.log")
    try:
        wait_for_port(port, 60, restarted)
        result = client.predict(QUESTION, [], api_name="/ask")
        assert result["citations"] and not result["abstained"], result
    finally:
        restarted.terminate()
        try:
            restarted.wait(10)
        except subprocess.TimeoutExpired:
            restarted.kill()
