"""Format parsers: Markdown through markdown-it-py, HTML titles and bylines, PDF cleanup,
charsets, sentences, lists and scraps - each on small inputs written here."""

from __future__ import annotations

import re

import pytest

from ingest.clean import clean_text
from ingest.load import decode
from ingest.split import LINKS, chunk_article
from ingest.structure import parse_article
from knowledge.errors import IngestError
from knowledge.schema import AUTHORS, DESCRIPTION, PUBLISHED
from knowledge.settings import REPO_ROOT
from knowledge.text import split_sentences

from .helpers import make_pdf, make_pdf_pages


def _article(name: str, kind: str, raw: bytes | str, **kw):
    data = raw.encode() if isinstance(raw, str) else raw
    loaded = decode(f"/x/{name}", kind, data, **kw)
    article = parse_article(
        loaded.source,
        clean_text(loaded.text),
        loaded.kind,
        loaded.title_hint,
        structured=loaded.structured,
    )
    return loaded, article


FRONT_MATTER_MD = """---
layout: post
title: "Pay Bands for Platform Engineers"
author: jane-doe
date: 2022-03-04
description: How platform teams set pay.
---
{% include toc.html %}
- TOC
{:toc}

Platform engineers build internal tools{: .note} that other teams use every day.

See [the salary survey]({{ "/surveys/2022" | url }}) and <span style="color:red">this</span> <!--
a hidden note --> report.

Pay Structure
-------------

Bands are reviewed once a year by a committee of managers.

```mermaid
graph TD; Junior-->Senior
```

![A chart of bands](chart.png)

    indented code is not prose either

Sources: [Levels Survey](https://example.com/levels) and [Pay Index](https://example.com/pay).

Another claim with a footnote.[^1]

[^1]: Smith, J. (2021). Paying platform teams. https://example.com/smith
"""


def test_front_matter_becomes_metadata_never_text():
    loaded, article = _article("pay.md", "md", FRONT_MATTER_MD)
    assert article.title == "Pay Bands for Platform Engineers"
    assert loaded.meta[AUTHORS] == "Jane Doe"
    assert loaded.meta[PUBLISHED] == "2022-03-04"
    assert loaded.meta[DESCRIPTION] == "How platform teams set pay."
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    for leak in ("layout", "---", "{%", "{{", "{:", "TOC", "<span", "<!--", "mermaid", "chart"):
        assert leak not in text, leak
    assert "indented code" not in text
    assert "build internal tools that other teams use every day." in text


def test_setext_headings_links_sources_and_footnotes():
    _, article = _article("pay.md", "md", FRONT_MATTER_MD)
    assert [s.heading for s in article.sections][:2] == ["", "Pay Structure"]
    chunks = chunk_article(article, "v1")
    (survey,) = [c for c in chunks if "salary survey" in c.text]
    # Under 40 characters, the paragraph joins the one before it.
    assert survey.text == (
        "Platform engineers build internal tools that other teams use every day.\n"
        "See the salary survey and this report."
    )
    # The URL was a template tag: removed; a real link's URL is kept in metadata.
    (sources,) = [c for c in chunks if c.text.startswith("Sources:")]
    assert sources.text.split("\n")[0] == "Sources: Levels Survey and Pay Index."
    assert sources.metadata[LINKS].split() == [
        "https://example.com/levels",
        "https://example.com/pay",
    ]
    by_url = {r.url: r for r in article.references}
    assert set(by_url) == {
        "https://example.com/levels",
        "https://example.com/pay",
        "https://example.com/smith",
    }
    assert by_url["https://example.com/smith"].label == "Smith, 2021"
    # The line citing the sources carries their reference ids.
    assert set(sources.metadata["ref_ids"].split(",")) == {
        by_url["https://example.com/levels"].ref_id,
        by_url["https://example.com/pay"].ref_id,
    }


def test_markdown_table_is_one_line_per_row_naming_headers():
    md = (
        "# Roles\n\nHow pay compares:\n\n"
        "| Measure | Data analyst | Data engineer |\n|---|---|---|\n"
        "| Median salary | $70k | $110k |\n| Entry path | Bootcamp | CS degree |\n"
    )
    _, article = _article("roles.md", "md", md)
    (table,) = [p for s in article.sections for p in s.paragraphs if "Median" in p]
    assert table.split("\n") == [
        "Median salary — Data analyst: $70k; Data engineer: $110k.",
        "Entry path — Data analyst: Bootcamp; Data engineer: CS degree.",
    ]


def test_html_table_rows_keep_their_headers():
    html = (
        "<html><head><title>Roles | Site</title></head><body><article><h1>Roles Compared</h1>"
        "<p>This comparison covers what each role pays and how people usually enter it.</p>"
        "<table><tr><th>Measure</th><th>Analyst</th><th>Engineer</th></tr>"
        "<tr><td>Median salary</td><td>$70k</td><td>$110k</td></tr>"
        "<tr><td>Entry path</td><td>Bootcamp</td><td>Degree</td></tr></table>"
        "<p>Both roles are in demand across industries and reward steady practice.</p>"
        "</article></body></html>"
    )
    _, article = _article("roles.html", "html", html)
    lines = [ln for s in article.sections for p in s.paragraphs for ln in p.split("\n")]
    assert "Median salary — Analyst: $70k; Engineer: $110k." in lines


