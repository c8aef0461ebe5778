"""`assistant eval`: retrieval, support, fact, abstention and comparison metrics over question sets.

A question set is JSONL, one question per line:

    {"id": "...", "article": "seed" | "<file name in ../shared/corpus-dev>" | [names, ...],
     "category": "fact" | "advice" | "comparison" | "followup" | "out_of_scope" | "source"
                 | "cross_article",
     "question": "...", "history": [{"role": "user"|"assistant", "content": "..."}],
     "expected": [snippet | [alternative, ...], ...],
     "sides": {"role A": [alternative, ...], "role B": [...]},
     "facts": ["..."], "abstain": false}

`expected` snippets are verbatim clauses of the article that a retrieved (retrieval recall, MRR)
or cited (support recall) passage must contain; an entry that is a list is met by any one of its
alternatives. `sides` (comparisons) gives, per role, the alternatives of which at least one must be
cited for that side to count as evidenced; without `expected` the sides are the expected entries.
`facts` must appear in the answer. Matching ignores case, whitespace runs, typographic quotes and
dashes, ligatures and other Unicode compatibility forms.

The seed article lives in corpus/; the other articles are read from ../shared/corpus-dev and never
copied into the repository. Questions about an article that is not there are skipped and reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import statistics
import tempfile
import unicodedata
from pathlib import Path

from knowledge.settings import REPO_ROOT

EVAL_DIR = REPO_ROOT / "eval"
DEV_SET = EVAL_DIR / "dev.jsonl"  # questions on the seed article
CORPUS_DEV_SET = EVAL_DIR / "corpus-dev.jsonl"  # questions on ../shared/corpus-dev
DEV_SETS = (DEV_SET, CORPUS_DEV_SET)
THRESHOLDS = EVAL_DIR / "thresholds.json"
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus-dev"
EVAL_STORES = REPO_ROOT / ".store-eval"

SEED = "seed"
CROSS = "cross-article"
CATEGORIES = {"fact", "advice", "comparison", "followup", "out_of_scope", "source", "cross_article"}
# Metrics a threshold may name, with the direction that is better.
METRICS = {
    "retrieval_recall": "min",
    "mrr": "min",
    "support_recall": "min",
    "fact_coverage": "min",
    "abstention_accuracy": "min",
    "comparison_both_sides": "min",
    "cited_chars": "max",
}
MAX_SET_LINES = 10_000
MAX_FIELD_CHARS = 2_000

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u00ad": None,
    }
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form snippets and passages are compared in: NFKC, plain quotes and dashes, one space,
    case-folded."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip().casefold()


# -- question sets ------------------------------------------------------------------------------


class SetError(ValueError):
    """A question set that cannot be used; the message names the file, line and fix."""


def _check_item(item, where: str) -> dict:
    if not isinstance(item, dict):
        raise SetError(f"{where}: each line must be a JSON object")
    for key in ("id", "category", "question"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise SetError(f"{where}: field {key!r} must be a non-empty string")
    if item["category"] not in CATEGORIES:
        raise SetError(
            f"{where}: category {item['category']!r} is not one of {', '.join(sorted(CATEGORIES))}"
        )
    article = item.setdefault("article", SEED)
    names = article if isinstance(article, list) else [article]
    if not names or not all(isinstance(n, str) and n and "/" not in n for n in names):
        raise SetError(
            f"{where}: 'article' must be \"seed\", a file name in ../shared/corpus-dev, or a list of them"
        )
    for key in ("expected", "facts"):
        entries = item.setdefault(key, [])
        if not isinstance(entries, list):
            raise SetError(f"{where}: {key!r} must be a list")
    for entry in item["expected"]:
        alts = entry if isinstance(entry, list) else [entry]
        if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            raise SetError(f"{where}: each 'expected' entry is a snippet or a list of snippets")
    sides = item.get("sides")
    if sides is not None:
        if not isinstance(sides, dict) or len(sides) < 2:
            raise SetError(
                f"{where}: 'sides' maps each compared role to its snippets (two or more)"
            )
        for role, alts in sides.items():
            if not isinstance(alts, list) or not alts or not all(isinstance(a, str) for a in alts):
                raise SetError(f"{where}: side {role!r} needs a list of snippets")
    history = item.setdefault("history", [])
    if not isinstance(history, list) or not all(
        isinstance(t, dict) and t.get("role") in ("user", "assistant") for t in history
    ):
        raise SetError(f"{where}: 'history' is a list of {{role: user|assistant, content}} turns")
    if not isinstance(item.setdefault("abstain", False), bool):
        raise SetError(f"{where}: 'abstain' must be true or false")
    for text in [item["question"], *item["facts"], *(t.get("content", "") for t in history)]:
        if len(str(text)) > MAX_FIELD_CHARS:
            raise SetError(f"{where}: a field is longer than {MAX_FIELD_CHARS} characters")
    return item


def load_set(path: Path) -> list[dict]:
    """Read and check one JSONL question set."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SetError(f"cannot read question set {path}: {exc.strerror}") from None
    if len(lines) > MAX_SET_LINES:
        raise SetError(f"{path}: more than {MAX_SET_LINES} lines; split the set into files")
    items = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SetError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
        items.append(_check_item(raw, f"{path}:{lineno}"))
    return items


