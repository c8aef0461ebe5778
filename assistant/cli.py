"""`python -m assistant`: ask, eval and serve. Thin over the library: parse, call, report."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from knowledge.errors import StoreError
from knowledge.settings import get_settings


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="assistant",
        description="Answer career questions from the ingested articles, with citations.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser(
        "ask",
        help="answer one question, or one per stdin line",
        description="Answer a question with inline [n] citations. With no QUESTION, reads stdin: one question or JSON object {question, history} per line, one JSON result per line.",
    )
    ask.add_argument("question", nargs="?", help="the question; omit to read stdin line by line")
    ask.add_argument("--store", help="store folder (env ASSISTANT_STORE)")
    ask.add_argument("--json", action="store_true", help="print the full result as one JSON object")
    ask.add_argument("--k", type=int, help="passages to retrieve (default 5)")
    ask.add_argument("--source", help="restrict retrieval to one article (its path or URL)")

    ev = sub.add_parser(
        "eval",
        help="score the assistant on a question set",
        description="Print retrieval recall, MRR, support recall, fact coverage, abstention accuracy and latency.",
    )
    ev.add_argument("file", nargs="?", help="JSONL question set (default eval/dev.jsonl)")
    ev.add_argument("--store", help="store folder (env ASSISTANT_STORE)")
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument(
        "--check", action="store_true", help="exit 1 when a metric is below eval/thresholds.json"
    )

    sv = sub.add_parser(
        "serve",
        help="serve the web chat",
        description="Serve the Gradio chat and library on HOST:PORT.",
    )
    sv.add_argument("--host", help="bind address (default 127.0.0.1)")
    sv.add_argument("--port", type=int, help="port (default 7860)")
    sv.add_argument("--store", help="store folder (env ASSISTANT_STORE)")
    sv.add_argument(
        "--ingest-if-empty",
        action="store_true",
        help="ingest corpus/ first when the store has no articles",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return {"ask": _ask, "eval": _eval, "serve": _serve}[args.command](args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _open(args):
    from .service import Assistant

    return Assistant.open(get_settings(store=getattr(args, "store", None)))


def _ask(args) -> int:
    from .present import format_plain
    from .service import QuestionError

    assistant = _open(args)
    if args.question is None:
        return _ask_stream_lines(assistant, args)
    try:
        result = assistant.ask(args.question, k=args.k, source=args.source)
    except QuestionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_plain(result))
    return 0


def _ask_stream_lines(assistant, args) -> int:
    from .service import QuestionError

    status = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        question, history = line.strip(), []
        if question.startswith("{"):
            try:
                obj = json.loads(question)
                question, history = obj.get("question", ""), obj.get("history", [])
            except (json.JSONDecodeError, AttributeError) as exc:
                print(json.dumps({"error": f"invalid JSON line: {exc}"}), flush=True)
                status = 1
                continue
        try:
            result = assistant.ask(question, history, k=args.k, source=args.source)
        except QuestionError as exc:
            print(
                json.dumps({"question": question, "error": str(exc)}, ensure_ascii=False),
                flush=True,
            )
            status = 1
            continue
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return status


def _eval(args) -> int:
    from pathlib import Path

    from .evaluate import DEV_SET, THRESHOLDS, failures, run_eval

    summary, _rows = run_eval(_open(args), Path(args.file) if args.file else DEV_SET)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            if key != "by_category":
                print(f"{key:<22} {value}")
        print("\nby category:")
        for cat, vals in summary["by_category"].items():
            print(f"  {cat:<13} " + "  ".join(f"{k}={v}" for k, v in vals.items()))
    if args.check:
        problems = failures(summary, json.loads(THRESHOLDS.read_text()))
        for p in problems:
            print(f"below threshold: {p}", file=sys.stderr)
        return 1 if problems else 0
    return 0


def _serve(args) -> int:
    from .web import serve

    settings = get_settings(store=args.store, host=args.host, port=args.port)
    return serve(settings, ingest_if_empty=args.ingest_if_empty)
