"""Structure: titles and headings per format; chunks of at most 800 chars ending on a sentence."""

from __future__ import annotations

import re

import pytest

from ingest.clean import clean_text
from ingest.load import decode
from ingest.split import chunk_article
from ingest.structure import is_plain_heading, parse_article
from knowledge.settings import REPO_ROOT
from knowledge.text import split_sentences

PLAIN = """Becoming a Data Scientist

What the Job Involves

Data scientists turn questions into analyses. They explain the results to decision makers.

Skills You Need

Statistics comes first. Programming and communication follow closely.
"""

MARKDOWN = """# Becoming a Data Scientist

Intro paragraph before any section heading explains the scope of this guide.

## What the Job Involves
Data scientists turn questions into analyses. They explain the results to decision makers.

### Skills You Need

Statistics comes first. Programming and **communication** follow closely.
"""

HTML = """<html><head><title>ignored title</title></head><body><article>
<h1>Becoming a Data Scientist</h1>
<p>Data science blends statistics, programming and domain knowledge into one job.</p>
<h2>What the Job Involves</h2>
<p>Data scientists turn questions into analyses. They explain the results to decision makers.</p>
<h3>Skills You Need</h3>
<p>Statistics comes first. Programming and communication follow closely.</p>
</article></body></html>"""

SECTIONS = ["What the Job Involves", "Skills You Need"]


def _sentences(n: int) -> str:
    topics = ["salary", "promotion", "interview", "portfolio", "mentor", "contract", "equity"]
    return " ".join(
        f"Sentence {i} explains how the {topics[i % len(topics)]} question affects "
        f"an engineer's career over the following {i + 2} years of work."
        for i in range(n)
    )


def _parsed(name: str, kind: str, raw: str):
    """Through the real path: load (format parser), clean, structure."""
    loaded = decode(f"/x/{name}", kind, raw.encode())
    return parse_article(
        loaded.source,
        clean_text(loaded.text),
        loaded.kind,
        loaded.title_hint,
        structured=loaded.structured,
    )


def test_plain_text_title_and_headings():
    article = parse_article("/x/plain.txt", clean_text(PLAIN), "txt")
    assert article.title == "Becoming a Data Scientist"
    assert [s.heading for s in article.sections] == SECTIONS
    assert article.sections[1].paragraphs == [
        "Statistics comes first. Programming and communication follow closely."
    ]


def test_plain_heading_rule():
    assert is_plain_heading("Salary Comparison and Where the Gap Comes From")
    assert not is_plain_heading("Statistics comes first.")  # closing punctuation: a sentence
    assert not is_plain_heading("Is this a question?")
    assert not is_plain_heading("https://example.com/a-page")
    assert not is_plain_heading(" ".join(["word"] * 20))  # too long to be a heading
    assert not is_plain_heading("First line\nSecond line")
    # A one-line reference entry ending in its URL is not a heading.
    assert not is_plain_heading("Smith, J. (2024). Interview habits. Career Press. https://x.org/h")
    assert not is_plain_heading("Smith (2024) Interview habits")


def test_a_title_repeated_by_the_first_paragraph_is_kept():
    text = "Pay Bands\n\nPay bands set the range for each level. They are reviewed yearly.\n"
    article = parse_article("/x/pay.txt", clean_text(text), "txt")
    assert article.title == "Pay Bands"
    # ...while a slug line that the real title repeats is dropped.
    slug = "pay bands\n\nPay Bands Explained for New Managers\n\nBands set ranges. They change.\n"
    assert clean_text(slug).startswith("Pay Bands Explained")


def test_reference_entries_on_one_line_are_parsed():
    text = (
        "Interview Notes\n\nPractice with a friend (Smith, 2024).\n\nReferences\n\n"
        "Smith, J. (2024). Interview habits. Career Press. https://example.com/habits\n"
    )
    article = parse_article("/x/notes.txt", clean_text(text), "txt")
    (ref,) = article.references
    assert (ref.label, ref.title, ref.url) == (
        "Smith, 2024",
        "Interview habits",
        "https://example.com/habits",
    )
    (first, entry) = chunk_article(article, "v1")
    assert first.metadata["ref_ids"] == ref.ref_id
    assert entry.metadata["section"] == "References"


def test_markdown_title_and_headings():
    article = _parsed("guide.md", "md", MARKDOWN)
    assert article.title == "Becoming a Data Scientist"
    assert [s.heading for s in article.sections] == ["", *SECTIONS]
    assert article.sections[2].paragraphs == [
        "Statistics comes first. Programming and communication follow closely."
    ]


def test_html_h1_to_h3_headings():
    loaded = decode("/x/guide.html", "html", HTML.encode())
    article = parse_article(loaded.source, clean_text(loaded.text), "html", loaded.title_hint)
    assert article.title == "Becoming a Data Scientist"
    assert [s.heading for s in article.sections] == ["", *SECTIONS]