def load_sets(paths=DEV_SETS) -> list[dict]:
    items: list[dict] = []
    for path in paths:
        items += load_set(path)
    seen: set[str] = set()
    for item in items:
        if item["id"] in seen:
            raise SetError(f"question id {item['id']!r} appears twice; ids must be unique")
        seen.add(item["id"])
    return items


def articles_of(item: dict) -> list[str]:
    article = item.get("article", SEED)
    return article if isinstance(article, list) else [article]


def group_of(item: dict) -> str:
    """The per-article report row a question belongs to."""
    names = articles_of(item)
    return names[0] if len(names) == 1 else CROSS


def stored_articles(kb, corpus: Path | None = None) -> set[str]:
    """Names questions use for the articles in a store: each source's file name, and "seed" when
    an article of corpus/ is there."""
    corpus = Path(corpus or REPO_ROOT / "corpus").resolve()
    names = set()
    for source in kb.records():
        names.add(source.rstrip("/").rsplit("/", 1)[-1])
        if source.startswith(str(corpus) + os.sep):
            names.add(SEED)
    return names


def select(
    items: list[dict], present: set[str], shared: Path = SHARED_CORPUS
) -> tuple[list[dict], list[dict], str]:
    """Split questions into those whose articles are all `present` and those skipped, with why."""
    kept, skipped = [], []
    for item in items:
        (kept if set(articles_of(item)) <= present else skipped).append(item)
    reason = ""
    if skipped:
        absent = sorted({a for i in skipped for a in articles_of(i)} - present)
        reason = f"{len(skipped)} question(s) skipped: the store has no {', '.join(absent[:3])}"
        reason += f" (and {len(absent) - 3} more)" if len(absent) > 3 else ""
        if not shared.is_dir():
            reason += f"; {shared} is missing: put the corpus-dev articles there"
        else:
            reason += "; ingest them, or evaluate without --store to use the evaluation store"
    return kept, skipped, reason


# -- the evaluation store -----------------------------------------------------------------------


def _store_settings_key(settings) -> dict:
    keys = ("embeddings", "openai_embedding_model", "chunk_chars", "max_embed_chars")
    return {k: str(getattr(settings, k)) for k in keys}


