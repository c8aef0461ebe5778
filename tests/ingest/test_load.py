"""Loading: txt, md, html/htm (main text, h1-h3 headings), pdf, and folders read recursively."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest.load import decode, discover
from tests.ingest.helpers import make_pdf

ARTICLE_TXT = """Remote Work Salaries

Why Location Still Matters

Remote engineers in smaller cities often earn less than peers in large hubs. Companies adjust pay bands by region.

How to Negotiate

Ask for the pay band before the first interview. Compare offers with public salary data.
"""

ARTICLE_MD = """# Staff Engineer Paths

## Scope of the Role

A staff engineer sets technical direction across several teams. The role is earned, not assigned.

## Getting There

Write design documents that other teams reuse. Mentor engineers outside your own team.
"""

ARTICLE_HTML = """<!doctype html><html><head><title>Browser Title</title></head><body>
<nav><a href="/">Home</a> | <a href="/blog">Blog</a> | <a href="/about">About</a></nav>
<article>
<h1>Data Engineer Careers</h1>
<p>Data engineers build the pipelines that feed analytics and machine learning systems.
They earn solid salaries across most industries.</p>
<h2>Core Skills</h2>
<p>Strong SQL, a programming language such as Python, and an understanding of distributed
storage are the foundation of the job.</p>
<h3>Cloud Platforms</h3>
<p>Most teams now run their pipelines on managed cloud services rather than their own clusters.
Knowing one platform well transfers to the others.</p>
</article>
<footer><p>Copyright 2026 Example Media. All rights reserved.</p></footer>
</body></html>
"""


def _chunks(kb) -> list[tuple[str, dict]]:
    _ids, docs, metas = kb.read_chunks()
    return list(zip(docs, metas, strict=True))


def test_txt_and_md_files_load_with_their_titles(tmp_path, run_ingest):
    (tmp_path / "remote.txt").write_text(ARTICLE_TXT)
    (tmp_path / "staff.md").write_text(ARTICLE_MD)
    report, kb = run_ingest([tmp_path / "remote.txt", tmp_path / "staff.md"])
    assert report.ok, report.as_dict()
    records = {Path(s).name: m for s, m in kb.records().items()}
    assert records["remote.txt"]["kind"] == "txt"
    assert records["remote.txt"]["title"] == "Remote Work Salaries"
    assert records["staff.md"]["kind"] == "md"
    assert records["staff.md"]["title"] == "Staff Engineer Paths"
    docs = " ".join(doc for doc, _ in _chunks(kb))
    assert "Companies adjust pay bands by region." in docs
    assert "Mentor engineers outside your own team." in docs
    assert "#" not in docs  # Markdown heading marks are structure, not passage text


def test_html_keeps_main_text_and_h1_to_h3_headings(tmp_path, run_ingest):
    for name in ("careers.html", "careers-copy.htm"):
        (tmp_path / name).write_text(ARTICLE_HTML)
    report, kb = run_ingest([tmp_path / "careers.html", tmp_path / "careers-copy.htm"])
    assert report.ok, report.as_dict()
    assert {r.status for r in report.results} == {"added"}
    for record in kb.records().values():
        assert record["kind"] == "html"
        assert record["title"] == "Data Engineer Careers"
    chunks = _chunks(kb)
    sections = {meta["section"] for _, meta in chunks}
    assert {"Core Skills", "Cloud Platforms"} <= sections
    by_section = {meta["section"]: doc for doc, meta in chunks}
    assert by_section["Core Skills"].startswith("Strong SQL")
    assert by_section["Cloud Platforms"].startswith("Most teams now run")
    docs = " ".join(doc for doc, _ in chunks)
    for furniture in ("Home", "About", "Copyright", "All rights reserved", "Browser Title"):
        assert furniture not in docs


def test_pdf_text_layer_is_extracted(tmp_path, run_ingest):
    lines = ["Product Manager Salaries", "Product managers earn more as their scope grows."]
    data = make_pdf(lines)
    # The hand-made file is a real PDF: pypdf itself reads the text back.
    extracted = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Product managers earn more as their scope grows." in extracted
    (tmp_path / "pm.pdf").write_bytes(data)
    report, kb = run_ingest([tmp_path / "pm.pdf"])
    assert report.ok, report.as_dict()
    (record,) = kb.records().values()
    assert record["kind"] == "pdf"
    assert record["title"] == "Product Manager Salaries"
    docs = " ".join(doc for doc, _ in _chunks(kb))
    assert "Product managers earn more as their scope grows." in docs


def test_decode_of_pdf_matches_pypdf(tmp_path):
    loaded = decode("x.pdf", "pdf", make_pdf(["Alpha line here", "Beta line (with parens)."]))
    assert loaded.kind == "pdf"
    # A first line that reads as a title becomes the title; the rest is the text.
    assert loaded.title_hint == "Alpha line here"
    assert loaded.text == "# Alpha line here\n\nBeta line (with parens)."


def test_folders_are_read_recursively_keeping_supported_types(tmp_path, run_ingest):
    root = tmp_path / "articles"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "remote.txt").write_text(ARTICLE_TXT)
    (root / "sub" / "staff.md").write_text(ARTICLE_MD)
    (root / "sub" / "deeper" / "careers.HTML").write_text(ARTICLE_HTML)
    (root / "sub" / "pm.pdf").write_bytes(make_pdf(["PM Notes", "Product managers ship things."]))
    # Unsupported or hidden files in a folder are skipped silently, not reported as failures.
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (root / "data.csv").write_text("a,b\n1,2\n")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".draft.txt").write_text(ARTICLE_TXT)
    (root / ".git" / "HEAD.txt").write_text(ARTICLE_TXT)

    found, errors = discover([str(root)])
    assert errors == []
    assert sorted(Path(f).name for f in found) == [
        "careers.HTML",
        "pm.pdf",
        "remote.txt",
        "staff.md",
    ]

    report, kb = run_ingest([root])
    assert report.ok, report.as_dict()
    assert sorted(Path(s).name for s in kb.records()) == [
        "careers.HTML",
        "pm.pdf",
        "remote.txt",
        "staff.md",
    ]
    assert all(Path(s).is_absolute() for s in kb.records())


MDX_POST = """---
title: "Barista vs Bartender"
author: Lena Okafor
date: 2024-02-01
---

