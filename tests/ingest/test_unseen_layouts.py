"""Layouts of articles nobody in the dev set wrote: an interview's "Q:"/"A:" lines and
"Interview by" byline, a page dating itself only in its structured data, a PDF salary table
whose cells plain extraction runs together, a reference list whose URLs wrap onto lines of
their own. Made-up articles from fields the dev articles do not cover (hospitality, finance,
veterinary care, trades)."""

from __future__ import annotations

from ingest.clean import clean_text
from ingest.load import decode
from ingest.split import chunk_article
from ingest.structure import parse_article
from knowledge.schema import AUTHORS, PUBLISHED
from knowledge.settings import REPO_ROOT
from tests.conftest import dev_article

from .helpers import pdf_from_ops

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"


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


def _table_pdf() -> bytes:
    """One page: a heading, a sentence, a salary table drawn in columns, a sentence."""
    cells = [
        ["Role", "Starting", "Median", "Top 10 percent"],
        ["Electrician", "$41,000", "$61,590", "$104,180"],
        ["Plumber", "$38,500", "$60,090", "$99,920"],
    ]
    ops = ["BT /F1 12 Tf 72 720 Td (Pay for electricians and plumbers) Tj ET"]
    ops.append("BT /F1 10 Tf 72 700 Td (The table below gives yearly pay in 2024.) Tj ET")
    y = 680
    for row in cells:
        for x, cell in zip((72, 200, 300, 400), row, strict=True):
            ops.append(f"BT /F1 10 Tf {x} {y} Td ({cell}) Tj ET")
        y -= 14
    ops.append(f"BT /F1 10 Tf 72 {y - 10} Td (Electricians earn more at every stage.) Tj ET")
    return pdf_from_ops(ops)


def test_a_pdf_reference_url_wrapped_after_a_hyphen_or_slash_stays_whole():
    """A URL the line breaks after its hyphen (".../pay-" over "guide") or a slash, the next
    entry right under it: each entry keeps its whole URL, the hyphen its own, and the next
    entry is an entry of its own."""
    from .helpers import make_pdf_pages

    body = [
        "Paramedics and emergency medical technicians both answer emergency calls.",
        "References",
        "1. Ambulance Institute. (2024). Paramedic Pay Guide. https://www.example.org/pay-",
        "guide",
        "2. Rescue Board. (2023). EMT Training Survey. https://www.example.org/training/",
        "survey-2023",
        "3. Care Review. (2022). Shift Patterns. https://www.example.org/shifts",
    ]
    loaded = decode("/x/ems.pdf", "pdf", make_pdf_pages([["Paramedic vs EMT"], body]))
    got = sorted((r.title, r.url) for r in _parsed(loaded).references)
    assert got == [
        ("EMT Training Survey", "https://www.example.org/training/survey-2023"),
        ("Paramedic Pay Guide", "https://www.example.org/pay-guide"),
        ("Shift Patterns", "https://www.example.org/shifts"),
    ], got


def test_a_pdf_table_keeps_each_row_with_its_column_names():
    """Plain extraction gives "Electrician $41,000 $61,590 $104,180" run into the paragraph
    around it; the columns the page draws apart make each row a line naming its header cells,
    as HTML and Markdown tables are read, and the header line is no text."""
    loaded = decode("/x/trades.pdf", "pdf", _table_pdf())
    lines = loaded.text.split("\n")
    assert "Electrician — Starting: $41,000; Median: $61,590; Top 10 percent: $104,180." in lines
    assert "Plumber — Starting: $38,500; Median: $60,090; Top 10 percent: $99,920." in lines
    assert "Role Starting Median" not in loaded.text
    assert "The table below gives yearly pay in 2024." in lines
    assert "Electricians earn more at every stage." in lines