def fingerprint(sources: list[Path], settings) -> str:
    """Content fingerprint of what an evaluation store is built from: every source file's bytes,
    the ingest and knowledge code, and the settings that shape chunks and vectors."""
    h = hashlib.sha256(json.dumps(_store_settings_key(settings), sort_keys=True).encode())
    code = [REPO_ROOT / "ingest", REPO_ROOT / "knowledge"]
    for root in [*sources, *code]:
        files = sorted(p for p in Path(root).rglob("*") if p.is_file()) if root.is_dir() else []
        for p in files:
            if "__pycache__" in p.parts or (root in code and p.suffix != ".py"):
                continue
            h.update(str(p.relative_to(root)).encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def eval_sources(shared: Path = SHARED_CORPUS, corpus: Path | None = None) -> list[Path]:
    sources = [corpus or REPO_ROOT / "corpus"]
    if shared.is_dir():
        sources.append(shared)
    return sources


def eval_store(settings, shared: Path = SHARED_CORPUS, root: Path = EVAL_STORES) -> Path:
    """A local store with the seed corpus and ../shared/corpus-dev ingested, cached under `root`
    by content fingerprint: a repeated run with unchanged articles and code reuses it."""
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    sources = eval_sources(shared, Path(settings.corpus))
    target = root / fingerprint(sources, settings)
    if (target / ".complete").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        build = settings.model_copy(update={"store": building, "chroma_host": None})
        kb = open_knowledge_base(build)
        report = ingest_sources([str(s) for s in sources], kb, build)
        del kb
        if not report.ok:
            failed = [r for r in report.results if r.status == "failed"]
            raise RuntimeError(
                "the evaluation corpus did not ingest cleanly: "
                + "; ".join(f"{r.source}: {r.error}" for r in failed)
            )
        (building / ".complete").write_text(json.dumps(report.as_dict()["totals"]))
        try:
            os.rename(building, target)
        except OSError:
            if (target / ".complete").exists():  # another run finished the same store first
                shutil.rmtree(building, ignore_errors=True)
            else:  # a half-built or stray folder of that name (a crash, a store opened by
                # hand): it never held the finished store, so the new one takes its place
                shutil.rmtree(target, ignore_errors=True)
                os.rename(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    for old in root.iterdir():  # stores of earlier fingerprints are dead weight
        if old.is_dir() and old != target and not old.name.startswith(".building-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


# -- scoring ------------------------------------------------------------------------------------


def _groups(entries) -> list[list[str]]:
    return [[normalize(a) for a in (e if isinstance(e, list) else [e])] for e in entries]


def _found(group: list[str], texts: list[str]) -> bool:
    return any(alt in t for alt in group for t in texts)


def score_item(item: dict, result: dict) -> dict:
    sides = {role: _groups([alts])[0] for role, alts in (item.get("sides") or {}).items()}
    expected = _groups(item.get("expected", [])) or list(sides.values())
    passages = [normalize(p["text"]) for p in result["passages"]]
    cited = [normalize(c["text"]) for c in result["citations"]]
    answer = normalize(result["answer"])
    row: dict = {
        "id": item["id"],
        "category": item["category"],
        "article": group_of(item),
        "abstain_ok": result["abstained"] == item["abstain"],
    }
    if expected:
        row["recall"] = sum(_found(g, passages) for g in expected) / len(expected)
        ranks = [i for i, p in enumerate(passages, 1) if any(_found(g, [p]) for g in expected)]
        row["rr"] = 1.0 / ranks[0] if ranks else 0.0
        row["support"] = sum(_found(g, cited) for g in expected) / len(expected)
        row["cited_chars"] = sum(len(c["text"]) for c in result["citations"])
    if sides:
        row["both_sides"] = float(all(_found(g, cited) for g in sides.values()))
        row["sides_missing"] = [role for role, g in sides.items() if not _found(g, cited)]
    facts = [normalize(f) for f in item.get("facts", [])]
    if facts:
        row["facts"] = sum(f in answer for f in facts) / len(facts)
    row["ms"] = result["timings_ms"]["total"]
    return row


def _mean(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows if key in r]
    return round(sum(vals) / len(vals), 3) if vals else None


def metrics(rows: list[dict]) -> dict:
    cited = [r["cited_chars"] for r in rows if "cited_chars" in r]
    return {
        "n": len(rows),
        "support_recall": _mean(rows, "support"),
        "fact_coverage": _mean(rows, "facts"),
        "abstention_accuracy": round(sum(r["abstain_ok"] for r in rows) / len(rows), 3)
        if rows
        else None,
        "retrieval_recall": _mean(rows, "recall"),
        "mrr": _mean(rows, "rr"),
        "comparison_both_sides": _mean(rows, "both_sides"),
        "cited_chars": round(statistics.mean(cited)) if cited else None,
    }


def summarize(rows: list[dict]) -> dict:
    lat = sorted(r["ms"] for r in rows)
    summary = {
        "questions": len(rows),
        **{k: v for k, v in metrics(rows).items() if k != "n"},
        "latency_ms_p50": round(statistics.median(lat), 1) if lat else None,
        "latency_ms_p95": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1) if lat else None,
        "by_article": {},
        "by_category": {},
    }
    for key, field in (("by_article", "article"), ("by_category", "category")):
        for name in sorted({r[field] for r in rows}, key=lambda n: (n != SEED, n == CROSS, n)):
            summary[key][name] = metrics([r for r in rows if r[field] == name])
    return summary


def run_eval(assistant, paths=DEV_SETS, shared: Path = SHARED_CORPUS) -> tuple[dict, list[dict]]:
    """Ask every question whose articles are in the assistant's store; returns (summary,
    per-question rows). The summary's "skipped" says how many were left out, and why."""
    assistant.warm()
    present = stored_articles(assistant.kb, assistant.settings.corpus)
    kept, skipped, reason = select(load_sets(paths), present, shared)
    rows = []
    for item in kept:
        result = assistant.ask(item["question"], item.get("history") or [])
        row = score_item(item, result)
        row["answer"] = result["answer"]
        rows.append(row)
    summary = summarize(rows)
    summary["skipped"] = {"questions": len(skipped), "reason": reason}
    return summary, rows


# -- thresholds ---------------------------------------------------------------------------------


def load_thresholds(path: Path = THRESHOLDS) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SetError(f"cannot read thresholds {path}: {exc}") from None
    scopes = {k: data.get(k) or {} for k in ("overall", "per_article", "seed_alone")}
    scopes.update({f"articles.{k}": v for k, v in (data.get("articles") or {}).items()})
    for scope, floors in scopes.items():
        for name in floors:
            if name not in METRICS:
                raise SetError(
                    f"{path}: {scope}: unknown metric {name!r}; use one of {', '.join(METRICS)}"
                )
    return data


def _check(scope: str, values: dict, limits: dict) -> list[str]:
    problems = []
    for name, limit in limits.items():
        value = values.get(name)
        worse = METRICS[name] == "min" and (value is None or value < limit)
        worse = worse or (METRICS[name] == "max" and value is not None and value > limit)
        if worse:
            word = "below its floor" if METRICS[name] == "min" else "above its ceiling"
            problems.append(f"{scope}: {name} {value} is {word} {limit}")
    return problems


def failures(summary: dict, thresholds: dict) -> list[str]:
    """Every gate the summary misses. `overall` applies to the whole run, `per_article` to each
    article row (not the cross-article row), `articles` to named rows such as "seed"."""
    problems = _check("overall", summary, thresholds.get("overall", {}))
    for name, values in summary.get("by_article", {}).items():
        if name != CROSS:
            problems += _check(name, values, thresholds.get("per_article", {}))
    for name, limits in thresholds.get("articles", {}).items():
        values = summary.get("by_article", {}).get(name)
        if values is not None:
            problems += _check(name, values, limits)
    return problems


# -- report -------------------------------------------------------------------------------------

_COLUMNS = (
    ("n", "n"),
    ("support_recall", "support"),
    ("fact_coverage", "facts"),
    ("abstention_accuracy", "abstain"),
    ("retrieval_recall", "recall"),
    ("mrr", "MRR"),
    ("comparison_both_sides", "both sides"),
    ("cited_chars", "cited chars"),
)


def table(rows: dict, first: str) -> str:
    """A Markdown table of metric rows (as in summary["by_article"])."""

    def cell(v):
        return "-" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))

    lines = [
        "| " + " | ".join([first, *(h for _, h in _COLUMNS)]) + " |",
        "|" + "---|" * (len(_COLUMNS) + 1),
    ]
    for name, vals in rows.items():
        lines.append("| " + " | ".join([name, *(cell(vals.get(k)) for k, _ in _COLUMNS)]) + " |")
    return "\n".join(lines)


