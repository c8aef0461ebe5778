"""Layouts of articles nobody in the dev set wrote: an interview's "Q:"/"A:" lines and
"Interview by" byline, a page dating itself only in its structured data, a PDF salary table
whose cells plain extraction runs together, a reference list whose URLs wrap onto lines of
their own. Made-up articles from fields the dev articles do not cover (hospitality, finance,
veterinary care, trades)."""

from __future__ import annotations

from ingest.clean import clean_text
from ingest.load import decode
from ingest.structure import parse_article
from knowledge.schema import AUTHORS, PUBLISHED


def _parsed(loaded):
    return parse_article(
        loaded.source, loaded.text, loaded.kind, loaded.title_hint, structured=loaded.structured
    )


def test_an_interview_text_reads_its_byline_and_every_labelled_question_as_a_heading():
    """ "Interview by" is a byline, which leaves the text with the publication line under it
    (the title over them stays the title); a "Q:" line over its "A:" line is the heading of its
    answer however long the question runs, and the labels leave the text."""
    text = (
        "From Barback to Head Bartender: A Conversation with Ines Moreau\n"
        "Interview by Kofi Mensah\n"
        "Published: 9 March 2024\n\n"
        "Ines Moreau runs the bar at a hotel in Lyon. We asked her about the climb.\n\n"
        "Q: What does a barback do?\n"
        "A: A barback restocks ice, glassware and bottles so the bartenders never stop.\n\n"
        "Q: How long did it take you to go from barback to head bartender at the hotel?\n"
        "A: About six years. I spent two years as a barback and four behind the bar.\n\n"
        "Kofi Mensah writes about hospitality work for a trade magazine."
    )
    loaded = decode("/x/bar.txt", "txt", text.encode())
    assert loaded.meta[AUTHORS] == "Kofi Mensah"
    assert loaded.meta[PUBLISHED] == "2024-03-09"
    article = _parsed(loaded)
    assert article.title.startswith("From Barback to Head Bartender")
    got = [(s.heading, s.paragraphs) for s in article.sections]
    assert got[-2:] == [
        ("What does a barback do?", [got[-2][1][0]]),
        (
            "How long did it take you to go from barback to head bartender at the hotel?",
            ["About six years. I spent two years as a barback and four behind the bar."],
        ),
    ], got
    body = "\n".join(p for s in article.sections for p in s.paragraphs)
    for gone in ("Interview by", "Published:", "Q:", "A:", "writes about hospitality"):
        assert gone not in body, gone


def test_a_page_dated_only_in_its_structured_data_gets_that_date_and_author():
    """A career-site page with no date meta tag and no byline: the schema.org Article data
    gives the publication date and the author; a "Last updated: <date>" line is no text."""
    html = (
        "<html><head><title>Farrier vs Vet Tech | Careers</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Careers"}, {"@type": "Article", "headline": "Farrier vs'
        ' Vet Tech", "datePublished": "2023-08-14", "author": {"@type": "Organization", '
        '"name": "Stable Careers Team"}}]}</script></head><body><main><article>'
        "<h1>Farrier vs Vet Tech</h1><p>Last updated: 2 February 2025</p>"
        "<h2>What a farrier does</h2><p>A farrier trims and shoes horses' hooves, travelling "
        "between stables with a portable forge. Most farriers are self-employed.</p>"
        "<h2>What a vet tech does</h2><p>A veterinary technician assists vets in surgery, "
        "takes X-rays and monitors animals under anaesthetic in a clinic.</p>"
        "</article></main></body></html>"
    )
    loaded = decode("/x/farrier.html", "html", html.encode())
    assert loaded.meta[PUBLISHED] == "2023-08-14"
    assert loaded.meta[AUTHORS] == "Stable Careers Team"
    text = clean_text(loaded.text)
    assert "Last updated" not in text and "farrier trims" in text
    # a date line is furniture only when it is one: prose that opens the same way stays
    kept = "Updated rules in 2024 mean farriers now need a licence in some counties."
    assert clean_text(f"{kept}\n\nLast updated: 2 February 2025") == kept