def test_an_html_table_caption_is_a_line_over_rows_that_keep_their_real_header():
    # trafilatura writes a <caption> as a first row with its own |---| under it, so the real
    # header arrives as a body row followed by a second delimiter row
    html = (
        "<html><head><title>Cooks | Site</title></head><body><article><h1>Line Cook vs Sous Chef</h1>"
        "<p>Both roles work the line in a restaurant kitchen, with different duties.</p>"
        "<table><caption>Median hourly pay, 2023</caption>"
        "<thead><tr><th>Role</th><th>Hourly pay</th><th>Usual training</th></tr></thead>"
        "<tbody><tr><td>Line cook</td><td>$16.50</td><td>On the job</td></tr>"
        "<tr><td>Sous chef</td><td>$24.10</td><td>Culinary school</td></tr></tbody></table>"
        "<p>Pay rises with the size and reputation of the restaurant.</p>"
        "</article></body></html>"
    )
    _, article = _article("cooks.html", "html", html)
    lines = [ln for s in article.sections for p in s.paragraphs for ln in p.split("\n")]
    assert "Sous chef — Hourly pay: $24.10; Usual training: Culinary school." in lines
    assert "Median hourly pay, 2023." in lines
    assert not [ln for ln in lines if "---" in ln]


_PLUMBING_TABLE = (
    '<table class="pay">\n  <caption>Pay by license, 2023</caption>\n'
    "  <thead><tr><th>License</th><th>Median hourly</th><th>Median annual</th></tr></thead>\n"
    "  <tbody>\n    <tr><td>Journeyman plumber</td><td>$30.10</td><td>$62,600</td></tr>\n"
    "    <tr><td>Master plumber</td><td>$38.40</td><td>$79,900</td></tr>\n  </tbody>\n</table>\n"
)


def test_an_html_table_in_markdown_reads_row_by_row_as_on_an_html_page():
    # Jekyll and Docusaurus posts often carry a raw <table>; its cells ran together as text
    # ("LicenseMedian hourlyMedian annualJourneyman plumber$30.10$62,600...")
    md = (
        "---\ntitle: Plumber Pay\n---\n\n# Plumber Pay\n\n"
        "Pay rises with each license a plumber earns.\n\n" + _PLUMBING_TABLE + "\n"
        "Overtime adds to these figures in most shops.\n"
    )
    _, article = _article("plumbers.md", "md", md)
    lines = [ln for s in article.sections for p in s.paragraphs for ln in p.split("\n")]
    expected = [
        "Pay by license, 2023.",
        "Journeyman plumber — Median hourly: $30.10; Median annual: $62,600.",
        "Master plumber — Median hourly: $38.40; Median annual: $79,900.",
    ]
    for line in expected:
        assert line in lines
    assert not [ln for ln in lines if "$30.10$" in ln]
    html = (
        "<html><head><title>Plumber Pay</title></head><body><article><h1>Plumber Pay</h1>"
        "<p>Pay rises with each license a plumber earns, and it rises faster in cities.</p>"
        + _PLUMBING_TABLE
        + "<p>Overtime adds to these figures in most shops, and so does on-call work.</p>"
        "</article></body></html>"
    )
    _, page = _article("plumbers.html", "html", html)
    page_lines = [ln for s in page.sections for p in s.paragraphs for ln in p.split("\n")]
    for line in expected:
        assert line in page_lines  # the same rows as the HTML page's


def test_text_around_an_html_table_in_markdown_stays():
    md = (
        '# Kitchen Pay\n\n<div class="note">Figures are medians.</div>\n'
        "<table><tr><th>Role</th><th>Hourly</th></tr><tr><td>Line cook</td><td>$17.42</td></tr>"
        "</table>\n<p>Tips are not included.</p>\n"
    )
    _, article = _article("kitchen.md", "md", md)
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "Figures are medians." in text
    assert "Line cook — Hourly: $17.42." in text
    assert "Tips are not included." in text


def test_a_markdown_table_with_a_title_row_over_its_header_reads_by_the_header():
    md = (
        "# Nursing Pay\n\n| Nurse pay by setting | | |\n|---|---|---|\n"
        "| Setting | Hourly | Annual |\n|:--|--:|--:|\n| Hospital | $45 | $93,600 |\n"
    )
    _, article = _article("nurses.md", "md", md)
    lines = [ln for s in article.sections for p in s.paragraphs for ln in p.split("\n")]
    assert lines == ["Nurse pay by setting.", "Hospital — Hourly: $45; Annual: $93,600."]


def test_bracketed_footnote_links_leave_no_empty_brackets():
    # what trafilatura writes for "[<a href="#ref1">1</a>, <a href="#ref2">2</a>]"
    md = (
        "# Baker Pay\n\nBakers earn a median of $38,000 a year, while pastry chefs earn "
        "$46,000 \\[[1](#ref1), [2](#ref2)\\]. Call f() on the list a[] too.\n\n"
        "Hours start early ([3](#n3); [4](#n4)), often at 4 a.m.\n"
    )
    _, article = _article("pay.md", "md", md)
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert "pastry chefs earn $46,000. Call f() on the list a[] too." in text
    assert "Hours start early, often at 4 a.m." in text


def test_list_stays_with_its_lead_in_and_no_chunk_is_a_bare_label():
    md = (
        "# Plan\n\nA good plan has three parts:\n\n- Develop a vision\n- Set goals\n"
        "- Review\n\nOk.\n\nThe review happens every quarter with your manager present.\n"
    )
    _, article = _article("plan.md", "md", md)
    chunks = [c.text for c in chunk_article(article, "v1")]
    assert chunks[0] == "A good plan has three parts:\n- Develop a vision\n- Set goals\n- Review"
    assert all(len(c) >= 40 for c in chunks), chunks
    assert any("Ok." in c for c in chunks)  # the fragment merged, not lost


