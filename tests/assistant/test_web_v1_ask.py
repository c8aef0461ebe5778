"""POST /v1/ask, the plain JSON route next to the Gradio app (outside its queue), against a
live server on 127.0.0.1: the same answers as gradio_client's /ask, clear errors, and a
bounded queue that says "busy" instead of piling up."""

from __future__ import annotations

import shutil
import threading
import time

import httpx
import pytest

from assistant.web_api import MAX_BODY_BYTES
from tests.assistant.conftest import start_app
from tests.support.openai_server import Stall


def post(app, body, **kwargs) -> httpx.Response:
    return httpx.post(f"{app.url}/v1/ask", timeout=60, **kwargs, json=body)


def without_timings(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "timings_ms"}


@pytest.mark.parametrize(
    "question",
    ["Which role pays more?", "Compare AI engineers and ML engineers", "Who wrote it?"],
)
def test_same_answer_as_the_gradio_endpoint(running_app, web_client, question):
    plain = post(running_app, {"question": question})
    assert plain.status_code == 200, plain.text
    queued = web_client.predict(question, [], api_name="/ask")
    assert without_timings(plain.json()) == without_timings(queued)
    assert plain.json()["citations"] or plain.json()["abstained"]


def test_history_k_and_source_are_passed(running_app, web_client):
    first = post(running_app, {"question": "What does an AI engineer do?"}).json()
    history = [
        {"role": "user", "content": "What does an AI engineer do?"},
        {"role": "assistant", "content": first["answer"]},
    ]
    followup = "And how fast is that role growing?"
    plain = post(running_app, {"question": followup, "history": history}).json()
    assert "third-fastest" in plain["answer"]
    queued = web_client.predict(followup, history, api_name="/ask")
    assert plain["answer"] == queued["answer"]
    one = post(running_app, {"question": "What does an AI engineer do?", "k": 1}).json()
    assert len(one["passages"]) < len(first["passages"])
    elsewhere = post(running_app, {"question": "Which role pays more?", "source": "/nowhere.md"})
    assert elsewhere.status_code == 200 and elsewhere.json()["abstained"]


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"question": ""}, 400, "the question is empty"),
        ({"question": "x" * 5000}, 400, "the limit is 2,000"),
        ({"question": "Which role pays more?", "history": "not a list"}, 400, "history must be"),
        ({"question": "Which role pays more?", "top": 3}, 400, "unknown field(s) top"),
        ({"question": "Which role pays more?", "k": "4"}, 400, '"k" must be a whole number'),
        (["Which role pays more?"], 400, "must be a JSON object"),
    ],
)
def test_bad_requests_get_a_clear_error(running_app, body, status, message):
    got = post(running_app, body)
    assert got.status_code == status
    assert message in got.json()["error"]


def test_not_json_and_too_large_bodies(running_app):
    url = f"{running_app.url}/v1/ask"
    got = httpx.post(url, content=b"question=hi", timeout=30)
    assert got.status_code == 400 and "must be JSON" in got.json()["error"]
    big = b'{"question": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    got = httpx.post(url, content=big, timeout=30)
    assert got.status_code == 413 and "over" in got.json()["error"]
    # Without a declared length (chunked), the body is still cut off at the cap.
    got = httpx.post(url, content=iter([big[i : i + 65536] for i in range(0, len(big), 65536)]))
    assert got.status_code == 413
    assert httpx.get(url, timeout=30).status_code == 405


def test_a_full_queue_answers_busy_then_recovers(seeded_store, tmp_path, openai_server):
    """One worker, no waiting room: while an LLM answer holds the worker, the next question is
    refused with 429 at once; when it is done, questions are answered again."""
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    openai_server.script(Stall(seconds=4))
    env = {
        "ASSISTANT_CONCURRENCY": "1",
        "ASSISTANT_MAX_QUEUE": "0",
        "OPENAI_API_KEY": "test-key",
        "OPENAI_BASE_URL": openai_server.base_url,
    }
    with start_app(store, tmp_path, **env) as app:
        slow: list[httpx.Response] = []
        holder = threading.Thread(
            target=lambda: slow.append(post(app, {"question": "Which role pays more?"}))
        )
        holder.start()
        deadline = time.monotonic() + 60
        while not openai_server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert openai_server.requests, "the first question never reached the LLM"
        busy = post(app, {"question": "What does an AI engineer do?"})
        assert busy.status_code == 429
        assert "busy" in busy.json()["error"]
        holder.join(60)
        assert slow and slow[0].status_code == 200
        again = post(app, {"question": "What does an AI engineer do?"})
        assert again.status_code == 200 and again.json()["answer"]


def test_the_readme_curl_example_works_as_written(running_app):
    import json
    import re
    import subprocess

    from knowledge.settings import REPO_ROOT

    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```sh\n(.*?)```", readme, re.S) if "/v1/ask" in b)
    command = example.replace("http://127.0.0.1:7860", running_app.url)
    out = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["citations"] and "ML engineers generally earn more" in result["answer"]
