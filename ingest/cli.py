"""`python -m ingest`: add, update, prune, remove and list the articles in the knowledge base."""

from __future__ import annotations

import argparse
import json
import sys

from knowledge.errors import StoreError
from knowledge.sanitize import strip_controls
from knowledge.settings import get_settings
from knowledge.store import is_store_outage, open_knowledge_base, unreachable

from .pipeline import Report, ingest_sources, remove_source


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ingest",
        description="Load articles (txt, md, html, pdf files, folders, http(s) URLs) into the "
        "knowledge base. With no argument, ingests corpus/.",
    )
    p.add_argument("inputs", nargs="*", metavar="PATH_OR_URL", help="files, folders or URLs")
    p.add_argument("--store", help="store folder (env ASSISTANT_STORE; default .store/)")
    p.add_argument(
        "--prune",
        action="store_true",
        help="remove stored sources no longer present under the given folders",
    )
    p.add_argument(
        "--remove",
        metavar="SOURCE",
        action="append",
        help="delete one source with its chunks and references",
    )
    p.add_argument("--list", action="store_true", help="list the stored sources and exit")
    p.add_argument(
        "--check",
        action="store_true",
        help="report sources left inconsistent by an interrupted write (exit 1 if any) and exit",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="fix what --check reports: finish, roll back or remove each interrupted source",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    p.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="allow URLs on loopback/private networks (off by default)",
    )
    p.add_argument(
        "--follow-references",
        action="store_true",
        default=None,
        help="also fetch and ingest the http(s) pages the articles' references link to "
        "(depth 1; env ASSISTANT_FOLLOW_REFERENCES); exit code 3 when some were not fetched",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings(store=args.store)
    try:
        return _run(args, settings)
    except StoreError as exc:
        return _fail(str(exc), args.json)
    except Exception as exc:
        if settings.chroma_host and is_store_outage(exc):
            return _fail(unreachable(settings, exc), args.json)
        raise


def _fail(message: str, as_json: bool) -> int:
    print(f"error: {_shown(message)}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message}, indent=2))
    return 2


def _run(args, settings) -> int:
    kb = open_knowledge_base(settings)
    if args.list:
        from .follow import reference_statuses

        return _print_list(kb.records(), args.json, reference_statuses(kb))
    if args.check or args.repair:
        return _check(kb, args.repair, args.json)
    if args.remove:
        report = Report()
        for value in args.remove:
            report.results += remove_source(kb, value).results
    else:
        inputs = args.inputs or [str(settings.corpus)]
        report = ingest_sources(
            inputs,
            kb,
            settings,
            prune=args.prune,
            allow_private=args.allow_private_urls or None,
            on_progress=None if args.json else _progress_bar(),
            follow=args.follow_references,
        )
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        _print_table(report)
    if not report.ok:
        return 1
    from .follow import all_followed

    return 0 if all_followed(report) else 3


def _shown(text: object) -> str:
    """Text from file names and articles made safe for the terminal: no escape sequences, and
    file names that are not valid UTF-8 shown with replacement characters instead of crashing."""
    raw = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return strip_controls(raw).replace("\n", " ")


def _check(kb, repair: bool, as_json: bool) -> int:
    with kb.writing():
        problems = kb.repair() if repair else kb.check()
    if as_json:
        doc = {"repaired" if repair else "problems": [p.as_dict() for p in problems]}
        print(json.dumps(doc, indent=2))
    elif not problems:
        print("the store is consistent: every source has exactly the chunks its record lists")
    else:
        for p in problems:
            verb = "repaired" if repair else "found"
            print(f"{verb}: {_shown(p.source)}: {p.detail}; repair: {p.action}")
        if not repair:
            print(f"{len(problems)} problem(s); run `python -m ingest --repair` to fix them")
    return 1 if problems and not repair else 0


def _progress_bar():
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, current: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total,
                unit="source",
                desc="ingest",
                file=sys.stderr,
                leave=False,
                disable=None,
            )
        bar.n = done
        bar.set_postfix_str(_shown(current[-40:]))
        if done >= total:
            bar.close()

    return update


def _print_table(report: Report) -> None:
    rows = [("STATUS", "CHUNKS", "REFS", "SOURCE")]
    for r in report.results:
        rows.append((r.status, str(r.chunks), str(r.references), _shown(r.source)))
    width = [max(len(row[i]) for row in rows) for i in range(3)]
    for row, r in zip(rows, [None, *report.results], strict=True):
        print(f"{row[0]:<{width[0]}}  {row[1]:>{width[1]}}  {row[2]:>{width[2]}}  {row[3]}")
        if r is not None and r.cited_by:
            print(f"    cited by {', '.join(r.cited_by)}")
        for f in r.followed if r is not None else []:
            print(f"    reference {f['url']}: {f['status']}")
    for r in report.results:
        if r.error:
            print(f"error: {_shown(r.source)}: {_shown(r.error)}", file=sys.stderr)
    t = report.totals()
    print(
        f"{t['added']} added, {t['updated']} updated, {t['unchanged']} unchanged, "
        f"{t['removed']} removed, {t['failed']} failed; {t['chunks']} chunks written"
    )


def _print_list(records: dict, as_json: bool, followed: dict | None = None) -> int:
    items = sorted(records.values(), key=lambda m: m["source"])
    followed = followed or {}
    items = [
        {**m, "followed": followed[m["source"]]} if m["source"] in followed else m for m in items
    ]
    if as_json:
        print(json.dumps({"sources": items}, indent=2))
        return 0
    if not items:
        print("the store is empty: run `python -m ingest` to add corpus/")
    for m in items:
        state = "" if m.get("state", "complete") == "complete" else f"  ({m['state']})"
        print(
            f"{m['ingested_at']}  {m['version']}  {m['chunks']:>4} chunks  "
            f"{m['references']:>2} refs  {_shown(m['title'])}{state}\n    {_shown(m['source'])}"
        )
        for f in m.get("followed", []):
            print(f"    reference {f['url']}: {f['status']}")
    return 0