def test_html_title_byline_and_bold_questions():
    html = (
        "<html><head><title>Site Name</title>"
        '<meta property="og:title" content="Becoming Staff | Site Name"></head><body>'
        "<header><h1>Becoming Staff</h1><p>Written by Ana Ruiz and published on "
        "March 3, 2021.</p></header><article>"
        "<p>Staff engineers lead technical direction across several teams at once.</p>"
        "<p><strong>What does a staff engineer do all day?</strong></p>"
        "<p>Mostly reviews, design documents and mentoring of other engineers.</p>"
        "<p><strong>How did you get promoted?</strong></p>"
        "<p>By leading a migration that touched every team in the company.</p>"
        "</article></body></html>"
    )
    loaded, article = _article("staff.html", "html", html)
    assert article.title == "Becoming Staff"
    assert loaded.meta[AUTHORS] == "Ana Ruiz"
    assert loaded.meta[PUBLISHED] == "2021-03-03"
    headings = [s.heading for s in article.sections]
    assert "What does a staff engineer do all day?" in headings
    assert "How did you get promoted?" in headings


def test_html_title_without_h1_drops_the_site_name():
    html = (
        "<html><head><title>Pay Bands Explained | Career Blog</title></head><body><article>"
        "<p>Pay bands set the range for each level and are reviewed yearly by managers.</p>"
        "</article></body></html>"
    )
    _, article = _article("bands.html", "html", html)
    assert article.title == "Pay Bands Explained"


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("latin-1", None), ("cp1252", None), ("utf-16", None), ("latin-1", "ISO-8859-1")],
)
def test_charsets_are_detected_not_refused(encoding, declared):
    text = (
        "Café culture: a naïve “résumé” costs €5 at most.\n\n"
        "Engineers in Zürich earn more than the average worker, according to the survey.\n"
    )
    if encoding == "latin-1":
        text = text.replace("“", '"').replace("”", '"').replace("€", "EUR")
    loaded = decode("/x/cafe.txt", "txt", text.encode(encoding), charset=declared)
    assert loaded.text.split() == text.split()


def test_entities_and_stray_html_in_text_files_are_cleaned():
    raw = "Pay Notes\n\n&nbsp;\n\nPay rose&nbsp;5% <br> this year <img src=x.png> for most.\n"
    loaded = decode("/x/notes.txt", "txt", raw.encode())
    assert "&nbsp;" not in loaded.text and "<" not in loaded.text
    assert "Pay rose 5%" in loaded.text


def test_a_word_hyphenated_at_a_hard_wrap_in_a_text_file_is_whole_again():
    raw = (
        "Becoming a Plumber\n==================\n\n"
        "Most plumbers train through an appren-\nticeship of four years, earning while they\n"
        "learn. Hands-on work starts early: apprentices do hands-\non repairs in the first\n"
        "month, and the licensing exam covers local building regu-\nlations.\n"
    )
    _, article = _article("plumber.txt", "txt", raw)
    text = " ".join(" ".join(p.split()) for s in article.sections for p in s.paragraphs)
    assert "an apprenticeship of four years" in text
    assert "do hands-on repairs" in text
    assert "local building regulations." in text
    assert not re.search(r"[a-z]- [a-z]", text)


def test_markdown_in_a_txt_file_is_parsed_as_markdown():
    raw = (
        "Learning to code has many paths.\n\n## Degree\n\n### Pros\n\n"
        "- **Accreditation:** a recognised certificate.\n\n## Bootcamp\n\n"
        "Short and practical courses.\n"
    )
    loaded, article = _article("paths.txt", "txt", raw)
    assert loaded.structured
    assert [s.heading for s in article.sections] == ["", "Degree — Pros", "Bootcamp"]
    assert article.sections[1].paragraphs == ["- Accreditation: a recognised certificate."]


def test_pdf_ligatures_toc_and_page_numbers_are_dropped():
    cover = make_pdf(["Career Handbook", "Jane Roe", "January 6, 2019"])
    assert cover  # a one-page file has no cover to drop: its first line is the title
    loaded = decode(
        "/x/h.pdf",
        "pdf",
        make_pdf(
            [
                "Career Handbook",
                "Contents",
                "1 Roles . . . . . . . . . . . . 3",
                "2 Pay . . . . . . . . . . . . . 4",
                "3 Growth . . . . . . . . . . . 5",
                "1 Roles",
                "Engineers who specialise earn more than generalists in most markets.",
                "7",
            ]
        ),
    )
    assert loaded.title_hint == "Career Handbook"
    assert ". . ." not in loaded.text and "Contents" not in loaded.text
    assert "\n7" not in loaded.text
    assert "earn more than generalists" in loaded.text


def test_text_budget_is_enforced_while_loading():
    with pytest.raises(IngestError, match="ASSISTANT_MAX_TEXT_CHARS"):
        decode("/x/big.txt", "txt", ("word " * 1000).encode(), max_text_chars=1000)
    pdf = make_pdf([f"Line of text number {i} in a long document." for i in range(40)])
    with pytest.raises(IngestError, match="ASSISTANT_MAX_TEXT_CHARS"):
        decode("/x/big.pdf", "pdf", pdf, max_text_chars=200)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("He moved to the U.S. in 2019. Then he left.", 2),
        ("Tools, e.g. Python, are used. Dr. Smith agrees.", 2),
        ("Pay rose 3.5 percent last year. It fell in 2020.", 2),
        ('"Go now." She left. Then it rained.', 3),
    ],
)
def test_sentences_respect_abbreviations_decimals_and_quotes(text, sentences):
    assert len(split_sentences(text)) == sentences


