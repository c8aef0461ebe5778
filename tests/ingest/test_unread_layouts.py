"""Layouts of articles nobody here has read, written for the test (a bakery, a garden centre,
a ferry crew): a plain-text byline, lone question headings, a "Sources:" line over a numbered
list, FAQ questions right above their answers, a Markdown bold question with its answer on the
next line, a closing author bio before the reference list, and numbered reference entries a
PDF ran together on one line."""

from __future__ import annotations

from ingest.clean import clean_text
from ingest.load import decode
from ingest.references import split_entries
from ingest.structure import parse_article

BAKERY_TXT = """Baker vs Pastry Chef: Two Early Starts

By Marta Quill
Published March 4, 2024

Bakers and pastry chefs both start before sunrise, but they make different things.

What bakers do

Bakers mix doughs, shape loaves and run the ovens for the morning rush.

Which should you choose?

Choose baking if you like routine and volume; choose pastry if you like detail.

Frequently asked questions

Is pastry school required?
No. Many pastry chefs learn in a bakery, though a diploma helps with hiring.

Do bakers work weekends?
Yes. Saturday mornings are the busiest shift of the week in most bakeries.

Sources:
1. Bread Guild. "Wages in Baking." Annual Survey, 2024. https://bread.example.org/wages
2. Pastry Council. "Careers in Pastry." 2023. https://pastry.example.org/careers
"""


def _sections(kind: str, raw: str, name: str):
    loaded = decode(f"/x/{name}", kind, raw.encode())
    article = parse_article(
        f"/x/{name}",
        clean_text(loaded.text),
        loaded.kind,
        loaded.title_hint,
        structured=loaded.structured,
    )
    return loaded, article


def test_a_plain_text_byline_is_metadata_not_text():
    loaded, article = _sections("txt", BAKERY_TXT, "bakery.txt")
    assert loaded.meta["authors"] == "Marta Quill"
    assert loaded.meta["published"] == "2024-03-04"
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "By Marta Quill" not in text and "Published March" not in text


def test_plain_text_question_headings_and_a_sources_line():
    _loaded, article = _sections("txt", BAKERY_TXT, "bakery.txt")
    heads = [s.heading for s in article.sections]
    assert "Which should you choose?" in heads  # a short question alone between paragraphs
    # FAQ questions right above their answers head them, under the FAQ heading
    assert "Frequently asked questions — Is pastry school required?" in heads
    assert "Frequently asked questions — Do bakers work weekends?" in heads
    # "Sources:" over its numbered entries is the reference list
    assert heads[-1] == "Sources" and article.sections[-1].is_references
    assert [r.url for r in article.references] == [
        "https://bread.example.org/wages",
        "https://pastry.example.org/careers",
    ]


def test_a_wrapped_paragraph_line_ending_in_a_question_heads_nothing():
    text = """Garden Centre Jobs

Most garden centre staff start on the tills, and many wonder what comes next after a
season or two? Some move to the plant nursery, others to buying and display work.
"""
    _loaded, article = _sections("txt", text, "garden.txt")
    assert all(not s.heading.endswith("?") for s in article.sections)


GARDEN_MD = """---
title: "Gardener vs Landscaper"
author: "Ola Brandt"
---

## FAQ

**Do gardeners work in winter?**
Yes. Winter is for pruning, planning and repairs.

**Is landscaping seasonal?**
Mostly. Spring and summer bring most of the projects.

Ola Brandt is a garden designer and writes about outdoor careers.

## References

- Garden Trades Board. (2024). Pay survey. https://garden.example.org/pay
"""


def test_a_bold_question_line_over_its_answer_is_a_heading():
    _loaded, article = _sections("md", GARDEN_MD, "garden.md")
    by_heading = {s.heading: s.paragraphs for s in article.sections}
    assert by_heading["FAQ — Do gardeners work in winter?"] == [
        "Yes. Winter is for pruning, planning and repairs."
    ]
    assert "FAQ — Is landscaping seasonal?" in by_heading


def test_a_closing_bio_before_the_reference_list_is_dropped():
    loaded, article = _sections("md", GARDEN_MD, "garden.md")
    assert "is a garden designer" not in loaded.text
    assert len(article.references) == 1 and article.references[0].title == "Pay survey"


def test_numbered_entries_run_together_on_one_line_are_split():
    blocks = [
        "1. Ferry Board. Crew wages, 2024.",
        "2. Ferry Board. Deck training, 2024.",
        "3. Harbour Council. Night shifts, 2023. 4. Sea Schools. Cadet programmes, 2022.",
    ]
    assert split_entries(blocks) == [
        "Ferry Board. Crew wages, 2024.",
        "Ferry Board. Deck training, 2024.",
        "Harbour Council. Night shifts, 2023.",
        "Sea Schools. Cadet programmes, 2022.",
    ]
    # only at the entry's next number: "Vol. 3." inside entry 1 is its own text
    assert split_entries(
        ["1. Ferry Board. Vol. 3. Crew wages, 2024.\n2. Sea Schools. Cadets, 2022."]
    ) == [
        "Ferry Board. Vol. 3. Crew wages, 2024.",
        "Sea Schools. Cadets, 2022.",
    ]


def test_bracket_numbered_entries_run_together_are_split():
    # a PDF's "[1] ... [2] ..." list laid out as one paragraph
    blocks = [
        "[1] Nursing Board. Licensure guide. 2024. [2] Care Council. Bedside skills. 2023. "
        "[3] Health Workforce Office. Ward staffing. 2022.",
        "[4] Nursing Board. Pay survey. 2024.",
    ]
    assert split_entries(blocks) == [
        "Nursing Board. Licensure guide. 2024.",
        "Care Council. Bedside skills. 2023.",
        "Health Workforce Office. Ward staffing. 2022.",
        "Nursing Board. Pay survey. 2024.",
    ]
    # a bracketed number inside an entry that is not the next one stays its text
    assert split_entries(
        ["[1] Nursing Board. Table [3] of wages. 2024.", "[2] Care Council. 2023."]
    ) == [
        "Nursing Board. Table [3] of wages. 2024.",
        "Care Council. 2023.",
    ]


def test_two_entries_with_one_label_are_both_kept():
    text = """Deckhand vs Ferry Captain

Deckhands tie up the ferry; captains steer it.

References

Ferry Board. (2024). Crew wages.

Ferry Board. (2024). Deck training.
"""
    article = parse_article("/x/ferry.txt", clean_text(text), "txt")
    assert [r.title for r in article.references] == ["Crew wages", "Deck training"]
    assert len({r.ref_id for r in article.references}) == 2


def test_a_reference_chunk_links_the_entries_it_holds_by_their_text():
    from ingest.split import chunk_article

    text = """Deckhand vs Ferry Captain

Deckhands tie up the ferry; captains steer it.

References

1. Ferry Board. Crew wages, 2024.
2. Sea Schools. Cadet programmes, 2022. 3. Harbour Council. Night shifts, 2023.
"""
    article = parse_article("/x/ferry.txt", clean_text(text), "txt")
    assert len(article.references) == 3
    listed = [c for c in chunk_article(article, "v1") if c.metadata.get("is_reference_list")]
    assert listed[0].metadata["ref_ids"].split(",") == [r.ref_id for r in article.references]