def test_long_paragraph_chunks_end_on_sentences_and_fit():
    paragraph = _sentences(40)
    assert len(paragraph) > 3 * 800
    text = f"Career Notes\n\nLong Section\n\n{paragraph}\n"
    article = parse_article("/x/long.txt", text, "txt")
    chunks = chunk_article(article, "v1", max_chars=800)
    assert len(chunks) >= 4
    for chunk in chunks:
        assert len(chunk.text) <= 800
        assert re.search(r"[.!?]$", chunk.text), chunk.text[-60:]
        assert re.match(r"Sentence \d+ ", chunk.text), chunk.text[:40]
    # Nothing lost or duplicated: the chunks are the paragraph's sentences, in order.
    rejoined = [s for c in chunks for s in split_sentences(c.text)]
    assert rejoined == split_sentences(paragraph)


def test_chunks_carry_title_and_section_in_metadata_and_embedded_text():
    article = parse_article("/x/plain.txt", clean_text(PLAIN), "txt")
    chunks = chunk_article(article, "v1")
    assert [c.metadata["section"] for c in chunks] == SECTIONS
    for chunk in chunks:
        meta = chunk.metadata
        assert meta["title"] == "Becoming a Data Scientist"
        assert meta["source"] == "/x/plain.txt"
        assert meta["version"] == "v1"
        assert chunk.embed_text.splitlines()[:2] == [meta["title"], meta["section"]]
        assert chunk.embed_text.endswith(chunk.text)
        assert meta["section"] not in chunk.text  # the heading is context, not passage text


def test_text_before_first_heading_uses_the_title_as_section():
    article = _parsed("guide.md", "md", MARKDOWN)
    first = chunk_article(article, "v1")[0]
    assert first.text.startswith("Intro paragraph")
    assert first.metadata["section"] == "Becoming a Data Scientist"


def test_chunk_ids_are_deterministic_and_versioned():
    article = parse_article("/x/plain.txt", clean_text(PLAIN), "txt")
    first = [c.id for c in chunk_article(article, "v1")]
    again = [c.id for c in chunk_article(parse_article("/x/plain.txt", PLAIN, "txt"), "v1")]
    other_version = [c.id for c in chunk_article(article, "v2")]
    assert first == again
    assert len(set(first)) == len(first)
    assert not set(first) & set(other_version)


TRADES = """Plumber vs Welder: Which Trade Pays?

Two trades, two very different days.

What welders do
Welders join metal parts for bridges, ships and pipelines, reading blueprints as they go.

Skills
- Welders: steady hands and good eyesight for long joins
- Plumbers: strength and patience in tight spaces

Which should you choose?
If you like fire and metal, weld; if you like solving leaks, plumb.

A long paragraph that was hard-wrapped by the writer's editor at a fixed width
of about eighty characters keeps going on the next line without a blank line.
"""


def test_a_plain_heading_right_above_its_paragraph_is_a_heading():
    """Plain text often writes a heading directly over its paragraph, list or answer, with no
    blank line; a hard-wrapped paragraph's first line is no heading."""
    from ingest.structure import parse_article

    article = parse_article("t.txt", TRADES, "txt", None, structured=False)
    headings = [s.heading for s in article.sections]
    assert headings[1:] == ["What welders do", "Skills", "Which should you choose?"], headings
    last = article.sections[-1].paragraphs
    assert any(p.startswith("A long paragraph that was hard-wrapped") for p in last), last


BAKERY = """PASTRY CHEF VS BAKER: A KITCHEN GUIDE

Introduction
------------

Pastry chefs and bakers both start work before dawn. This guide compares them.

Pay
===

A head pastry chef earns about 48,000 dollars a year.
Bakers earn less on average.

-----

Questions readers ask:
----------------------

Q: Do bakers need a diploma?
A: No. Most learn on the job.

References
----------

[1] Culinary Labour Survey, 2024.
"""


def test_plain_text_headings_underlined_with_a_rule():
    """A plain-text heading underlined with dashes or equals signs ("Pay" over "===") is a
    heading, and the rule is never text; a rule on its own only separates."""
    article = parse_article("b.txt", BAKERY, "txt", None, structured=False)
    headings = [s.heading for s in article.sections]
    assert headings == [
        "Introduction",
        "Pay",
        "Questions readers ask — Do bakers need a diploma?",
        "References",
    ], headings
    assert article.title == "PASTRY CHEF VS BAKER: A KITCHEN GUIDE"
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert "---" not in text and "===" not in text
    assert article.sections[1].paragraphs == [
        "A head pastry chef earns about 48,000 dollars a year.\nBakers earn less on average."
    ]
    assert [r.text for r in article.references] == ["Culinary Labour Survey, 2024."]