def _wrapped_table_pdf() -> bytes:
    """One page: a heading, a sentence, a table drawn with space between its rows whose label
    cells wrap onto a second line (and in its last row every cell), a sentence. Plain
    extraction gives the labels' lines and the figures as lines of their own."""
    cells = [  # (x, y, text)
        (72, 690, "Measure"),
        (230, 690, "Registered nurse"),
        (400, 690, "Nursing assistant"),
        (72, 660, "Median annual"),
        (72, 648, "pay (2024)"),
        (230, 660, "$86,070"),
        (400, 660, "$38,130"),
        (72, 618, "Projected job"),
        (72, 606, "growth 2024-2034"),
        (230, 618, "6%"),
        (400, 618, "4%"),
        (72, 576, "Usual entry"),
        (72, 564, "route"),
        (230, 576, "A nursing degree"),
        (230, 564, "and a licence"),
        (400, 576, "A short college"),
        (400, 564, "course"),
    ]
    ops = [
        "BT /F1 12 Tf 72 740 Td (Registered nurse vs nursing assistant) Tj ET",
        "BT /F1 10 Tf 72 715 Td (Both jobs care for patients on the ward; the table compares "
        "them.) Tj ET",
    ]
    ops += [f"BT /F1 10 Tf {x} {y} Td ({text}) Tj ET" for x, y, text in cells]
    ops.append("BT /F1 10 Tf 72 530 Td (Nurses earn more, and need longer training.) Tj ET")
    return pdf_from_ops(ops)


def test_a_pdf_tables_wrapped_cells_come_back_whole_in_their_rows():
    """A label wrapped over two lines ("Median annual" / "pay (2024)") is one cell again and
    its row names the header's columns; a row of words wrapped in every cell is a row too;
    none of the row's pieces is left in the text. A development PDF without a table still
    reads no table."""
    from ingest.formats.pdf import _pages

    lines = decode("/x/nursing.pdf", "pdf", _wrapped_table_pdf()).text.split("\n")
    assert (
        "Median annual pay (2024) — Registered nurse: $86,070; Nursing assistant: $38,130." in lines
    )
    assert "Projected job growth 2024-2034 — Registered nurse: 6%; Nursing assistant: 4%." in lines
    assert (
        "Usual entry route — Registered nurse: A nursing degree and a licence; "
        "Nursing assistant: A short college course." in lines
    )
    for piece in ("Median annual", "pay (2024)", "$86,070 $38,130", "route", "course"):
        assert piece not in lines, lines
    assert "Nurses earn more, and need longer training." in lines
    cookbook = DEV / "data-engineering-cookbook-v0.4-preview.pdf"
    if cookbook.is_file():
        _text, _info, tables = _pages("cookbook", cookbook.read_bytes(), 2_000_000)
        assert not any(tables)


def test_a_pdf_reference_list_keeps_each_wrapped_url_with_its_entry():
    """ "1. ... Guide." then its URL on a line of its own, then "2. ... Auditors." and the
    next line "Sector. https://..." with the third entry after it: three entries, each with
    its own URL."""
    from .helpers import make_pdf_pages

    body = [
        "Bookkeepers and auditors both check accounts, but auditors sign off on them.",
        "References",
        "1. Ledger Institute. (2024). Bookkeeping Salary Guide.",
        "https://www.example.org/salary-guide",
        "2. Audit Board. (2023). Survey of Auditors in the Public",
        "Sector. https://www.example.org/auditors",
        "3. Tax Review. (2022). Small Firm Accounting. https://www.example.org/small-firms",
    ]
    loaded = decode("/x/audit.pdf", "pdf", make_pdf_pages([["Bookkeeper vs Auditor"], body]))
    refs = _parsed(loaded).references
    got = sorted((r.title, r.url) for r in refs)
    assert got == [
        ("Bookkeeping Salary Guide", "https://www.example.org/salary-guide"),
        ("Small Firm Accounting", "https://www.example.org/small-firms"),
        ("Survey of Auditors in the Public Sector", "https://www.example.org/auditors"),
    ], got
    assert chunk_article(_parsed(loaded), "v", 800)