def report(summary: dict) -> str:
    overall = {"n": summary["questions"], **summary}
    parts = [
        table({"all questions": overall}, "set"),
        "",
        table(summary["by_article"], "article"),
        "",
        table(summary["by_category"], "category"),
        "",
        f"latency p50 {summary['latency_ms_p50']} ms, p95 {summary['latency_ms_p95']} ms",
    ]
    if summary.get("skipped", {}).get("questions"):
        parts.append(summary["skipped"]["reason"])
    return "\n".join(parts)


def misses(rows: list[dict]) -> str:
    """One line per question that missed something: what it missed and how the answer begins."""
    lines = []
    for r in rows:
        missed = []
        if r.get("support", 1.0) < 1.0:
            missed.append(f"support {r['support']:.2f} (retrieved {r.get('recall', 0):.2f})")
        if r.get("facts", 1.0) < 1.0:
            missed.append(f"facts {r['facts']:.2f}")
        if r.get("sides_missing"):
            missed.append("no evidence for " + ", ".join(r["sides_missing"]))
        if not r["abstain_ok"]:
            missed.append("abstention wrong")
        if missed:
            start = " ".join(r.get("answer", "").split())[:100]
            lines.append(f"{r['id']} [{r['article']}]: {'; '.join(missed)} | {start}")
    return "\n".join(lines) if lines else "no misses"
