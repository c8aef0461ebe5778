"""Scale-out: the knowledge base on a real `chroma run` server, shared by several processes."""

from __future__ import annotations

import json

import pytest

from knowledge.settings import REPO_ROOT
from tests.scale.conftest import child_env, needs_web, run_cli, run_json

CORPUS = REPO_ROOT / "corpus"
SEED = str((CORPUS / "ai-engineer-vs-machine-learning-engineer.txt").resolve())
MATH_Q = "What kind of math does a machine learning engineer need to know?"

LIGHTHOUSE = """Lighthouse Keeping as a Second Career

What the Job Involves

Modern lighthouse keepers in Norway maintain automated beacons, guide visiting groups and log
weather observations for the coastal administration every morning and evening.

Pay and Hours

According to the Norwegian Coastal Administration, a lighthouse keeper in Norway earns about
512,000 kroner a year, with rotations of two weeks on the island and two weeks ashore.
"""
LIGHTHOUSE_Q = "How much does a lighthouse keeper in Norway earn?"


def _server_env(chroma_server) -> dict:
    host, port, _proc = chroma_server
    return dict(CHROMA_HOST=host, CHROMA_PORT=port)


def test_ingest_and_ask_through_a_chroma_server(chroma_server, make_settings, tmp_path):
    host, port, _proc = chroma_server
    env = child_env(**_server_env(chroma_server))
    report = run_json("ingest", str(CORPUS), "--json", env=env)
    assert report["totals"]["added"] == 1 and report["totals"]["chunks"] > 5

    settings = make_settings(chroma_host=host, chroma_port=port)
    from knowledge.store import open_knowledge_base

    kb = open_knowledge_base(settings)
    records = kb.records()
    assert set(records) == {SEED}
    assert kb.chunks.count() == records[SEED]["chunks"] == report["totals"]["chunks"]
    # The data went to the server, not to a local store folder.
    assert (tmp_path / "chroma").is_dir() and not settings.store.exists()

    from assistant.service import Assistant

    result = Assistant.open(settings).ask(MATH_Q)
    assert not result["abstained"] and result["citations"]
    assert {c["source"] for c in result["citations"]} == {SEED}
    assert any("linear algebra" in p["text"] for p in result["passages"])

    done = run_cli("assistant", "ask", "--json", MATH_Q, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    cli = json.loads(done.stdout)
    assert cli["citations"] and cli["citations"][0]["source"] == SEED
    assert [c["text"] for c in cli["citations"]] == [c["text"] for c in result["citations"]]

    # A second ingest from another process sees the same records: nothing is written twice.
    again = run_json("ingest", str(CORPUS), "--json", env=env)
    assert again["totals"]["unchanged"] == 1 and again["totals"]["chunks"] == 0
    assert kb.chunks.count() == records[SEED]["chunks"]


def test_server_mode_store_error_names_the_fix(make_settings):
    from knowledge.errors import StoreError
    from knowledge.store import open_knowledge_base
    from tests.conftest import free_port

    port = free_port()  # nothing listens here
    with pytest.raises(StoreError, match="chroma run"):
        open_knowledge_base(make_settings(chroma_host="127.0.0.1", chroma_port=port))
    done = run_cli("ingest", "--json", env=child_env(CHROMA_HOST="127.0.0.1", CHROMA_PORT=port))
    assert done.returncode == 2 and "Chroma server" in done.stderr, done.stderr[-2000:]


@needs_web
@pytest.mark.slow
def test_two_served_apps_share_one_chroma_server(chroma_server, serve, tmp_path):
    env = _server_env(chroma_server)
    run_json("ingest", str(CORPUS), "--json", env=child_env(**env))
    # Each app gets its own (unused) store folder: only the server can carry data between them.
    app_a = serve(tmp_path / "store-a", **env)
    app_b = serve(tmp_path / "store-b", **env)
    a, b = app_a.client(), app_b.client()

    before = b.predict(LIGHTHOUSE_Q, [], api_name="/ask")
    assert not any("Lighthouse" in c["title"] for c in before["citations"])

    article = tmp_path / "articles" / "lighthouse-keeping.txt"
    article.parent.mkdir()
    article.write_text(LIGHTHOUSE, encoding="utf-8")
    report = run_json("ingest", str(article), "--json", env=child_env(**env))
    assert report["totals"]["added"] == 1

    for client in (b, a):  # both running apps see the new article without a restart
        after = client.predict(LIGHTHOUSE_Q, [], api_name="/ask")
        assert not after["abstained"], after["answer"]
        sources = {c["source"] for c in after["citations"]}
        assert str(article.resolve()) in sources, after
        assert "512,000" in after["answer"] + " ".join(c["text"] for c in after["citations"])
    assert not (tmp_path / "store-a").exists() or not any((tmp_path / "store-a").iterdir())