def test_a_list_of_links_under_a_links_heading_is_the_reference_list():
    """A README ends with "## Useful links", a plain-text page with "See also" over its
    URLs: each list is the article's reference list (entries with their URLs, chunks flagged),
    so a question about the text is never answered with the bare link titles."""
    md = (
        "# Roadmap: staff nurse to nurse practitioner\n\n"
        "A staff nurse works 12-hour shifts on a ward; a nurse practitioner diagnoses and "
        "prescribes after a master's degree.\n\n"
        "## Useful links\n\n"
        "- [Nursing council register](https://www.example.org/register)\n"
        "- [Practitioner programmes](https://www.example.org/programmes)\n"
    )
    txt = (
        "Sous chef vs head chef\n\n"
        "A sous chef runs the line during service while the head chef writes the menu, orders "
        "stock and manages the kitchen budget. Most head chefs spent five or more years as a "
        "sous chef first.\n\n"
        "See also\n"
        "- Chef pay survey: https://www.example.org/chef-pay\n"
        "- Kitchen brigade roles: https://www.example.org/kitchen-roles\n"
    )
    for name, kind, raw, urls in (
        ("/x/nurse.md", "md", md, {"register", "programmes"}),
        ("/x/chef.txt", "txt", txt, {"chef-pay", "kitchen-roles"}),
    ):
        article = _parsed(decode(name, kind, raw.encode()))
        got = {(r.url or "").rsplit("/", 1)[-1] for r in article.references}
        assert got == urls, (name, article.references)
        chunks = chunk_article(article, "v1")
        listed = [c for c in chunks if c.metadata.get("is_reference_list")]
        assert listed and all("https://" in c.text for c in listed), (name, chunks)
        prose = [c for c in chunks if not c.metadata.get("is_reference_list")]
        assert prose and not any("example.org" in c.text for c in prose), (name, prose)


def test_a_key_value_table_keeps_each_label_with_its_own_value():
    """A fact box whose rows are a <th> label and a <td> value (no header row): each row is
    "label: value", the first row too, never the column header the others are read under; a
    line break in a cell is a space and a footnote marker leaves."""
    html = (
        "<html><head><title>Welders | Trade Careers</title></head><body><main><article>"
        "<h1>Welders</h1><p>Welders join metal parts using heat. They work in factories, "
        "shipyards and on construction sites, often in shifts.</p>"
        "<table><caption>Quick facts: Welders</caption><tbody>"
        "<tr><th>Median pay <sup>1</sup></th><td>$51,000 per year<br>$24.52 per hour</td></tr>"
        "<tr><th>Typical education</th><td>High school diploma</td></tr>"
        "<tr><th>Number of jobs</th><td>418,000</td></tr>"
        "</tbody></table>"
        "<h2>How to become one</h2><p>Most welders train through an apprenticeship lasting "
        "three to four years, and many take a certification test from a welding society.</p>"
        "<h2>Job outlook</h2><p>Employment is projected to grow 2 percent over the decade, "
        "with steady demand from infrastructure and shipbuilding projects.</p>"
        "</article></main></body></html>"
    )
    text = decode("/x/welders.html", "html", html.encode()).text
    assert "Median pay: $51,000 per year $24.52 per hour" in text, text
    assert "Typical education: High school diploma" in text, text
    assert "Number of jobs: 418,000" in text, text
    assert "Quick facts: Welders" in text, text
    assert "$51,000 per year $24.52 per hour:" not in text, text


def test_a_footer_extracted_third_from_the_top_of_each_page_is_furniture():
    """A brochure drawn with its page decorations first: each page's text starts with the two
    header lines and then the footer (its date and page number differ by page), ahead of the
    text itself. The footer is furniture like the header, not the article's first line nor a
    line in the middle of a sentence on the next page."""
    from .helpers import make_pdf_pages

    def page(n: int, body: list[str]) -> list[str]:
        return [
            "Riverside College Careers Service",
            "Sector guides | Hospitality",
            f"careers.riverside.example | Student Centre, Level {n} | Page {n}",
            *body,
        ]

    pages = [
        page(
            1,
            [
                "Front of house or kitchen? Careers in hotels",
                "A hotel receptionist checks guests in and out, takes bookings and handles",
                "complaints; most work shifts, including nights and weekends.",
            ],
        ),
        page(
            2,
            [
                "A commis chef prepares vegetables, sauces and garnishes under a chef de partie",
                "and usually starts on around 22,000 a year in a city hotel kitchen.",
            ],
        ),
        page(
            3,
            [
                "Both routes can lead to management: front office manager or head chef after",
                "eight to ten years, often with a hospitality degree or apprenticeship.",
            ],
        ),
    ]
    text = decode("/x/hotel.pdf", "pdf", make_pdf_pages(pages)).text
    assert "careers.riverside.example" not in text, text
    assert "Riverside College Careers Service" not in text, text
    assert "commis chef prepares vegetables" in text and "head chef after eight" in text, text


