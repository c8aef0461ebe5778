"""`assistant eval`: retrieval, support, fact and abstention metrics over a question set."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

from knowledge.settings import REPO_ROOT

DEV_SET = REPO_ROOT / "eval" / "dev.jsonl"
THRESHOLDS = REPO_ROOT / "eval" / "thresholds.json"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def load_set(path: Path) -> list[dict]:
    items = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
    return items


def score_item(item: dict, result: dict) -> dict:
    expected = [_norm(e) for e in item.get("expected", [])]
    passages = [_norm(p["text"]) for p in result["passages"]]
    cited = [_norm(c["text"]) for c in result["citations"]]
    answer = _norm(result["answer"])
    row: dict = {
        "id": item["id"],
        "category": item["category"],
        "abstain_ok": result["abstained"] == item["abstain"],
    }
    if expected:
        row["recall"] = sum(any(e in p for p in passages) for e in expected) / len(expected)
        ranks = [i for i, p in enumerate(passages, 1) if any(e in p for e in expected)]
        row["rr"] = 1.0 / ranks[0] if ranks else 0.0
        row["support"] = sum(any(e in c for c in cited) for e in expected) / len(expected)
    facts = [_norm(f) for f in item.get("facts", [])]
    if facts:
        row["facts"] = sum(f in answer for f in facts) / len(facts)
    row["ms"] = result["timings_ms"]["total"]
    return row


def summarize(rows: list[dict]) -> dict:
    def mean(key: str, subset=None) -> float | None:
        vals = [r[key] for r in (subset or rows) if key in r]
        return round(sum(vals) / len(vals), 3) if vals else None

    lat = sorted(r["ms"] for r in rows)
    summary = {
        "questions": len(rows),
        "retrieval_recall": mean("recall"),
        "mrr": mean("rr"),
        "support_recall": mean("support"),
        "fact_coverage": mean("facts"),
        "abstention_accuracy": round(sum(r["abstain_ok"] for r in rows) / len(rows), 3),
        "latency_ms_p50": round(statistics.median(lat), 1),
        "latency_ms_p95": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1),
        "by_category": {},
    }
    for cat in sorted({r["category"] for r in rows}):
        sub = [r for r in rows if r["category"] == cat]
        summary["by_category"][cat] = {
            "n": len(sub),
            "support_recall": mean("support", sub),
            "fact_coverage": mean("facts", sub),
            "abstention_accuracy": round(sum(r["abstain_ok"] for r in sub) / len(sub), 3),
        }
    return summary


def run_eval(assistant, path: Path = DEV_SET) -> tuple[dict, list[dict]]:
    items = load_set(path)
    assistant.warm()
    rows = []
    for item in items:
        result = assistant.ask(item["question"], item.get("history") or [])
        row = score_item(item, result)
        row["answer"] = result["answer"]
        rows.append(row)
    return summarize(rows), rows


def failures(summary: dict, thresholds: dict) -> list[str]:
    return [
        f"{name} {summary.get(name)} is below its threshold {floor}"
        for name, floor in thresholds.items()
        if summary.get(name) is None or summary[name] < floor
    ]
