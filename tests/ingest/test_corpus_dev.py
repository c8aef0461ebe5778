"""Real articles by other authors (../shared/corpus-dev/) ingest faithfully: each file's true
title, its author and date where the file has them, no markup or template leaks in any stored
text or title, almost no scrap chunks, and tables stored row by row."""

from __future__ import annotations

import re

import pytest

from knowledge.schema import AUTHORS, PUBLISHED, SECTION, TITLE
from knowledge.settings import REPO_ROOT, get_settings

CORPUS_DEV = REPO_ROOT.parent / "shared" / "corpus-dev"

# file -> (title, authors or None, published date or None), as the files themselves state them.
EXPECTED = {
    "18f-a-day-in-the-life-of-an-18f-engineer.md": (
        "A day in the life of an 18F Engineer",
        "Edwin Torres",
        "2021-09-30",
    ),
    "adron-hall-devops-obliviousness-site-reliability.html": (
        "Marketing Obliviousness of DevOps, WTF is Site Reliability",
        "Adron Hall",
        "2016-10-24",
    ),
    "cds-so-what-exactly-is-a-product-manager.md": (
        "So...what exactly is a product manager, anyway?",
        "Bryan Willey, Clémentine Hahn, Courtney Claessens, Dan Tse, Stevie-Ray Talbot",
        "2019-07-23",
    ),
    "data-engineering-cookbook-v0.4-preview.pdf": (
        "The Data Engineering Cookbook",
        "Andreas Kretz",
        "2019-01-06",
    ),
    "datatalksclub-data-team-roles-explained.md": (
        "Data Team Roles Explained — Alexey Grigorev (OLX) on Skills and Responsibilities",
        "alexeygrigorev",  # the front matter names only an account, kept as written
        "2020-12-14",  # datepublished, not the later "date" the site bumped
    ),
    "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt": (
        "Flogs cs degree vs bootcamp vs self taught",  # no title in the file: its name
        None,
        None,
    ),
    "front-end-developer-handbook-2019.html": (
        "Front-end Developer Handbook 2019",
        "Cody Lindley",
        None,
    ),
    "gitlab-handbook-engineering-career-development.md": (
        "Engineering Career Development",
        None,
        None,
    ),
    "practitioners-guide-data-science-role-and-skill-tracks.html": (
        "1.2 Data Science Role and Skill Tracks",
        "Hui Lin, Ming Li",
        "2023-04-18",
    ),
    "staffeng-dan-na-staff-engineer-and-team-lead.html": (
        "Dan Na - Staff Engineer and Team Lead at Squarespace",
        "Will Larson",
        "2020-03-26",
    ),
}

LEAKS = {
    "front matter": re.compile(
        r"(?m)^---$|^(?:layout|title|date|authors?|tags|excerpt|permalink):\s"
    ),
    "HTML tag or comment": re.compile(
        r"<!--|-->|</?(?:div|img|br|span|p|a|figure|figcaption|iframe|script|style|em|strong)"
        r"(?:\s[^<>]{0,300})?/?>",
        re.I,
    ),
    "template tag": re.compile(r"\{\{|\}\}|\{%|%\}|\{:|\{#|#\}"),
    "TOC placeholder": re.compile(r"(?m)^\s*(?:[-*]\s+)?(?:TOC|\[TOC\]|\[\[_TOC_\]\])\s*$"),
    "HTML entity": re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-f]{1,6});", re.I),
    "ligature": re.compile("[\ufb00-\ufb06]"),
    "dot leader": re.compile(r"(?:\.\s?){5,}"),
    "Markdown link or image": re.compile(r"\]\(|!\["),
    "Markdown emphasis": re.compile(r"\*\*\S|__\S"),
    "link marker": re.compile("[\u2063\x00]"),
}


@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory):
    if not CORPUS_DEV.is_dir():
        pytest.skip(f"{CORPUS_DEV} is missing (the shared development articles)")
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = get_settings(store=tmp_path_factory.mktemp("corpus-dev") / "store")
    settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(CORPUS_DEV)], kb, settings)
    assert report.ok, report.as_dict()
    return kb


