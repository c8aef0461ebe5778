"""The web app's API against a live server: /ask matches the CLI, and the library endpoints
add, upload, re-ingest and remove articles that the chat then answers from (or no longer does)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import httpx
import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError

from knowledge.settings import REPO_ROOT
from tests.assistant.conftest import UPLOAD_CAP, start_app

PRIVATE_ENV = ("OPENAI_", "ASSISTANT_", "CHROMA_")
CITED_ROW = re.compile(r"^\|.*\[\d+\].*\|\s*$", re.M)
QUOKKA_HTML = """<html><head><title>Quokka Data Wrangler Careers</title></head><body><article>
<h1>Quokka Data Wrangler Careers</h1>
<p>A quokka data wrangler cleans marsupial census spreadsheets for wildlife agencies. The
quokka data wrangler role pays a median salary of $98,765 per year according to the Rottnest
Island survey.</p>
<p>Most quokka data wranglers learn spreadsheet validation, field sampling and GPS tagging
before they start the job. The work is seasonal and peaks in the dry months.</p>
</article></body></html>"""
PANGOLIN_MD = """# Pangolin Ledger Auditor Careers

## What the job involves

A pangolin ledger auditor reconciles the scale-count ledgers kept by conservation trusts.
Pangolin ledger auditors report that the role pays about $61,234 a year in regional trusts.

## Skills

