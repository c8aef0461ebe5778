"""The CLI is thin: every command has help and is documented; ask --json and stdin mode work."""

import json
import os
import subprocess
import sys

import pytest

from assistant.cli import build_parser as assistant_parser
from ingest.cli import build_parser as ingest_parser
from knowledge.settings import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    parser = assistant_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub, parser


def test_every_command_has_help_and_is_in_the_readme():
    sub, _ = _commands()
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert set(helps) == set(sub.choices) == {"ask", "eval", "serve"}
    for name, parser in sub.choices.items():
        assert helps[name], f"{name} has no help text"
        assert f"python -m assistant {name}" in README, f"{name} is not in the README"
        for action in parser._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings} has no help"
                assert any(opt in README for opt in action.option_strings), action.option_strings
    for action in ingest_parser()._actions:
        if action.option_strings and action.dest != "help":
            assert action.help and any(o in README for o in action.option_strings), action.dest
    assert "python -m ingest" in README


def _run(args, store, stdin=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CHROMA_"))}
    env["ASSISTANT_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO_ROOT,
    )


def test_ask_json_has_the_documented_fields(seeded_store):
    proc = _run(["ask", "Which role pays more?", "--json", "--k", "4"], seeded_store)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    for key in ("question", "answer", "mode", "abstained", "citations", "passages", "timings_ms"):
        assert key in result
    assert result["mode"] == "extractive"
    assert set(result["timings_ms"]) >= {"retrieve", "answer", "total"}
    c = result["citations"][0]
    assert set(c) >= {"n", "source", "title", "section", "text", "quote", "reference"}
    assert set(result["passages"][0]) >= {"source", "title", "section", "text", "score"}


def test_ask_plain_output_lists_sources(seeded_store):
    proc = _run(["ask", "How fast is the AI engineer role growing?"], seeded_store)
    assert proc.returncode == 0, proc.stderr
    assert "Sources:" in proc.stdout and "[1]" in proc.stdout
    assert "linkedin.com" in proc.stdout


def test_ask_reads_stdin_one_json_line_per_question(seeded_store):
    lines = "\n".join(
        [
            "Which role pays more?",
            json.dumps(
                {
                    "question": "And how much do they earn?",
                    "history": [
                        {"role": "user", "content": "What does an ML engineer do?"},
                        {"role": "assistant", "content": "They train models."},
                    ],
                }
            ),
            "",
            "{not json",
            "   ",
        ]
    )
    proc = _run(["ask"], seeded_store, stdin=lines)
    out = [json.loads(ln) for ln in proc.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["citations"] and "$245,000" in out[1]["answer"]
    assert "invalid JSON" in out[2]["error"]
    assert proc.returncode == 1  # one line failed


@pytest.mark.parametrize("question", ["", "x" * 100_000])
def test_ask_rejects_bad_questions(seeded_store, question):
    proc = _run(["ask", question], seeded_store)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: the question")


def test_eval_prints_the_metrics(seeded_store):
    proc = _run(["eval", "--json"], seeded_store)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    for key in (
        "retrieval_recall",
        "mrr",
        "support_recall",
        "fact_coverage",
        "abstention_accuracy",
        "latency_ms_p50",
    ):
        assert summary[key] is not None