def test_list_numbers_stay_with_their_item():
    assert split_sentences("Steps: 1. Learn Python. 2. Build a portfolio.") == [
        "Steps:",
        "1. Learn Python.",
        "2. Build a portfolio.",
    ]


def test_a_reference_whose_url_wraps_stays_one_entry():
    text = (
        "Notes\n\nSalaries rose (Smith, 2024).\n\nReferences\n\n"
        "Smith, J. (2024). Salary report. Career Press.\nhttps://example.com/a/very/\nlong/\n"
        "Lee, K. (2023). Hiring trends. Jobs Journal. https://example.com/lee\n"
    )
    article = parse_article("/x/n.txt", clean_text(text), "txt")
    assert [r.label for r in article.references] == ["Smith, 2024", "Lee, 2023"]
    assert article.references[0].url == "https://example.com/a/very/long/"


def test_template_code_blocks_admonitions_and_entities_in_front_matter():
    md = (
        '---\ntitle: "Pay &amp; Promotion"\n---\n'
        "Promotions follow a written case that your manager presents to a committee.\n\n"
        "{% highlight python %}\nsalary = base * 1.1\n{% endhighlight %}\n\n"
        ":::tip Remember\nAsk for the written criteria before the cycle starts.\n:::\n\n"
        "{% comment %} draft note {% endcomment %}Committees meet twice a year in most firms.\n"
    )
    loaded, article = _article("promo.md", "md", md)
    assert article.title == "Pay & Promotion"
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    for gone in ("salary =", "highlight", ":::", "tip Remember", "draft note", "{%"):
        assert gone not in text, gone
    assert "Ask for the written criteria before the cycle starts." in text
    assert "Committees meet twice a year in most firms." in text


def test_unclosed_template_blocks_stay_linear():
    md = ("{% highlight x %} word " * 5000).encode()
    loaded = decode("/x/open.md", "md", b"# Notes\n\nSome text here for the test.\n\n" + md)
    assert "{%" not in loaded.text


def test_the_charset_an_http_header_declares_is_used(page_server, run_ingest):
    from .conftest import Page

    page = (
        "<html><head><title>Gehälter | Blog</title></head><body><article>"
        "<h1>Gehälter für Ingenieure</h1>"
        "<p>Ingenieure in Zürich verdienen mehr als der Durchschnitt, sagt die Umfrage.</p>"
        "<p>Die Lücke wächst seit Jahren und betrifft fast alle Branchen gleichermaßen.</p>"
        "</article></body></html>"
    )
    page_server.routes["/latin.html"] = Page(
        page.encode("iso-8859-1"), "text/html; charset=ISO-8859-1"
    )
    from ingest.fetch import fetch

    got = fetch(page_server.url("/latin.html"), timeout=5, max_bytes=10**6, allow_private=True)
    assert got.charset == "ISO-8859-1"
    report, kb = run_ingest([page_server.url("/latin.html")], allow_private=True)
    assert report.ok, report.as_dict()
    (record,) = kb.records().values()
    assert record["title"] == "Gehälter für Ingenieure"
    docs = " ".join(kb.read_chunks()[1])
    assert "Ingenieure in Zürich verdienen mehr" in docs


def test_footnote_markers_are_not_prose():
    md = "# Notes\n\nPay rises with scope.<sup>1</sup> It rises with tenure too.[2](#fn2)\n"
    loaded = decode("/x/fn.md", "md", md.encode())
    assert loaded.text.endswith("Pay rises with scope. It rises with tenure too.")


_VET_BODY = (
    "Veterinary nurses and vet surgeons share a clinic but not a job. A vet surgeon diagnoses",
    "and operates, while the nurse monitors anaesthesia and cares for animals after surgery.",
)


def test_pdf_unnumbered_headings_byline_and_two_page_running_header():
    first = [
        "Vet Surgeon vs Veterinary Nurse",
        "By Ruth Calloway, BVSc | March 9, 2022",
        *_VET_BODY,
        "What a veterinary nurse earns",
        "A veterinary nurse earns about 26,000 pounds a year, rising with experience and a",
        "specialist certificate in anaesthesia or",
        "Clinic Careers Digest",
    ]
    second = [
        "emergency care.",
        "Is the training long?",
        "Training takes three years at college for nurses and five years for surgeons.",
        "Clinic Careers Digest",
    ]
    loaded = decode("/x/vet.pdf", "pdf", make_pdf_pages([first, second]))
    assert loaded.meta[AUTHORS] == "Ruth Calloway"  # the credential is not a second author
    assert loaded.meta[PUBLISHED] == "2022-03-09"
    assert "By Ruth" not in loaded.text
    assert "Clinic Careers Digest" not in loaded.text  # a running header on both pages
    assert "\n\n## What a veterinary nurse earns\n\nA veterinary nurse earns" in loaded.text
    assert "\n\n## Is the training long?\n\nTraining takes" in loaded.text
    # A paragraph broken across the page stays one paragraph, not a heading.
    assert "certificate in anaesthesia or emergency care." in loaded.text
    article = parse_article("/x/vet.pdf", loaded.text, "pdf", loaded.title_hint)
    assert [s.heading for s in article.sections][1:] == [
        "What a veterinary nurse earns",
        "Is the training long?",
    ]