import { Callout } from '@/components/Callout'
import Chart from '../components/Chart.astro'
import './post.css';
export const meta = { draft: false }

## What a barista does

Baristas prepare espresso drinks and keep the bar clean during the morning rush.

<Callout type="tip">
Most cafes train new baristas on the job in about two weeks.
</Callout>

<Chart data={pay} />

Importing coffee from small farms from time to time is a job for the roaster, not the barista.
"""


@pytest.mark.parametrize("name", ["barista.mdx", "barista.md"])
def test_an_mdx_post_loads_as_markdown_without_its_module_lines(tmp_path, run_ingest, name):
    (tmp_path / name).write_text(MDX_POST)
    report, kb = run_ingest([tmp_path / name])
    assert report.ok, report.as_dict()
    record = kb.records()[str(tmp_path / name)]
    assert record["kind"] == "md" and record["title"] == "Barista vs Bartender"
    docs = " ".join(doc for doc, _ in _chunks(kb))
    assert "Most cafes train new baristas on the job in about two weeks." in docs
    assert "Importing coffee from small farms" in docs  # prose that opens with the word stays
    assert "import" not in docs and "export" not in docs and "components" not in docs


# A Markdown post with a byline paragraph under its title (a made-up bakery guide), and one
# whose front matter names its authors (the 18F dev article) with no byline in its text.
BYLINED_MD = """# Baker or Pastry Cook?

By Tomasz Wrona

A baker mixes and shapes the bread dough before dawn.

## Pay

Bakers earn a median of $35,000 a year.
"""


def test_a_markdown_byline_is_metadata_not_the_first_sentence():
    from ingest.load import decode
    from knowledge.schema import AUTHORS

    loaded = decode("baker.md", "md", BYLINED_MD.encode())
    assert loaded.meta[AUTHORS] == "Tomasz Wrona"
    assert "By Tomasz Wrona" not in loaded.text
    assert "A baker mixes and shapes the bread dough before dawn." in loaded.text


def test_a_markdown_article_without_a_byline_keeps_its_opening():
    from ingest.load import decode
    from tests.assistant.conftest import DEV

    path = DEV / "18f-a-day-in-the-life-of-an-18f-engineer.md"
    if not path.is_file():
        pytest.skip(f"the development articles are not at {DEV}")
    loaded = decode(str(path), "md", path.read_bytes())
    assert loaded.text.lstrip().startswith("According to Census estimates")


def test_a_markdown_byline_line_holding_prose_keeps_its_prose():
    from ingest.load import decode

    text = (
        "# Welder or Pipefitter?\n\nA volunteer-written guide comparing two trades on shipyard "
        "work. Maintained by Ola Berg. Last updated 3 March 2025.\n\n## Pay\n\nWelders earn "
        "$48,000 a year.\n"
    )
    loaded = decode("welder.md", "md", text.encode())
    assert "A volunteer-written guide comparing two trades on shipyard work." in loaded.text