def _two_column_pdf() -> bytes:
    """One page set in two columns (a brochure): the left column all prose, the right one
    prose and then a pay table whose rows stand beside the left column's prose lines."""
    left = [
        "Hotel kitchens run on a brigade system in which",
        "every cook owns one station for the whole shift.",
        "A commis chef starts on vegetables and sauces,",
        "then moves between stations to learn each one.",
        "Breakfast shifts start at six in the morning and",
        "dinner service often runs well past eleven at night.",
        "Most kitchens close for a split break in the",
        "afternoon, when cooks rest before the evening rush.",
        "Head chefs plan menus, order stock and train the",
        "brigade, and they answer to the food and beverage",
    ]
    right = [
        "Pay rises at each step of the brigade, and large",
        "hotels in the capital pay the most for every role.",
        "Tips are shared between the kitchen and the front",
        "of house in many hotels, on top of base pay.",
    ]
    table = [
        ("Role", "Start", "Senior"),
        ("Commis chef", "£23,500", "£26,000"),
        ("Chef de partie", "£27,000", "£31,500"),
        ("Head chef", "£38,000", "£52,000"),
    ]
    ops = [f"BT /F1 9 Tf 40 {720 - 13 * k} Td ({t}) Tj ET" for k, t in enumerate(left)]
    ops += [f"BT /F1 9 Tf 320 {720 - 13 * k} Td ({t}) Tj ET" for k, t in enumerate(right)]
    for k, row in enumerate(table):
        y = 720 - 13 * (len(right) + 1 + k)
        ops += [
            f"BT /F1 9 Tf {x} {y} Td ({c}) Tj ET" for x, c in zip((320, 430, 500), row, strict=True)
        ]
    return pdf_from_ops(ops, font=b"/Encoding /WinAnsiEncoding")


def test_a_pdf_table_in_one_column_of_a_two_column_page_is_read_apart_from_the_other():
    """Layout extraction lines a two-column page up across both columns, so the left
    column's prose stood beside the table's rows as a cell of them: a row was lost to the
    prose ("... the evening rush. — Role: Commis chef; ...") and the prose line to the
    table. Each column is read on its own: the rows name their header's columns, and the
    prose beside them stays text. A development PDF (one column) still reads no table."""
    from ingest.formats.pdf import _pages

    text = decode("/x/kitchens.pdf", "pdf", _two_column_pdf()).text
    lines = text.split("\n")
    assert "Commis chef — Start: £23,500; Senior: £26,000." in lines, text
    assert "Chef de partie — Start: £27,000; Senior: £31,500." in lines, text
    assert "Head chef — Start: £38,000; Senior: £52,000." in lines, text
    assert "afternoon, when cooks rest before the evening rush." in " ".join(text.split())
    assert "Most kitchens close for a split break in the" in " ".join(text.split())
    cookbook = DEV / "data-engineering-cookbook-v0.4-preview.pdf"
    if cookbook.is_file():
        _text, _info, tables = _pages("cookbook", cookbook.read_bytes(), 2_000_000)
        assert not any(tables)


def test_a_pdf_bullet_drawn_in_a_glyph_with_no_character_is_a_list_item():
    """A bullet drawn in a symbol font's glyph that maps to no character (here DEL, U+007F;
    Word's symbol-font bullet U+F0B7 is another) starts a list item as "•" does: each item is
    a line of its own, not run into the sentence before it with the glyph left in the text.
    The development PDF's text is read as before."""
    from .helpers import make_pdf_pages

    body = [
        "Charge nurses run a ward for a shift.",
        "They spend the day on these tasks:",
        "\x7f allocating patients to the nurses on shift",
        "\x7f checking the drug round and controlled drugs",
        "\x7f handing over to the night team",
        "Most charge nurses have five years on a ward.",
    ]
    text = decode("/x/ward.pdf", "pdf", make_pdf_pages([["Charge nurse"], body])).text
    lines = text.split("\n")
    assert "- allocating patients to the nurses on shift" in lines, text
    assert "- checking the drug round and controlled drugs" in lines, text
    assert "- handing over to the night team" in lines, text
    assert "\x7f" not in text
    cookbook = DEV / "data-engineering-cookbook-v0.4-preview.pdf"
    if cookbook.is_file():
        read = decode(str(cookbook), "pdf", cookbook.read_bytes()).text
        assert "\n- " in read and "\x7f" not in read


