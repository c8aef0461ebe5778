"""Fixtures for the scale, fault and bad-input tests: served apps, CLI runs and store snapshots."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from knowledge.settings import REPO_ROOT
from tests.conftest import free_port, wait_for_port

PY = sys.executable
# Variables that would point a child process at a real LLM, another store or another Chroma.
_CLEARED = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "CHROMA_PORT")


def child_env(**extra: str | int | float) -> dict[str, str]:
    """The test process's environment, minus LLM/Chroma/ASSISTANT_ config, plus `extra`."""
    env = {
        k: v for k, v in os.environ.items() if k not in _CLEARED and not k.startswith("ASSISTANT_")
    }
    # Nothing may reach the internet: no telemetry, no hub downloads.
    env.update(
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_cli(*args: str, env: dict | None = None, timeout: float = 120, stdin: str | None = None):
    """Run `python -m <args>` from the repo root; returns the CompletedProcess (text)."""
    return subprocess.run(
        [PY, "-m", *args],
        cwd=REPO_ROOT,
        env=env or child_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_json(*args: str, env: dict | None = None, timeout: float = 120) -> dict:
    done = run_cli(*args, env=env, timeout=timeout)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


class ServedApp:
    """One `python -m assistant serve` subprocess on a free loopback port."""

    def __init__(self, store: Path, env: dict, log: Path, args: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log
        self._log = open(log, "wb")
        cmd = [PY, "-m", "assistant", "serve", "--port", str(self.port), "--store", str(store)]
        self.proc = subprocess.Popen(
            [*cmd, *args], cwd=REPO_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout: float = 90) -> ServedApp:
        try:
            wait_for_port(self.port, timeout, self.proc)
        except (RuntimeError, TimeoutError) as exc:
            raise AssertionError(f"{exc}; server log:\n{self.log()}") from None
        return self

    def client(self):
        from gradio_client import Client

        return Client(self.url, verbose=False, download_files=False)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-5000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()


@pytest.fixture
def serve(tmp_path):
    """Factory: serve(store, *args, **env) starts an app and waits for it; all stop at the end."""
    apps: list[ServedApp] = []

    def start(store: Path, *args: str, **env) -> ServedApp:
        # With a Chroma server, each app keeps its lexical index in a cache folder of its own.
        env.setdefault("ASSISTANT_LEXICAL_CACHE", tmp_path / f"lexical-cache-{len(apps)}")
        app = ServedApp(store, child_env(**env), tmp_path / f"serve-{len(apps)}.log", args)
        apps.append(app)
        return app.wait_ready()

    yield start
    for app in apps:
        app.stop()


def web_available() -> bool:
    return (REPO_ROOT / "assistant" / "web.py").exists()


needs_web = pytest.mark.skipif(
    not web_available(), reason="assistant/web.py (the served app) is not written yet"
)


def snapshot(kb) -> dict:
    """Everything a bad input must not change: source records and collection counts."""
    records = {s: (m["version"], m["chunks"], m["references"]) for s, m in kb.records().items()}
    return {
        "records": records,
        "chunks": kb.chunks.count(),
        "references": kb.references.count(),
        "sources": kb.sources.count(),
    }


_SNAPSHOT = (
    "import json, sys; from knowledge.settings import get_settings; "
    "from knowledge.store import open_knowledge_base; "
    "from tests.scale.conftest import snapshot; "
    "print(json.dumps(snapshot(open_knowledge_base(get_settings(store=sys.argv[1])))))"
)


def in_fresh_process(code: str, store: Path):
    """Run `code` (which prints JSON) with the store path in a new process: what the next
    reader would see, with no cache of this process in the way."""
    done = subprocess.run(
        [PY, "-c", code, str(store)],
        cwd=REPO_ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def snapshot_of(store: Path) -> dict:
    """`snapshot` taken by a fresh process."""
    snap = in_fresh_process(_SNAPSHOT, store)
    snap["records"] = {k: tuple(v) for k, v in snap["records"].items()}
    return snap


def integrity(kb) -> dict:
    """Per-source chunk counts checked against the chunks actually stored; returns a summary."""
    got = kb.sources.get(include=["metadatas"])
    metas_of_sources = [m for m in got["metadatas"] if "source" in m]  # not the store stamp
    sources = [m["source"] for m in metas_of_sources]
    assert len(sources) == len(set(sources)), "a source has more than one record"
    records = {m["source"]: m for m in metas_of_sources}
    ids, _docs, metas = kb.all_chunks()
    assert len(ids) == len(set(ids)), "duplicate chunk ids"
    pairs = [(m["source"], m["chunk_index"]) for m in metas]
    dupes = [p for p, n in Counter(pairs).items() if n > 1]
    assert not dupes, f"duplicate (source, chunk_index) pairs: {dupes[:5]}"
    per_source = Counter(m["source"] for m in metas)
    orphans = set(per_source) - set(records)
    assert not orphans, f"chunks without a source record: {sorted(orphans)[:5]}"
    for source, rec in records.items():
        versions = {m["version"] for m in metas if m["source"] == source}
        assert versions <= {rec["version"]}, f"{source}: stale versions {versions}"
        assert per_source[source] == rec["chunks"], (
            f"{source}: record says {rec['chunks']} chunks, store has {per_source[source]}"
        )
    assert len(ids) == sum(r["chunks"] for r in records.values())
    return {"sources": len(records), "chunks": len(ids)}


def wait_until(check, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