def test_a_development_article_with_its_headings_underlined_keeps_them():
    """A development article's sections, written out as plain text with a rule under each
    heading (the other common plain-text style), come back with the same headings and text."""
    path = REPO_ROOT.parent / "shared" / "corpus-dev" / "datatalksclub-data-team-roles-explained.md"
    if not path.exists():
        pytest.skip("../shared/corpus-dev is missing")
    loaded = decode(str(path), "md", path.read_bytes())
    marked = parse_article(loaded.source, clean_text(loaded.text), "md", loaded.title_hint)
    headings = [s.heading for s in marked.sections if s.heading]
    assert len(headings) >= 8, headings
    blocks = [marked.title, "=" * len(marked.title)]
    for s in marked.sections:
        blocks += [f"{s.heading}\n{'-' * len(s.heading)}", *s.paragraphs] if s.heading else []
    plain = parse_article("/x/roles.txt", "\n\n".join(blocks), "txt", None, structured=False)
    assert plain.title == marked.title
    assert [s.heading for s in plain.sections] == headings
    text = " ".join(p for s in plain.sections for p in s.paragraphs)
    assert "---" not in text and "===" not in text


def test_faq_labels_are_no_part_of_the_question_or_its_answer():
    """ "Q: Do bakers work weekends?" over "A: Yes, ...": the question is the heading and the
    answer its text, without the labels; a line that only opens like a label stays whole."""
    text = (
        "FAQ\n\nQ: Do bakers work weekends?\nA: Yes, most bakeries open on Saturdays.\n\n"
        "Question: Is a diploma needed?\nAnswer: No. Most bakers learn on the job.\n\n"
        "Which oven is best?\nA. Smith prefers deck ovens for bread."
    )
    article = parse_article("f.txt", text, "txt", None, structured=False)
    got = [(s.heading, s.paragraphs) for s in article.sections]
    assert got[:2] == [
        ("Do bakers work weekends?", ["Yes, most bakeries open on Saturdays."]),
        ("Is a diploma needed?", ["No. Most bakers learn on the job."]),
    ], got
    assert got[2][1] == ["A. Smith prefers deck ovens for bread."], got


WRAPPED_LIST = """Dental nursing: what the job needs

Skills you will need

A good dental nurse combines steady hands with a calm manner:

- a careful eye for cross-infection control, because one slip can put
  a patient at risk
- the patience to reassure nervous patients before and during
  treatment
- quick, neat charting while the dentist calls out findings

Most nurses then specialise. Common routes include:

1. Oral health education, with a post-registration certificate in
   the subject.
2. Sedation nursing, after a course in conscious sedation and a
   logged number of cases.
"""


def test_a_hard_wrapped_list_stays_whole_with_the_sentence_that_introduces_it():
    """A plain text wraps a long list item onto an indented line of its own: the item is one
    line again, and the list stays in the paragraph of the sentence (ending in a colon) that
    introduces it, a blank line between them."""
    article = _parsed("dental-nurse.txt", "txt", WRAPPED_LIST)
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    skills = next(p for p in paragraphs if p.startswith("A good dental nurse"))
    assert skills.split("\n")[1:] == [
        "- a careful eye for cross-infection control, because one slip can put a patient at risk",
        "- the patience to reassure nervous patients before and during treatment",
        "- quick, neat charting while the dentist calls out findings",
    ]
    routes = next(p for p in paragraphs if p.startswith("Most nurses"))
    assert routes.split("\n")[1:] == [
        "1. Oral health education, with a post-registration certificate in the subject.",
        "2. Sedation nursing, after a course in conscious sedation and a logged number of cases.",
    ]


def test_a_development_article_hard_wrapped_keeps_its_lists_whole():
    """A development article's lists, written out as a hard-wrapped plain text (the list
    after a blank line under its lead-in, items wrapped at 60 columns with a hanging indent),
    come back as the same items in the paragraph of their lead-in."""
    import textwrap

    path = REPO_ROOT.parent / "shared" / "corpus-dev" / "datatalksclub-data-team-roles-explained.md"
    if not path.exists():
        pytest.skip("../shared/corpus-dev is missing")
    loaded = decode(str(path), "md", path.read_bytes())
    marked = parse_article(loaded.source, clean_text(loaded.text), "md", loaded.title_hint)
    lists = [
        p.split("\n")
        for s in marked.sections
        for p in s.paragraphs
        if p.split("\n")[0].endswith(":") and p.count("\n- ") >= 3
    ]
    assert lists
    blocks = [marked.title]
    for s in marked.sections:
        blocks += [s.heading] if s.heading else []
        for p in s.paragraphs:
            lines = p.split("\n")
            if lines in lists:
                blocks.append(textwrap.fill(lines[0], 60))
                blocks.append(
                    "\n".join(textwrap.fill(item, 60, subsequent_indent="  ") for item in lines[1:])
                )
            else:
                blocks.append(textwrap.fill(p.replace("\n", " "), 60))
    plain = _parsed("roles.txt", "txt", "\n\n".join(blocks))
    paragraphs = [p for s in plain.sections for p in s.paragraphs]
    for lines in lists:
        lead = textwrap.fill(lines[0], 60)
        back = next(p for p in paragraphs if p.startswith(lead))
        assert back.split("\n")[lead.count("\n") + 1 :] == lines[1:]