def test_a_pdf_paragraph_after_a_list_item_that_fills_its_line_is_its_own():
    """A list's last item that fills its line ends in no full stop and may wrap; the next
    line opening on a capitalised everyday word ("The", "Most") starts a sentence, not the
    item's next words, so the paragraph after the list is not run into the item. A wrapped
    item going on in lower case or with a name ("HMRC guidance") stays one item."""
    from .helpers import make_pdf_pages

    body = [
        "Night porters keep a hotel running while the guests sleep upstairs.",
        "Their shift is built around a handful of regular duties each night:",
        "- locking the side doors and checking the fire exits every two hours",
        "- balancing the bar takings against the till rolls and card machine",
        "Marriott checklists before the end of the shift",
        "- answering the late calls from guests who need towels or a taxi home",
        "The shift ends at seven, when the morning receptionist takes over.",
        "Most porters work four nights on and three nights off in a week.",
    ]
    text = decode("/x/porter.pdf", "pdf", make_pdf_pages([["Night porter"], body])).text
    lines = text.split("\n")
    assert "- answering the late calls from guests who need towels or a taxi home" in lines, text
    assert (
        "- balancing the bar takings against the till rolls and card machine Marriott "
        "checklists before the end of the shift" in lines
    ), text
    assert "The shift ends at seven, when the morning receptionist takes over." in text


def test_a_readme_saying_who_maintains_it_in_a_sentence_names_its_author_and_date():
    """A community guide with no front matter says in a short line under its title who keeps
    it and when ("A volunteer guide ... Maintained by **Tomas Berg** ([@tberg](...)). Last
    updated 3 March 2025."): that sentence is a byline, read past the handle in brackets.
    Prose saying who wrote something else, or a sentence opening "By 2030", names nobody."""
    from ingest.formats.meta import byline

    readme = (
        "# Becoming a tree surgeon vs a forest ranger\n\n"
        "> A volunteer guide to two outdoor careers. Maintained by **Tomas Berg** "
        "([@tberg](https://github.com/tberg)). Last updated 3 March 2025.\n\n"
        "## Overview\n\nTree surgeons climb and fell trees; forest rangers look after whole "
        "woods and the people who visit them.\n"
    )
    loaded = decode("/x/README.md", "md", readme.encode())
    assert loaded.meta[AUTHORS] == "Tomas Berg", loaded.meta
    assert loaded.meta[PUBLISHED] == "2025-03-03", loaded.meta
    assert byline(["The first survey was written by Ana Ruiz in 1998 for the council."]) == ({}, [])
    assert byline(["By 2030, most rangers will need a chainsaw ticket."]) == ({}, [])
    found, _used = byline(["A short guide. Edited by Dr. Lena Ortiz. Updated 4 May 2025."])
    assert found == {AUTHORS: "Dr. Lena Ortiz", PUBLISHED: "2025-05-04"}, found


def _word_processor_export() -> str:
    """A document exported as HTML by a word processor: styles by class, every run a span,
    the title a paragraph of class "title", headings bold paragraphs, a table of <p> cells."""
    css = (
        ".c1{font-weight:400;font-size:11pt}.c6{font-weight:700;font-size:13pt}"
        ".c9{padding-top:12pt}.title{font-size:26pt}"
    )

    def para(text, cls="c1"):
        return f'<p class="c4"><span class="{cls}">{text}</span></p>'

    def head(text):
        return f'<p class="c4 c9"><span class="c6">{text}</span></p>'

    def row(cells, cls):
        tds = "".join(f'<td><p class="c12"><span class="{cls}">{c}</span></p></td>' for c in cells)
        return f"<tr>{tds}</tr>"

    body = [
        '<p class="c4 title"><span class="c15">Sous Chef or Pastry Chef?</span></p>',
        para("Notes for apprentices at the Harbour Street catering school, 2024 intake."),
        head("What a sous chef does"),
        para("A sous chef runs the line during service, orders stock and trains commis chefs."),
        head("What a pastry chef does"),
        para("A pastry chef starts before dawn, laminating dough and tempering chocolate."),
        head("Pay"),
        para("Kitchen pay varies by city; the school's 2024 placement survey found:"),
        "<table><tbody>"
        + row(["Role", "Median yearly pay"], "c6")
        + row(["Sous chef", "$52,400"], "c1")
        + row(["Pastry chef", "$47,900"], "c1")
        + "</tbody></table>",
        para("Head pastry chefs at hotels earn more, but those posts are few."),
    ]
    return (
        f'<html><head><style type="text/css">{css}</style></head>'
        f'<body class="c18 doc-content">{"".join(body)}</body></html>'
    )


