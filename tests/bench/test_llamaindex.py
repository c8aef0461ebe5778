"""The LlamaIndex baseline of `make bench` runs offline: bundled tokenizer and NLTK data, the
project's WordLlama vectors, no LLM. Run in a child process so its environment stays there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from knowledge.settings import REPO_ROOT

pytest.importorskip("llama_index.core", reason="the bench extra is not installed")
pytest.importorskip("llama_index.retrievers.bm25", reason="the bench extra is not installed")

SCRIPT = textwrap.dedent(
    """
    import json, os
    from bench.llamaindex import build_llamaindex, offline_env
    offline_env()
    from knowledge.embeddings import get_embedder
    from knowledge.settings import get_settings

    texts = {
        "a.txt": "A data analyst writes SQL queries and builds dashboards for managers. " * 30,
        "b.txt": "A site reliability engineer keeps services available and is on call. " * 30,
        "c.txt": "A product manager decides what the team builds next and why. " * 30,
    }
    search, nodes = build_llamaindex(texts, get_embedder(get_settings()), k=4)
    hits = search("who is on call to keep services available?")
    print(json.dumps({"nodes": nodes, "hits": hits, "proxy": os.environ["HTTPS_PROXY"]}))
    """
)


def test_baseline_builds_and_retrieves_with_downloads_blocked():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["proxy"].startswith("http://127.0.0.1:")  # any download would have failed
    assert out["nodes"] >= 3 and len(out["hits"]) == 4
    assert "site reliability engineer" in out["hits"][0]