def test_a_pdf_line_ending_in_of_or_the_after_a_sentence_is_wrapped_text_not_a_heading():
    # a narrow column: a sentence starting on a new line wraps after "of" / "the"
    page = [
        "Court Clerk vs Paralegal",
        "What a court clerk does",
        "Court clerks keep the records of every hearing, swear in witnesses and collect the fees",
        "that litigants owe for filing papers.",
        "Clerks sit an exam set by the Office of",
        "State Courts before they are sworn in.",
        "Paralegals draft documents for lawyers and file them with the court for their clients.",
        "Most paralegals earn more than",
        "Court clerks in large cities do.",
    ]
    loaded = decode("/x/court.pdf", "pdf", make_pdf(page))
    text = " ".join(loaded.text.split())
    assert "set by the Office of State Courts before they are sworn in." in text
    assert "## Clerks sit" not in loaded.text and "## Most paralegals" not in loaded.text
    assert "## What a court clerk does" in loaded.text


def test_a_pdf_byline_dated_by_month_and_year_is_no_text_and_leaves_no_creation_date():
    page = [
        "Pharmacist vs Pharmacy Technician",
        "Dr. Omar Haddad, Riverside Health Institute - October 2021",
        "Pharmacists check prescriptions and advise patients on their medicines.",
        "Pharmacy technicians count tablets, label bottles and manage stock.",
    ]
    info = {"Author": "Dr. Omar Haddad", "CreationDate": "D:20250102120000"}
    page.append("Technicians train for about a year; pharmacists study for six years.")
    loaded = decode("/x/pharmacy.pdf", "pdf", make_pdf_pages([page], info))
    assert loaded.meta[AUTHORS] == "Dr. Omar Haddad"
    assert PUBLISHED not in loaded.meta  # 2025-01-02 is the day the file was written
    assert "October 2021" not in loaded.text and "Riverside" not in loaded.text


def test_plain_text_byline_gives_author_and_date_but_prose_by_does_not():
    text = (
        "Vet Surgeon vs Veterinary Nurse\n"
        "By Ruth Calloway and Omar Haddad | Published June 3, 2024\n\n"
        "By 2030 clinics will need more nurses than they train.\n"
    )
    loaded = decode("/x/vet.txt", "txt", text.encode())
    assert loaded.meta[AUTHORS] == "Ruth Calloway, Omar Haddad"
    assert loaded.meta[PUBLISHED] == "2024-06-03"
    prose = decode(
        "/x/p.txt", "txt", b"Vet Careers\n\nBy the way, nurses earn less than surgeons.\n"
    )
    assert AUTHORS not in prose.meta and PUBLISHED not in prose.meta
    dated = decode("/x/d.txt", "txt", b"Vet Careers\nPublished: 4 May 2021\n\nNurses earn less.\n")
    assert dated.meta == {PUBLISHED: "2021-05-04"}


def test_markdown_front_matter_wins_over_a_byline_in_the_body():
    text = "---\nauthor: Ruth Calloway\n---\n# Vet careers\n\nBy Omar Haddad | May 1, 2020\n\nNurses.\n"
    loaded = decode("/x/vet.md", "md", text.encode())
    assert loaded.meta[AUTHORS] == "Ruth Calloway"
    assert loaded.meta[PUBLISHED] == "2020-05-01"


def test_a_pdf_that_numbers_its_headings_keeps_its_short_questions_as_text():
    pages = [
        [
            "Clinic Careers",
            "1 Vet nurses",
            *_VET_BODY * 6,
            "Why does that matter?",
            "It decides pay.",
        ],
        ["2 Vet surgeons", "Surgeons train for five years and earn more than nurses."],
    ]
    text = decode("/x/n.pdf", "pdf", make_pdf_pages(pages)).text
    assert "## 1 Vet nurses" in text and "## 2 Vet surgeons" in text
    assert "## Why" not in text and "Why does that matter?" in text


def test_a_closing_author_bio_is_dropped_but_a_last_paragraph_about_the_job_is_kept():
    text = (
        "Vet Surgeon vs Veterinary Nurse\nBy Ruth Calloway | June 3, 2024\n\n"
        "Nurses monitor anaesthesia.\n\n"
        "Ruth Calloway is a veterinary nurse and writes about animal care careers.\n"
    )
    loaded = decode("/x/vet.txt", "txt", text.encode())
    assert "writes about animal care" not in loaded.text
    assert "Nurses monitor anaesthesia." in loaded.text
    kept = text.replace("Ruth Calloway is a", "Every nurse is a")
    assert "writes about animal care" in decode("/x/v.txt", "txt", kept.encode()).text


def test_a_pdf_line_break_after_a_compounds_own_hyphen_keeps_it():
    body = [
        "Veterinary nurses learn through hands-",
        "on practice in busy clinics, and every placement brings new informa-",
        "tion about animal care that college lectures leave out entirely.",
    ]
    pages = [["Clinic Careers", *body * 4], ["Surgeons train for five years and earn more."]]
    text = decode("/x/h.pdf", "pdf", make_pdf_pages(pages)).text
    assert "hands-on practice" in text and "handson" not in text
    assert "new information about" in text and "informa-tion" not in text


def test_front_matter_authors_keep_their_credentials_out_of_the_list_of_names():
    # a Jekyll list of authors whose names carry credentials ("Ana Ruiz, MSN, RN"): the
    # credentials are no more authors
    md = (
        "---\ntitle: Nursing Paths\nauthors:\n  - name: Ana Ruiz, MSN, RN\n    title: Educator\n"
        "  - name: Sam Lee\ndate: 2025-02-11\n---\n\n# Nursing Paths\n\nNurses work shifts.\n"
    )
    loaded, _ = _article("nursing.md", "md", md)
    assert loaded.meta[AUTHORS] == "Ana Ruiz, Sam Lee"
    # ... a hyphenated one too ("FNP-C", "PA-C")
    one = "---\ntitle: NP or PA\nauthor: Dana Ferris, MSN, FNP-C\n---\n\nNPs prescribe.\n"
    assert _article("np.md", "md", one)[0].meta[AUTHORS] == "Dana Ferris"
    # an organisation's initials as an author of its own stays
    org = "---\ntitle: Pay\nauthors: [NCSBN, Ana Ruiz]\n---\n\nNurses earn more.\n"
    assert _article("pay.md", "md", org)[0].meta[AUTHORS] == "NCSBN, Ana Ruiz"