def test_a_word_processor_export_keeps_its_title_headings_and_table_header():
    """A word processor's HTML export marks no heading: its title paragraph is the title, its
    short bold paragraphs are the section headings (not glued to the paragraph under them),
    and its table's first row (bold, over rows of figures) is the header each row is read
    under. A page with heading elements of its own (every dev HTML article) is left alone."""
    loaded = decode("/x/kitchen.html", "html", _word_processor_export().encode())
    article = _parsed(loaded)
    assert article.title == "Sous Chef or Pastry Chef?", article.title
    headings = [s.heading for s in article.sections]
    for heading in ("What a sous chef does", "What a pastry chef does", "Pay"):
        assert heading in headings, headings
    body = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "Sous chef — Median yearly pay: $52,400" in body, body
    assert "Pastry chef — Median yearly pay: $47,900" in body, body
    assert "What a sous chef does\n" not in body and "| Role |" not in body, body
    import lxml.html

    from ingest.formats.html import _styled_structure

    for path in sorted(DEV.glob("*.htm*")):
        doc = lxml.html.fromstring(path.read_bytes())
        assert not _styled_structure(doc), path.name


def test_a_docs_page_reads_its_last_update_and_drops_a_component_line():
    """A docs-site MDX page whose front matter names its author by a key into the site's
    authors file and records its last edit ("last_update: {date, author}"): the date is the
    page's date and the editor's full name its author; a self-closing component alone on its
    line (JSX attributes in braces, no HTML tag to the Markdown parser) is code, not a
    paragraph. A dev page whose authors are keys and that gives no last edit keeps its key's
    name."""
    text = (
        "---\ntitle: Line Cook or Prep Cook?\nauthors: [mvillanueva]\n"
        "last_update:\n  date: 2024-05-07\n  author: Marisol Villanueva\n---\n\n"
        "import WageChart from '@site/src/components/WageChart';\n\n"
        "# Line Cook or Prep Cook?\n\n"
        "## Pay\n\n"
        '<WageChart roles={["line cook", "prep cook"]} year={2023} />\n\n'
        "Line cooks earned a median of $36,100 in 2023; prep cooks earned $33,200.\n\n"
        "## The work\n\nPrep cooks chop, portion and label before service; line cooks cook "
        "to order during it.\n"
    )
    loaded = decode("/x/cooks.mdx", "md", text.encode())
    assert loaded.meta[PUBLISHED] == "2024-05-07", loaded.meta
    assert loaded.meta[AUTHORS] == "Marisol Villanueva", loaded.meta
    assert "WageChart" not in loaded.text and "{2023}" not in loaded.text, loaded.text
    assert "Line cooks earned a median of $36,100 in 2023" in loaded.text
    dev = decode(
        "/x/18f.md", "md", dev_article("18f-a-day-in-the-life-of-an-18f-engineer.md").read_bytes()
    )
    assert dev.meta[AUTHORS] == "Edwin Torres"


def test_a_newsletter_post_reads_its_byline_time_and_its_footnotes_as_sources():
    """A newsletter post: the date only in the byline's <time datetime> (a comment's time
    further down is not it), numbered markers linking to footnotes in a box under no heading.
    The footnotes are the references, not the last paragraphs of the final section; no dev
    HTML page has a footnote box outside its references."""
    html = (
        "<html><head><title>From Barista to Roaster | The Bean Letter</title>"
        '<meta name="author" content="Lena Ortiz"></head><body><main><article>'
        "<h1>From Barista to Roaster</h1>"
        '<div class="byline"><a href="/@lena">Lena Ortiz</a> · '
        '<time datetime="2024-10-03T08:00:00Z">Oct 3, 2024</time></div>'
        "<h2>The pay</h2><p>Specialty roasters in our survey earned a median of $48,000 a year, "
        'against $31,000 for baristas.<sup><a href="#fn1" id="r1">1</a></sup> Head roasters '
        "at larger companies earn more, and many also run the cupping sessions.</p>"
        "<h2>My advice</h2><p>Ask your café if you can shadow the roaster on a Saturday; most "
        "roasters I know started exactly that way, by asking.</p>"
        '<div class="footnotes"><p id="fn1"><a href="#r1">1</a> Coffee Trades Guild, '
        '<a href="https://example.org/roaster-pay">2024 Roaster Pay Survey</a>.</p></div>'
        '</article><section class="comments"><p>Great post!</p>'
        '<time datetime="2024-10-05">Oct 5</time></section></main></body></html>'
    )
    loaded = decode("/x/roaster.html", "html", html.encode())
    assert loaded.meta[PUBLISHED] == "2024-10-03", loaded.meta
    article = _parsed(loaded)
    advice = [p for s in article.sections if s.heading == "My advice" for p in s.paragraphs]
    assert advice and not any("Guild" in p for p in advice), advice
    assert any("Roaster Pay Survey" in r.text for r in article.references), article.references
    import lxml.html

    from ingest.formats.html import _footnotes_heading

    for path in sorted(DEV.glob("*.htm*")):
        assert not _footnotes_heading(lxml.html.fromstring(path.read_bytes())), path.name


