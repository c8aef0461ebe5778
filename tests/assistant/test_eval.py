"""`make test` gates on the dev sets: eval/thresholds.json holds the floors, overall, per article
and for the seed article alone. The corpus-dev articles are read from ../shared, never copied."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest

from assistant import evaluate as ev
from knowledge.settings import REPO_ROOT, get_settings

SHARED = REPO_ROOT.parent / "shared" / "corpus-dev"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"{SHARED} is missing: the corpus-dev questions read their articles from there",
)
PER_ARTICLE_CATEGORIES = {"fact", "advice", "comparison", "followup", "out_of_scope"}


def _settings(store):
    settings = get_settings(store=store)
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    return settings


@pytest.fixture(scope="module")
def eval_assistant(tmp_path_factory):
    """An extractive Assistant over corpus/ plus ../shared/corpus-dev, built the way
    `assistant eval` builds its store."""
    from assistant.service import Assistant

    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is missing: the corpus-dev questions read their articles from there")
    root = tmp_path_factory.mktemp("eval-stores")
    settings = _settings(None)
    settings.store = ev.eval_store(settings, SHARED, root)
    a = Assistant.open(settings)
    a.warm()
    return a


def test_dev_sets_are_well_formed():
    items = ev.load_sets()
    seed = [i for i in items if i["article"] == ev.SEED]
    assert len(seed) >= 48
    singles = [i for i in items if isinstance(i["article"], str) and i["article"] != ev.SEED]
    per_article = Counter(i["article"] for i in singles)
    covered = [a for a, n in per_article.items() if n >= 8]
    assert len(covered) >= 8 and len(singles) >= 80, per_article
    for article in covered:
        cats = {i["category"] for i in singles if i["article"] == article}
        assert PER_ARTICLE_CATEGORIES <= cats, (article, cats)
    cross = [i for i in items if isinstance(i["article"], list)]
    assert len(cross) >= 6
    for item in items:
        if item["category"] in ("comparison", "cross_article"):
            assert len(item.get("sides", {})) >= 2, item["id"]
        if item["category"] == "followup":
            assert item["history"], item["id"]
        if item["category"] == "out_of_scope":
            assert item["abstain"] and not item["expected"], item["id"]
        else:
            assert not item["abstain"] and (item["expected"] or item.get("sides")), item["id"]


@needs_shared
def test_every_snippet_is_in_a_chunk_of_its_article(eval_assistant):
    """Snippets are verbatim article text that survives cleaning and splitting."""
    _ids, docs, metas = eval_assistant.kb.all_chunks()
    chunks: dict[str, list[str]] = {}
    for doc, meta in zip(docs, metas, strict=True):
        name = meta["source"].rsplit("/", 1)[-1]
        if meta["source"].startswith(str(REPO_ROOT / "corpus")):
            name = ev.SEED
        chunks.setdefault(name, []).append(ev.normalize(doc))
    missing = []
    for item in ev.load_sets():
        texts = [c for a in ev.articles_of(item) for c in chunks.get(a, [])]
        snippets = [*item["expected"], *(item.get("sides") or {}).values()]
        for entry in snippets:
            alts = entry if isinstance(entry, list) else [entry]
            if not any(ev.normalize(s) in t for s in alts for t in texts):
                missing.append((item["id"], alts[0]))
    assert not missing, missing


def test_matching_folds_case_space_quotes_dashes_and_ligatures():
    text = "Data  Scientists aren\u2019t\n\u201cmath\u201d \u2014 experts: \ufb01t"
    assert ev.normalize(text) == 'data scientists aren\'t "math" - experts: fit'


def test_score_counts_alternatives_and_both_sides():
    item = {
        "id": "x",
        "category": "comparison",
        "article": ["a.md", "b.md"],
        "question": "q",
        "sides": {"role a": ["alpha one", "alpha two"], "role b": ["beta one"]},
        "expected": [],
        "facts": ["Alpha"],
        "abstain": False,
    }

    def result(*cited):
        texts = [{"text": t} for t in cited]
        return {
            "passages": texts,
            "citations": texts,
            "answer": " ".join(cited),
            "abstained": False,
            "timings_ms": {"total": 1.0},
        }

    one_side = ev.score_item(item, result("It says ALPHA  two here."))
    assert one_side["both_sides"] == 0.0 and one_side["sides_missing"] == ["role b"]
    assert one_side["support"] == 0.5 and one_side["facts"] == 1.0
    listed = ev.misses([{**one_side, "answer": "It says ALPHA two here."}])
    assert (
        listed.startswith("x [cross-article]: support 0.50") and "no evidence for role b" in listed
    )
    both = ev.score_item(item, result("alpha one", "and beta one"))
    assert both["both_sides"] == 1.0 and both["support"] == 1.0 and both["rr"] == 1.0
    assert ev.misses([{**both, "answer": ""}]) == "no misses"
    assert both["article"] == ev.CROSS and both["cited_chars"] == len("alpha one") + len(
        "and beta one"
    )


def test_a_bad_line_names_file_line_and_fix(tmp_path):
    bad = tmp_path / "set.jsonl"
    good = {"id": "a", "category": "fact", "question": "q?", "expected": ["x"]}
    bad.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "b", "category": "x"}))
    with pytest.raises(ev.SetError, match=r"set\.jsonl:2: category 'x' is not one of"):
        ev.load_set(bad)
    bad.write_text(json.dumps(good) + "\n" + json.dumps(good))
    with pytest.raises(ev.SetError, match="appears twice"):
        ev.load_sets([bad])


def test_questions_on_missing_articles_are_skipped_with_the_reason(tmp_path, assistant):
    items = ev.load_sets()
    present = ev.stored_articles(assistant.kb, assistant.settings.corpus)
    assert ev.SEED in present
    kept, skipped, reason = ev.select(items, present, tmp_path / "absent")
    assert {i["article"] for i in kept} == {ev.SEED}
    assert len(skipped) == len(items) - len(kept) > 0
    assert str(tmp_path / "absent") in reason and "missing" in reason
    summary, _rows = ev.run_eval(assistant, [ev.DEV_SET, ev.CORPUS_DEV_SET], tmp_path / "absent")
    assert summary["questions"] == len(kept)
    assert summary["skipped"] == {"questions": len(skipped), "reason": reason}


def test_cli_on_a_store_without_the_dev_articles_says_what_it_skipped(seeded_store):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CHROMA_"))}
    env.pop("ASSISTANT_STORE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "eval", "--store", str(seeded_store), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    corpus_dev = len(ev.load_set(ev.CORPUS_DEV_SET))
    assert summary["skipped"]["questions"] == corpus_dev
    assert summary["questions"] == len(ev.load_set(ev.DEV_SET))
    assert "question(s) skipped: the store has no" in proc.stderr
    assert list(summary["by_article"]) == [ev.SEED]


def test_store_fingerprint_follows_article_content(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one")
    settings = _settings(tmp_path / "s")
    first = ev.fingerprint([corpus], settings)
    assert ev.fingerprint([corpus], settings) == first
    (corpus / "a.txt").write_text("two")
    assert ev.fingerprint([corpus], settings) != first
    settings.chunk_chars += 1
    assert ev.fingerprint([corpus], settings) != ev.fingerprint([corpus], _settings(None))


def test_eval_store_is_reused_while_nothing_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("A data analyst writes SQL queries and builds dashboards.\n")
    settings = _settings(None)
    settings.corpus = corpus
    root = tmp_path / "stores"
    store = ev.eval_store(settings, tmp_path / "no-shared", root)
    stamp = (store / ".complete").stat().st_mtime_ns
    assert ev.eval_store(settings, tmp_path / "no-shared", root) == store
    assert (store / ".complete").stat().st_mtime_ns == stamp
    (corpus / "note.txt").write_text("A data engineer builds pipelines.\n")
    rebuilt = ev.eval_store(settings, tmp_path / "no-shared", root)
    assert rebuilt != store and not store.exists() and [p for p in root.iterdir()] == [rebuilt]


def test_a_half_built_eval_store_is_replaced(tmp_path):
    """A folder of the store's name without its `.complete` mark (a crash mid-build, or a
    store opened there by hand) never held the finished store: it is built again, not used."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("A sommelier chooses the wine list and trains the staff.\n")
    settings = _settings(None)
    settings.corpus = corpus
    root = tmp_path / "stores"
    target = root / ev.fingerprint(ev.eval_sources(tmp_path / "no-shared", corpus), settings)
    target.mkdir(parents=True)
    (target / "chroma.sqlite3").write_bytes(b"")  # an empty store left there
    store = ev.eval_store(settings, tmp_path / "no-shared", root)
    assert store == target and (store / ".complete").exists()
    assert json.loads((store / ".complete").read_text())["chunks"] > 0


def test_seed_alone_meets_its_floors(assistant):
    """The seed article on its own store: its figures must not drop."""
    thresholds = ev.load_thresholds()
    summary, _rows = ev.run_eval(assistant, [ev.DEV_SET])
    problems = ev.failures(summary, {"overall": thresholds["seed_alone"]})
    print(ev.report(summary))
    assert not problems, problems


@needs_shared
def test_whole_dev_set_meets_thresholds(eval_assistant):
    summary, rows = ev.run_eval(eval_assistant, shared=SHARED)
    print(ev.report(summary))
    assert summary["skipped"]["questions"] == 0, summary["skipped"]
    problems = ev.failures(summary, ev.load_thresholds())
    assert not problems, problems