def test_plain_text_markdown_title_and_a_date_line_with_categories():
    # a .txt file whose only Markdown is its "# " title (too little to read it as Markdown),
    # its date line going on past a separator to the post's categories
    text = (
        "# Baker vs Pastry Chef: Which Pays More?\n\n"
        "Written by Lena Marsh\n"
        "Posted: March 3, 2024 | Filed under: Careers, Food\n\n"
        "Bakers start before dawn and most learn on the job in a few months.\n\n"
        "PAY\n\nBakers earned a median of $35,000 a year in 2023.\n"
    )
    loaded, article = _article("baker.txt", "txt", text)
    assert loaded.meta == {AUTHORS: "Lena Marsh", PUBLISHED: "2024-03-03"}
    assert article.title == "Baker vs Pastry Chef: Which Pays More?"
    headings = [s.heading for s in article.sections]
    assert not [h for h in headings if h.startswith("#") or "Posted" in h]
    assert "PAY" in headings
    assert "Filed under" not in loaded.text
    # a date line's words after its date stay text when no separator sets them apart
    prose = decode("/x/b.txt", "txt", b"Bakers\n\nMarch 3, 2024 was the day I quit my job.\n")
    assert PUBLISHED not in prose.meta and "the day I quit" in prose.text


def test_the_development_text_article_keeps_its_markdown_reading():
    path = (
        REPO_ROOT.parent
        / "shared"
        / "corpus-dev"
        / "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt"
    )
    if not path.exists():
        pytest.skip("../shared/corpus-dev is missing")
    loaded, article = _article(path.name, "txt", path.read_bytes())
    headings = [s.heading for s in article.sections]
    assert "Computer Science Degree — Pros" in headings and "Bootcamp — Cons" in headings
    assert not [h for h in headings if h.startswith("#")]


def test_plain_text_month_year_dateline_under_a_byline_is_dropped_from_the_text():
    # "Published June 2022" gives no day (so no date is stored), but it is byline furniture:
    # left in, it ran into the first sentence ("By Ana Ruiz Published June 2022 I spent ...").
    text = (
        "How I Went From Waiter to Nurse\n\n"
        "By Ana Ruiz\nPublished March 2021\n\n"
        "I spent three years waiting tables before nursing school.\n"
    )
    loaded = decode("/x/nurse.txt", "txt", text.encode())
    assert loaded.meta == {AUTHORS: "Ana Ruiz"}
    assert "Published" not in loaded.text and "By Ana Ruiz" not in loaded.text
    assert "I spent three years waiting tables" in loaded.text
    # a month and a year that open prose, or stand with no byline above them, stay text
    alone = decode("/x/n.txt", "txt", b"Nurse Careers\n\nMarch 2021\n\nNurses earn more.\n")
    assert "March 2021" in alone.text


def test_a_generated_pdf_with_document_info_keeps_its_byline_date_and_dotted_headings():
    # A PDF written by a generator (fpdf, a word processor): the info dictionary names the
    # title and author, its creation date is the day the file was made, the page repeats the
    # title over a byline, and the sections are numbered "1. ..." like list items.
    body = "Line cooks work the stations of a busy kitchen and learn every dish on the menu."
    first = [
        "Kitchen Careers Series",
        "How to Become a Line Cook",
        "By Tessa Marlowe | Published March 2, 2021",
        body,
        "1. What line cooks do",
        "A line cook preps vegetables, sears proteins and plates orders during service.",
        "2. Training",
        "Most cooks learn on the job; culinary school takes one to two years.",
        "Steps to follow:",
        "1. Get a food handler card",
        "2. Apply for a prep cook job",
    ]
    second = ["Kitchen Careers Series", "3. Pay", "Line cooks earn about 36,000 dollars a year."]
    info = {
        "Title": "How to Become a Line Cook",
        "Author": "Tessa Marlowe",
        "CreationDate": "D:20260105120000Z",
    }
    loaded = decode("/x/cook.pdf", "pdf", make_pdf_pages([first, second], info=info))
    assert loaded.meta[PUBLISHED] == "2021-03-02"  # the byline's date, not the file's
    assert loaded.meta[AUTHORS] == "Tessa Marlowe"
    assert "By Tessa" not in loaded.text and "Published March" not in loaded.text
    assert loaded.text.startswith("# How to Become a Line Cook\n\nLine cooks work")
    for heading in ("1. What line cooks do", "2. Training", "3. Pay"):
        assert f"\n\n## {heading}\n\n" in loaded.text
    # numbered items of a list are not headings
    assert "## 1. Get" not in loaded.text and "## 2. Apply" not in loaded.text
    assert "Get a food handler card" in loaded.text
    # with no byline date, the creation date is still the fallback
    undated = [first[:2] + first[3:], second]
    loaded = decode("/x/u.pdf", "pdf", make_pdf_pages(undated, info=info))
    assert loaded.meta[PUBLISHED] == "2026-01-05"


