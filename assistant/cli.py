"""`python -m assistant`: ask, eval and serve. Thin over the library: parse, call, report."""

from __future__ import annotations

import argparse
import json
import logging
import os
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
        help="score the assistant on the dev question sets",
        description=(
            "Ingest corpus/ and ../shared/corpus-dev into a cached evaluation store (.store-eval/, "
            "reused while articles and code are unchanged), ask every question and report support "
            "recall, fact coverage, abstention accuracy, retrieval recall, MRR, comparison "
            "both-sides rate and cited text per article and per category. Questions whose "
            "articles are missing from ../shared are skipped with a message."
        ),
    )
    ev.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="JSONL question sets (default eval/dev.jsonl and eval/corpus-dev.jsonl)",
    )
    ev.add_argument(
        "--store",
        help="evaluate this existing store (or ASSISTANT_STORE / CHROMA_HOST) instead of the "
        "cached evaluation store; questions on articles it lacks are skipped",
    )
    ev.add_argument("--shared", help="folder of the dev articles (default ../shared/corpus-dev)")
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument(
        "--rows", action="store_true", help="with --json, include every question's scores"
    )
    ev.add_argument(
        "--misses",
        action="store_true",
        help="list each question that missed support, a fact, a comparison side or abstention",
    )
    ev.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a metric misses eval/thresholds.json (overall, per article, seed)",
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
    print(
        json.dumps(result.to_json(), ensure_ascii=False, indent=2)
        if args.json
        else format_plain(result)
    )
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
        print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
    return status


def _eval(args) -> int:
    from pathlib import Path

    from . import evaluate as ev
    from .service import Assistant

    shared = Path(args.shared) if args.shared else ev.SHARED_CORPUS
    paths = [Path(f) for f in args.files] or list(ev.DEV_SETS)
    try:
        thresholds = ev.load_thresholds() if args.check else {}
        ev.load_sets(paths)
    except ev.SetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = get_settings(store=args.store)
    if not (args.store or os.environ.get("ASSISTANT_STORE") or settings.chroma_host):
        settings.store = ev.eval_store(settings, shared)
    summary, rows = ev.run_eval(Assistant.open(settings), paths, shared)
    if summary["skipped"]["questions"]:
        print(f"note: {summary['skipped']['reason']}", file=sys.stderr)
    if args.json:
        out = {**summary, "rows": rows} if args.rows else summary
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(ev.report(summary))
    if args.misses:
        print(ev.misses(rows), file=sys.stderr if args.json else sys.stdout)
    if args.check:
        problems = ev.failures(summary, thresholds)
        for p in problems:
            print(f"below threshold: {p}", file=sys.stderr)
        return 1 if problems else 0
    return 0


def _serve(args) -> int:
    from knowledge.memory import limit_malloc_arenas

    from .web_boot import Opening, skip_gradio_stubs

    settings = get_settings(store=args.store, host=args.host, port=args.port)
    # Before any thread starts: each would otherwise keep an arena of its own (memory.py).
    limit_malloc_arenas(settings.malloc_arenas)
    skip_gradio_stubs()  # before the opening thread starts importing (sys.meta_path changes)
    opening = Opening(settings)  # the store opens and warms while gradio is imported
    from .web import serve

    return serve(settings, ingest_if_empty=args.ingest_if_empty, opening=opening)