def test_a_cover_pages_written_by_line_names_the_authors_over_the_files_author():
    """A guide's cover: "Written by" two people (one with a remark in brackets) over the
    publishing body, and an edition dated by month and year only. The cover's names are the
    authors, not the document info's author (the body's account); a month with no day gives
    no date, and the file's creation date is not the guide's. The dev cookbook's cover keeps
    its author and date."""
    from .helpers import make_pdf_pages

    cover = [
        "Careers at Sea",
        "Deckhand or Ship's Cook: which life on board suits you?",
        "Written by Marta Lindqvist (ret.) and Joseph Adeyemi",
        "Maritime Careers Board",
        "Third edition, May 2024",
    ]
    body = [
        "What deckhands do",
        "Deckhands moor the ship, paint the hull and stand watch on the bridge at night.",
        "What ship's cooks do",
        "A ship's cook feeds the crew three meals a day from a galley that never stops rolling.",
    ]
    info = {
        "Title": "Careers at Sea",
        "Author": "Maritime Careers Board",
        "CreationDate": "D:20260105120000Z",
    }
    loaded = decode("/x/sea.pdf", "pdf", make_pdf_pages([cover, body], info=info))
    assert loaded.meta[AUTHORS] == "Marta Lindqvist, Joseph Adeyemi", loaded.meta
    assert PUBLISHED not in loaded.meta, loaded.meta
    dev = decode(
        "/x/cookbook.pdf",
        "pdf",
        dev_article("data-engineering-cookbook-v0.4-preview.pdf").read_bytes(),
    )
    assert dev.meta[AUTHORS] == "Andreas Kretz" and dev.meta[PUBLISHED] == "2019-01-06"


def test_a_prepared_by_paragraph_gives_the_author_and_its_revision_date():
    """An exported document's byline paragraph goes on past its name: "Prepared by <name>,
    <credential>, for <body>. Last revised <date>. <note>." Its first sentence names the author,
    the paragraph dates it. Dev HTML pages keep their authors."""
    html = (
        "<html><head><title>Sommelier or bar manager</title></head><body><article>"
        "<h1>Sommelier or Bar Manager?</h1>"
        "<p>Prepared by Olga Brandt, CSW, for the Lakeside Hospitality Institute. Last revised "
        "June 12, 2023. Draft for the spring cohort, please do not share.</p>"
        "<h2>What sommeliers do</h2><p>A sommelier builds the wine list, trains servers and "
        "recommends bottles to guests at the table during busy evening service.</p>"
        "<h2>What bar managers do</h2><p>A bar manager orders stock, writes the rota and keeps "
        "the bar profitable, often working late into the night on weekends.</p>"
        "</article></body></html>"
    )
    loaded = decode("/x/wine.html", "html", html.encode())
    assert loaded.meta[AUTHORS] == "Olga Brandt", loaded.meta
    assert loaded.meta[PUBLISHED] == "2023-06-12", loaded.meta
    for name, author in (
        ("adron-hall-devops-obliviousness-site-reliability.html", "Adron Hall"),
        ("staffeng-dan-na-staff-engineer-and-team-lead.html", "Will Larson"),
    ):
        dev = decode(f"/x/{name}", "html", dev_article(name).read_bytes())
        assert dev.meta[AUTHORS] == author, (name, dev.meta)