def test_a_pdf_list_item_without_a_full_stop_ends_before_a_heading_or_new_text():
    """A PDF list item seldom ends in a full stop: a line starting a sentence after it is no
    part of the item, and a short heading line after the list is a heading."""
    lines = [
        "Nursing vs Midwifery",
        "Nurses care for patients of every age on wards and in clinics across the whole hospital.",
        "Nurses need:",
        "- Patience with anxious patients",
        "- Stamina for twelve-hour shifts",
        "Midwives need:",
        "- Calm under pressure in the delivery room",
        "- Knowledge of newborn care",
        "Salary",
        "A newly qualified nurse earns about 31,000 pounds a year in a public hospital here.",
    ]
    text = decode(
        "/x/nm.pdf", "pdf", make_pdf_pages([lines, ["Final words on the two roles."]])
    ).text
    assert "- Stamina for twelve-hour shifts\n\nMidwives need:\n- Calm" in text, text
    assert "- Knowledge of newborn care\n\n## Salary\n\nA newly qualified nurse" in text, text


def _ascii(s: str) -> str:
    marks = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-"}
    s = re.sub("\u2063[^\u2063]{0,400}\u2063", "", s)  # a rendered link's address
    return " ".join(s.translate(str.maketrans(marks)).encode("latin-1", "ignore").decode().split())


def test_a_development_article_laid_out_as_a_pdf_keeps_its_list_items_apart_from_its_text():
    """The development handbook (many lists of items without full stops, each followed by
    more text), laid out as PDF lines: no item runs on into the text after its list."""
    import textwrap

    path = (
        REPO_ROOT.parent
        / "shared"
        / "corpus-dev"
        / "gitlab-handbook-engineering-career-development.md"
    )
    if not path.exists():
        pytest.skip("../shared/corpus-dev is missing")
    _, article = _article(path.name, "md", path.read_bytes())
    lines, items = [article.title], []
    for s in article.sections:
        lines.append(_ascii(s.heading.split(" — ")[-1]))
        for p in s.paragraphs:
            for row in p.split("\n"):
                if row.startswith("- "):
                    items.append(_ascii(row[2:]))
                    wrapped = textwrap.wrap(items[-1], 80)
                    lines += ["- " + wrapped[0], *wrapped[1:]]
                else:
                    lines += textwrap.wrap(_ascii(row), 90)
    pages = [lines[i : i + 45] for i in range(0, len(lines), 45)]
    text = decode("/x/handbook.pdf", "pdf", make_pdf_pages(pages)).text
    assert len(items) >= 30
    run_on = [
        ln
        for ln in text.split("\n")
        for item in items
        if ln.startswith("- " + item) and len(ln) > len(item) + 2
    ]
    assert not run_on, run_on


def test_a_pdf_name_and_date_line_without_by_is_the_byline_of_the_author_its_info_names():
    """ "Dr. Mira Osei, RN, MSN - April 7, 2022" under the title, in a PDF whose document info
    names Dr. Mira Osei: a byline (its date the article's), never text; the same line in a PDF
    naming no author, or naming someone else, stays text."""
    first = [
        "Charge Nurse vs Nurse Manager",
        "Dr. Mira Osei, RN, MSN - April 7, 2022",
        "Charge nurses run a ward for one shift at a time and still care for their own patients.",
        "Nurse managers run the unit, its budget and its rota, and see few patients themselves.",
        "Both roles need a registered nurse's licence and several years of bedside experience.",
        "Charge nurses are often chosen from the ward's own senior staff nurses by the manager.",
    ]
    second = ["Charge nurses earn about 78,000 dollars a year in a large teaching hospital."]
    info = {"Title": "Charge Nurse vs Nurse Manager", "Author": "Dr. Mira Osei"}
    info["CreationDate"] = "D:20250101090000Z"
    loaded = decode("/x/cn.pdf", "pdf", make_pdf_pages([first, second], info=info))
    assert loaded.meta[PUBLISHED] == "2022-04-07"
    assert "Mira Osei" not in loaded.text and "April 7" not in loaded.text
    assert loaded.text.startswith("# Charge Nurse vs Nurse Manager\n\nCharge nurses run")
    for other in ({**info, "Author": "Sam Beck"}, {"Title": info["Title"]}):
        kept = decode("/x/cn.pdf", "pdf", make_pdf_pages([first, second], info=other))
        assert "Dr. Mira Osei, RN, MSN - April 7, 2022" in kept.text


def test_the_development_pdf_keeps_its_byline_reading():
    """The development cookbook's cover and text read as before (its author from the cover)."""
    path = REPO_ROOT.parent / "shared" / "corpus-dev" / "data-engineering-cookbook-v0.4-preview.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus-dev is missing")
    loaded = decode(str(path), "pdf", path.read_bytes())
    assert loaded.meta[AUTHORS] == "Andreas Kretz"
    assert loaded.meta[PUBLISHED] == "2019-01-06"


def test_html_author_and_time_marked_by_class_without_a_by_line():
    # A WordPress-style entry meta: the name stands alone in an element whose class says
    # "author", the date in a <time> marked as the published one; a commenter's name (class
    # "comment-author") is not the article's author.
    html = (
        "<html><head><title>Baker vs. Pastry Chef &#8211; OvenJobs</title></head><body>"
        "<article><h1>Baker vs. Pastry Chef</h1>"
        '<div class="entry-meta">By <span class="author vcard"><a href="/a/li">Li Wen Park, CEPC'
        '</a></span> | <time class="entry-date published" datetime="2022-11-05T08:00:00+00:00">'
        "November 5, 2022</time> | <span>5 min read</span></div>"
        "<p>Bakers turn out bread and rolls before dawn, while pastry chefs plate desserts for "
        "evening service in restaurants and hotels.</p>"
        "<p>Both jobs start early and keep you on your feet for most of the shift.</p>"
        '</article><div class="comments"><span class="comment-author">Tom Reyes</span>'
        "<p>Great read!</p></div></body></html>"
    )
    loaded, _article_ = _article("baker.html", "html", html)
    assert loaded.meta[AUTHORS] == "Li Wen Park"
    assert loaded.meta[PUBLISHED] == "2022-11-05"