def _by_file(kb) -> dict[str, tuple[dict, list[tuple[str, dict]]]]:
    records = {r["source"].rsplit("/", 1)[-1]: r for r in kb.records().values()}
    _ids, docs, metas = kb.read_chunks()
    chunks: dict[str, list] = {}
    for doc, meta in zip(docs, metas, strict=True):
        chunks.setdefault(meta["source"].rsplit("/", 1)[-1], []).append((doc, meta))
    return {name: (records[name], chunks.get(name, [])) for name in records}


def test_every_file_is_ingested(corpus_kb):
    assert sorted(_by_file(corpus_kb)) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_true_title_author_and_date(corpus_kb, name):
    record, chunks = _by_file(corpus_kb)[name]
    title, authors, published = EXPECTED[name]
    assert record[TITLE] == title
    assert record.get(AUTHORS) == authors
    assert record.get(PUBLISHED) == published
    assert chunks and all(meta[TITLE] == title for _, meta in chunks)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_markup_or_template_leaks(corpus_kb, name):
    record, chunks = _by_file(corpus_kb)[name]
    texts = [record[TITLE]] + [t for doc, meta in chunks for t in (doc, meta[SECTION])]
    for text in texts:
        for what, pattern in LEAKS.items():
            m = pattern.search(text)
            assert m is None, f"{what} in {name}: {text[max(0, m.start() - 60) : m.end() + 60]!r}"


def test_at_most_two_percent_of_chunks_are_scraps(corpus_kb):
    docs = [doc for _, chunks in _by_file(corpus_kb).values() for doc, _ in chunks]
    scraps = [d for d in docs if len(d) < 40]
    assert len(docs) > 300
    assert len(scraps) <= 0.02 * len(docs), scraps[:20]
    # No chunk is a bare list label.
    assert not [d for d in docs if re.fullmatch(r"[-*•]\s.{0,40}", d)]


def test_tables_are_stored_one_row_per_line_naming_the_header(corpus_kb):
    _, chunks = _by_file(corpus_kb)["gitlab-handbook-engineering-career-development.md"]
    lines = [ln for doc, _ in chunks for ln in doc.split("\n")]
    # The lateral-transfer table: header "Lateral Options", one line per row.
    assert "Frontend Engineer — Lateral Options: Product Designer." in lines
    assert "Support Engineer — Lateral Options: Solutions Architect." in lines


def test_questions_in_bold_paragraphs_become_sections(corpus_kb):
    _, chunks = _by_file(corpus_kb)["staffeng-dan-na-staff-engineer-and-team-lead.html"]
    sections = {meta[SECTION] for _, meta in chunks}
    assert "What does a Staff-plus engineer do at Squarespace? How do you spend your time?" in (
        sections
    )
    assert sum(s.endswith("?") for s in sections) >= 8


def test_footnote_style_bibliography_entries_become_references(corpus_kb):
    got = corpus_kb.references.get(include=["metadatas"])["metadatas"]
    refs = [m for m in got if m["source"].endswith("skill-tracks.html")]
    assert [(m["year"], m["title"]) for m in refs] == [("2019", "The Book of Why")]
    _, chunks = _by_file(corpus_kb)["practitioners-guide-data-science-role-and-skill-tracks.html"]
    citing = [meta for doc, meta in chunks if "(Pearl and Mackenzie 2019)" in doc]
    assert citing and all(refs[0]["ref_id"] in m["ref_ids"] for m in citing)


def test_link_urls_are_kept_in_metadata_not_text(corpus_kb):
    _, chunks = _by_file(corpus_kb)["18f-a-day-in-the-life-of-an-18f-engineer.md"]
    (doc, meta) = next((d, m) for d, m in chunks if "USAGov en Español site" in d)
    assert "https://" not in doc
    assert "https://www.usa.gov/espanol/quienes-somos" in meta.get("links", "").split()


@pytest.mark.parametrize(
    ("question", "row"),
    [
        (
            "What are the lateral transfer options for a Support Engineer?",
            "Support Engineer — Lateral Options: Solutions Architect.",
        ),
        (
            "Which lateral option does a Frontend Engineer have?",
            "Frontend Engineer — Lateral Options: Product Designer.",
        ),
    ],
)
def test_a_question_about_a_table_row_retrieves_that_row(corpus_kb, question, row):
    from assistant.retrieve import Retriever

    (top, *_) = Retriever(corpus_kb).search(question, k=5)
    assert row in top.text.split("\n"), top.text[:300]