def test_a_hugo_page_reads_its_toml_front_matter_as_metadata_not_text():
    """A Hugo page opens on TOML front matter between "+++" lines (key = "value", a bare
    datetime, a [params] table): its title, author and date are the page's metadata and none
    of it is article text. A "+++" line further down is text as before, and a dev page's YAML
    front matter is still read."""
    text = (
        "+++\n"
        'title = "Welder or Pipefitter? Two Trades Compared"\n'
        "date = 2024-10-02T08:00:00-05:00\n"
        'author = "Dana Kowalski"\n'
        'tags = ["welding", "pipefitting"]\n'
        "[params]\n"
        '  hero = "/img/arc.jpg"\n'
        "+++\n\n"
        "Welders join metal parts with heat; pipefitters lay out and assemble piping systems.\n\n"
        "## Pay\n\n"
        "Welders earned a median of $48,940 in 2023; pipefitters earned $61,550.\n"
    )
    loaded = decode("/x/welder-or-pipefitter.md", "md", text.encode())
    assert loaded.meta[AUTHORS] == "Dana Kowalski", loaded.meta
    assert loaded.meta[PUBLISHED] == "2024-10-02", loaded.meta
    assert loaded.meta.get("title") == "Welder or Pipefitter? Two Trades Compared", loaded.meta
    assert "+++" not in loaded.text and "author =" not in loaded.text, loaded.text
    assert "Welders earned a median of $48,940" in loaded.text
    later = decode("/x/notes.md", "md", b"# Notes\n\nSome text.\n\n+++\n\nMore text.\n")
    assert "More text." in later.text and "Some text." in later.text
    dev = decode(
        "/x/18f.md", "md", dev_article("18f-a-day-in-the-life-of-an-18f-engineer.md").read_bytes()
    )
    assert dev.meta[AUTHORS] == "Edwin Torres"


def test_a_pdf_pages_footnotes_leave_its_text_for_its_references():
    """A guide whose pages end on a running footer, the page number and then the page's
    footnotes (numbered lines, one wrapped onto a second, whose markers the text above sets
    right after a word or a full stop: "in 2023.1 Loan officers"). The footnotes come out of the page, so no sentence runs
    on into them or into the footer, and are the article's references at the end (as a Markdown
    page's footnotes are); their markers leave the text, a decimal figure stays. The dev PDF
    sets no footnotes and gains no references."""
    from .helpers import make_pdf_pages

    pages = [
        [
            "Bank Teller or Loan Officer?",
            "Tellers handle deposits, withdrawals and cash counts at the branch counter every",
            "day, and most branches train new tellers in two or three weeks on the job.",
            "Loan officers meet applicants, check credit reports and recommend whether the",
            "bank should lend. The median teller earned $37,100 in 2023.1 Loan officers earned",
            "a median of $69,990, and many are paid commission on each loan they close.2 Most",
            "banks ask loan officers for a bachelor's degree in finance, and mortgage rates",
            "near 6.1 percent keep the loan officers of most branches busy all year round.",
            "Westbrook Banking Careers | Guide 4",
            "1",
            "1 BLS, Occupational Outlook Handbook, Tellers (2024).",
            "2 Commission-only mortgage officers, a separate group of lenders paid",
            "by the loan, earned $81,200.",
        ],
        [
            "Tellers who learn the lending side often move into a loan officer role after",
            "three to five years at the branch, usually starting with consumer loans.3",
            "Westbrook Banking Careers | Guide 4",
            "2",
            "3 Survey of 40 regional banks by the guide's authors (2024).",
        ],
    ]
    text = decode("/x/teller.pdf", "pdf", make_pdf_pages(pages)).text
    assert "Westbrook Banking Careers" not in text, text
    assert "in 2023. Loan officers earned" in text and "they close. Most banks" in text, text
    assert "6.1 percent" in text and "consumer loans.\n" in text + "\n", text
    notes = text.index("## References")
    assert notes > text.index("consumer loans"), text
    for note in (
        "- BLS, Occupational Outlook Handbook, Tellers (2024).",
        "- Commission-only mortgage officers, a separate group of lenders paid by the loan,"
        " earned $81,200.",
        "- Survey of 40 regional banks",
    ):
        assert note in text[notes:], text
    from ingest.formats.pdf import _footnotes, _pages

    dev = dev_article("data-engineering-cookbook-v0.4-preview.pdf")
    dev_pages = _pages(dev.name, dev.read_bytes(), 10_000_000)[0]
    assert _footnotes(dev_pages) == (dev_pages, [])