def test_markdown_property_lines_under_the_title_are_metadata_not_text():
    # A note-app export (Notion): "# Title", then the page's properties, one "Key: value"
    # a line, instead of YAML front matter.
    md = (
        "# Nurse vs. Nursing Assistant\n\n"
        "Author: Grace Obi\nCreated: June 14, 2023 9:05 AM\nTags: nursing, careers\n"
        "Status: Published\n\n"
        "Nurses assess patients and give medication; nursing assistants help patients wash, "
        "eat and move.\n\n"
        "## Pay\n\nNote: pay varies by state.\nSource: the state survey.\n"
    )
    loaded, article = _article("nurse.md", "md", md)
    assert loaded.meta[AUTHORS] == "Grace Obi"
    assert loaded.meta[PUBLISHED] == "2023-06-14"
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "Created:" not in text and "Tags:" not in text and "Grace Obi" not in text
    assert text.lstrip().startswith("Nurses assess patients")
    # "Key: value" lines further down, naming no author or date, stay article text
    assert "Note: pay varies by state." in text


def test_paged_plain_text_drops_its_running_header_and_footer():
    # A report saved as text: pages split by form feeds, each opening with the publisher's
    # running header and closing with a "Page n of m" footer.
    body = [
        "GARDENER OR LANDSCAPE ARCHITECT\n\n1. DUTIES\n\nGardeners plant, prune and water "
        "beds in parks and private gardens through every season.",
        "2. PAY\n\nGardeners earned a median of $36,500 a year in the survey, while landscape "
        "architects earned $79,000.",
        "Experienced landscape architects who run their own practice earn more.\n\n"
        "3. TRAINING\n\nLandscape architects need a degree and a state licence before they "
        "may sign plans.",
    ]
    text = "".join(
        f"Greenway Careers Council | Garden Jobs Report\n\n{page}\n\n"
        f"Report 2021                         Page {i} of 3\n\f\n"
        for i, page in enumerate(body, 1)
    )
    _loaded, article = _article("garden.txt", "txt", text)
    headings = [s.heading for s in article.sections]
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    # the header's first printing may title the text; its repeats head no later section
    assert sum("Greenway" in h for h in headings) <= 1 and not any("Page" in h for h in headings)
    assert not any("Greenway Careers Council" in p or "Page 2 of 3" in p for p in paragraphs)
    assert any("$36,500" in p for p in paragraphs)
    # a section running on past a page break keeps its own heading
    more = next(s for s in article.sections if any("own practice" in p for p in s.paragraphs))
    assert more.heading.endswith("PAY")


def test_a_prepared_by_line_names_the_author_but_not_their_affiliation():
    text = (
        "BAKER OR PASTRY CHEF\n\nPrepared by: Dr. Ruth Okafor, Northern Culinary Institute\n\n"
        "1. DUTIES\n\nBakers bake bread before dawn; pastry chefs make desserts for service.\n"
    )
    loaded, _article_ = _article("bake.txt", "txt", text)
    assert loaded.meta[AUTHORS] == "Dr. Ruth Okafor"
    # two people named stay two authors
    two = "BAKER OR PASTRY CHEF\n\nCompiled by Ruth Okafor and Sam Lee\n\nBakers bake bread.\n"
    assert _article("two.txt", "txt", two)[0].meta[AUTHORS] == "Ruth Okafor, Sam Lee"


def test_a_toggle_title_heads_the_text_it_hides():
    md = (
        "# Nurse vs. Midwife\n\n## Pay\n\nNurses earn a median of $81,000 a year.\n\n"
        "▶ Why I moved to midwifery\n\nI wanted to follow each mother from the first visit to "
        "the birth.\n\n▶ This line is a whole sentence and so no toggle title at all.\n"
    )
    _loaded, article = _article("mid.md", "md", md)
    section = next(s for s in article.sections if s.heading == "Why I moved to midwifery")
    assert section.paragraphs[0].startswith("I wanted to follow each mother")
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert not any(p.startswith("▶ Why") for p in paragraphs)
    assert any("whole sentence" in p for p in paragraphs)


class _WidePage:
    """A page as pypdf reads it, whose layout text is padded far past its plain text."""

    def __init__(self, laid: str) -> None:
        self.laid = laid

    def extract_text(self, extraction_mode: str = "plain") -> str:
        return self.laid


def test_pdf_layout_text_far_past_the_plain_text_is_not_read_for_tables():
    """The layout text is read for a page's tables only within a bound of its plain text (the
    text the extracted-text budget counts); a page padded far past it gives no rows."""
    from ingest.formats.pdf import LAYOUT_FLOOR, LAYOUT_SLACK, _table_rows

    lines = ["Role Median Top", "Welder $48,000 $71,000", "Fitter $51,000 $74,000"]
    table = (
        "Role      Median      Top\nWelder    $48,000     $71,000\nFitter    $51,000     $74,000\n"
    )
    assert _table_rows(_WidePage(table), lines)  # a real table is read
    plain = sum(len(ln) + 1 for ln in lines)
    padded = table + " " * (LAYOUT_SLACK * plain + LAYOUT_FLOOR)
    assert _table_rows(_WidePage(padded), lines) == {}