The job needs careful bookkeeping, patience and a good eye for duplicated ledger entries.
"""


def ask(client, question, history=None):
    return client.predict(question, history or [], api_name="/ask")


def sources(client) -> set[str]:
    return {r["source"] for r in client.predict(api_name="/library_list")}


def test_answer_is_cited_and_says_ml_engineers_earn_more(web_client):
    result = ask(web_client, "Which role pays more?")
    assert not result["abstained"]
    assert re.search(r"\[\d+\]", result["answer"])
    assert result["citations"] and all(c["quote"] in c["text"] for c in result["citations"])
    assert re.search(r"ML engineers (generally )?earn more", result["answer"])


@pytest.mark.parametrize(
    "followup",
    ["And how fast is the AI engineer role growing?", "And how fast is that role growing?"],
)
def test_followup_uses_the_history(web_client, followup):
    first = ask(web_client, "What does an AI engineer do?")
    history = [
        {"role": "user", "content": "What does an AI engineer do?"},
        {"role": "assistant", "content": first["answer"]},
    ]
    result = ask(web_client, followup, history)
    assert "third-fastest" in result["answer"]
    assert result["citations"]


def test_comparison_is_a_markdown_table_with_citations_in_cells(web_client):
    result = ask(web_client, "Compare AI engineers and ML engineers")
    assert "| --- |" in result["answer"] or "|---|" in result["answer"].replace(" ", "")
    assert len(CITED_ROW.findall(result["answer"])) >= 2, result["answer"]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", result["answer"])}
    assert cited == {c["n"] for c in result["citations"]}


def test_ask_returns_the_same_json_as_the_cli(web_client, seeded_store):
    question = "What skills does an ML engineer need?"
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "ask",
            question,
            "--json",
            "--store",
            str(seeded_store),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith(PRIVATE_ENV)},
    )
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    got = ask(web_client, question)
    assert set(got) == set(expected)
    for key in set(expected) - {"timings_ms"}:
        assert got[key] == expected[key], key
    assert set(got["timings_ms"]) == {"retrieve", "answer", "total"}


@pytest.mark.parametrize("question", ["", "   \n  "])
def test_empty_question_is_a_clear_error(web_client, question):
    with pytest.raises(AppError, match="question is empty"):
        ask(web_client, question)


def test_too_long_question_is_a_clear_error(web_client):
    with pytest.raises(AppError, match="limit is 2,000"):
        ask(web_client, "why " * 1000)


def test_add_by_url_answers_from_it_then_remove_makes_it_gone(web_client, article_server):
    root, base = article_server
    (root / "quokka.html").write_text(QUOKKA_HTML)
    url = f"{base}/quokka.html"

    message, report, table, _selected = web_client.predict(url, "", api_name="/library_add_url")
    assert report["totals"]["added"] == 1, report
    assert "Quokka Data Wrangler Careers" in message
    assert any(row[1] == url for row in table["data"])
    assert url in sources(web_client)

    result = ask(web_client, "What salary does a quokka data wrangler earn?")
    assert "$98,765" in result["answer"]
    assert url in {c["source"] for c in result["citations"]}

    # Unchanged page: re-ingest keeps it as is.
    message, report, _, _ = web_client.predict(url, "", api_name="/library_reingest")
    assert report["totals"]["unchanged"] == 1, report

    message, report, table, selected = web_client.predict(url, "", api_name="/library_remove")
    assert report["totals"]["removed"] == 1 and "Removed" in message
    assert url not in {row[1] for row in table["data"]}
    assert url not in sources(web_client)
    after = ask(web_client, "What salary does a quokka data wrangler earn?")
    assert url not in {c["source"] for c in after["citations"]}
    assert "$98,765" not in after["answer"]


def test_private_url_needs_the_server_to_allow_it_and_bad_urls_fail_clearly(web_client):
    with pytest.raises(AppError, match="not an http"):
        web_client.predict("file:///etc/passwd", "", api_name="/library_add_url")
    with pytest.raises(AppError, match="enter the article's URL"):
        web_client.predict("  ", "", api_name="/library_add_url")
    port_with_nothing = "http://127.0.0.1:9/gone.html"
    with pytest.raises(AppError, match="Failed"):
        web_client.predict(port_with_nothing, "", api_name="/library_add_url")


def test_upload_a_file_then_reingest_and_remove_it(web_client, running_app, tmp_path):
    path = tmp_path / "Pangolin Ledger (draft).md"
    path.write_text(PANGOLIN_MD)
    message, report, table, selected = web_client.predict(
        handle_file(str(path)), "", api_name="/library_add_file"
    )
    assert report["totals"]["added"] == 1, report
    source = report["sources"][0]["source"]
    # Kept under the store with its own name, so re-ingest can read it again.
    assert source.endswith("/uploads/Pangolin Ledger (draft).md"), source
    # The table names it by file name only; nothing is pre-selected next to Remove.
    assert any(row[1] == "Pangolin Ledger (draft).md" for row in table["data"])
    assert not any("/uploads/" in str(cell) for row in table["data"] for cell in row)
    assert selected["value"] is None
    # Gradio's temp copy of the upload is gone once the library has its own.
    temp = running_app.store.parent / "gradio-tmp"
    assert not [p for p in temp.rglob("*") if p.name == path.name]
    assert source in sources(web_client)

    result = ask(web_client, "How much does a pangolin ledger auditor earn?")
    assert "$61,234" in result["answer"]
    assert source in {c["source"] for c in result["citations"]}

    _, report, _, _ = web_client.predict(source, "", api_name="/library_reingest")
    assert report["totals"]["unchanged"] == 1, report

    # The same name again replaces the article instead of adding a twin.
    path.write_text(PANGOLIN_MD.replace("$61,234", "$62,000"))
    _, report, _, _ = web_client.predict(handle_file(str(path)), "", api_name="/library_add_file")
    assert report["totals"]["updated"] == 1, report
    assert "$62,000" in ask(web_client, "How much does a pangolin ledger auditor earn?")["answer"]

    _, report, _, _ = web_client.predict(source, "", api_name="/library_remove")
    assert report["totals"]["removed"] == 1
    assert source not in sources(web_client)


def test_upload_of_a_wrong_type_is_rejected(web_client, tmp_path):
    path = tmp_path / "payload.exe"
    path.write_bytes(b"MZ not an article")
    with pytest.raises(AppError, match=r"(?i)invalid file type|unsupported file type"):
        web_client.predict(handle_file(str(path)), "", api_name="/library_add_file")
    assert not any(s.endswith("payload.exe") for s in sources(web_client))


def test_remove_or_reingest_needs_a_known_article(web_client):
    with pytest.raises(AppError, match="select an article"):
        web_client.predict(None, "", api_name="/library_remove")
    with pytest.raises(AppError, match="not in the library"):
        web_client.predict("/nowhere/none.txt", "", api_name="/library_reingest")


def test_api_page_lists_only_the_public_endpoints(web_client):
    named = set(web_client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert named == {
        "/ask",
        "/library_list",
        "/library_add_url",
        "/library_add_file",
        "/library_reingest",
        "/library_remove",
    }


def test_admin_token_guards_library_changes(seeded_store, tmp_path, article_server):
    from gradio_client import Client

    root, base = article_server
    (root / "quokka.html").write_text(QUOKKA_HTML)
    url = f"{base}/quokka.html"
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    with start_app(store, tmp_path, ASSISTANT_ADMIN_TOKEN="s3cret-token") as app:
        client = Client(app.url, verbose=False, download_files=False)
        with pytest.raises(AppError, match="enter the admin token"):
            client.predict(url, "", api_name="/library_add_url")
        with pytest.raises(AppError, match="admin token is wrong"):
            client.predict(url, "guess", api_name="/library_add_url")
        assert url not in sources(client)
        _, report, _, _ = client.predict(url, "s3cret-token", api_name="/library_add_url")
        assert report["totals"]["added"] == 1
        # Reading needs no token.
        assert url in sources(client)
        # Uploading needs it too: gradio's upload endpoint is guarded, not only the library call.
        article = tmp_path / "pangolin.md"
        article.write_text(PANGOLIN_MD)
        for headers in ({}, {"X-Admin-Token": "guess"}):
            with article.open("rb") as fh:
                got = httpx.post(
                    f"{app.url}/gradio_api/upload", files={"files": fh}, headers=headers, timeout=30
                )
            assert got.status_code == 401 and "admin token" in got.text, got.text
        assert not (tmp_path / "gradio-tmp").exists() or not [
            p for p in (tmp_path / "gradio-tmp").rglob("*") if p.name == "pangolin.md"
        ]
        with_token = Client(
            app.url, verbose=False, download_files=False, headers={"X-Admin-Token": "s3cret-token"}
        )
        _, report, _, _ = with_token.predict(
            handle_file(str(article)), "s3cret-token", api_name="/library_add_file"
        )
        assert report["totals"]["added"] == 1, report
        assert ask(client, "What salary does a quokka data wrangler earn?")["citations"]
    assert "s3cret-token" not in app.log_text()


def test_serve_ingests_the_corpus_into_an_empty_store(tmp_path):
    from gradio_client import Client

    store = tmp_path / "empty-store"
    with start_app(store, tmp_path, "--ingest-if-empty") as app:
        client = Client(app.url, verbose=False, download_files=False)
        assert {r["title"] for r in client.predict(api_name="/library_list")} == {
            "AI Engineer vs Machine Learning Engineer: Which Career Path Pays More and Why"
        }
        assert "third-fastest" in ask(client, "How fast is the AI engineer role growing?")["answer"]
    log = app.log_text()
    assert "ingesting corpus/" in log and "ingested corpus/ (1 articles, 13 passages)" in log
    assert re.search(r"serving on http://127\.0\.0\.1:\d+", log)


def test_upload_over_the_size_cap_is_refused(web_client, running_app, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("An oversized article about careers. " * (UPLOAD_CAP // 20))
    assert path.stat().st_size > UPLOAD_CAP
    # The client knows the cap from the app's config...
    with pytest.raises(ValueError, match="exceeds the maximum file size of 50000 bytes"):
        web_client.predict(handle_file(str(path)), "", api_name="/library_add_file")
    # ...and the server enforces it for anyone who ignores it.
    with path.open("rb") as fh:
        resp = httpx.post(f"{running_app.url}/gradio_api/upload", files={"files": fh}, timeout=30)
    assert resp.status_code == 413, resp.text
    assert not any(s.endswith("huge.txt") for s in sources(web_client))


def test_the_page_says_what_the_app_is(running_app):
    page = httpx.get(running_app.url + "/", timeout=30).text
    assert 'content="Gradio"' not in page
    assert '<meta property="og:title" content="Career Article Assistant"' in page
    assert 'name="description"' in page


def test_the_readme_api_example_works_as_written(running_app, capsys):
    import re

    from knowledge.settings import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    example = next(
        block
        for block in re.findall(r"```python\n(.*?)```", readme, re.S)
        if "gradio_client" in block
    )
    assert len([ln for ln in example.splitlines() if ln.strip()]) <= 5
    code = example.replace("http://127.0.0.1:7860/", running_app.url + "/")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "ML engineers generally earn more" in printed
