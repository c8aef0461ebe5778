"""HTML pages: the article's main text (trafilatura) turned into normalised text through the
same Markdown parser, and the title, authors and date from the page itself.

Kept: headings, paragraphs, lists, tables (one line per row), the text of links. Dropped:
navigation, sidebars, footers, comments, scripts, images, forms. Questions written as bold
paragraphs (Q&A pages) become sections.
"""

from __future__ import annotations

import json
import re

from knowledge.errors import IngestError
from knowledge.schema import AUTHORS, DESCRIPTION, PUBLISHED, REFERENCES_HEADING, TITLE

from .markdown import render
from .meta import authors_of, byline, iso_date

_TITLE_SEP = re.compile(r"\s[|–—·:»-]{1,2}\s")
_NAME = r"[A-Z][\w'’.-]{0,30}(?:\s[A-Z][\w'’.-]{0,30}){0,3}"
_BYLINE = re.compile(
    rf"^(?i:(?:written|authored|posted|story|words|prepared|compiled)\s{{1,2}})?(?i:by)"
    rf"\s{{1,3}}({_NAME})"
)
MAX_BYLINE_WORDS = 20
# A byline paragraph may go on with a sentence or two ("Prepared by Jane Doe, M.Ed., for the
# district. Last revised March 26, 2024."): its first sentence holds the name, the whole the date
MAX_BYLINE_PARAGRAPH_WORDS = 40
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s{1,3}(?=[A-Z])")


def _meta_content(doc, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for node in doc.xpath(f"//meta[@{attr}=$n]", n=name):
                content = " ".join((node.get("content") or "").split())
                if content:
                    return content
    return ""


def _title(doc, og_title: str) -> str:
    h1s = [" ".join(h.text_content().split()) for h in doc.xpath("//h1")]
    h1s = [h for h in h1s if h and len(h) <= 300]
    page_title = " ".join((doc.findtext(".//title") or "").split())
    site = _meta_content(doc, "og:site_name")
    # The site's name is often the page's only h1; a title "Article | Site" names it last.
    trailing = {p.strip() for t in (og_title, page_title) for p in _TITLE_SEP.split(t)[1:]}
    h1s = [h for h in h1s if h != site and h not in trailing]
    if len(h1s) == 1:
        return h1s[0]
    for h in h1s:  # several h1s: the one the page's title names
        if h and (h in og_title or h in page_title):
            return h
    for candidate in (og_title, page_title):
        parts = [p.strip() for p in _TITLE_SEP.split(candidate) if p.strip()]
        parts = [p for p in parts if p != site]
        if parts:
            return parts[0]
    return ""


def _byline(doc) -> tuple[str, str]:
    """(author, date) from a short "Written by ... published on ..." line, if the page has one."""
    # Elements that hold a byline, never a whole container: the scan stays linear in the page.
    nodes = doc.xpath(
        "//body//*[self::p or self::h2 or self::h3 or self::h4 or self::span or self::small"
        " or self::address or (self::div and not(*))]"
    )
    for node in nodes[:3000]:
        text = " ".join(node.text_content().split())
        if not text or len(text.split()) > MAX_BYLINE_PARAGRAPH_WORDS:
            continue
        first = _SENTENCE_END.split(text, maxsplit=1)[0]
        if len(first.split()) > MAX_BYLINE_WORDS:
            continue
        m = _BYLINE.match(first)
        if m:
            return m.group(1), iso_date(text)
    return "", ""


# Elements a page marks as its author's name (WordPress "author vcard", rel="author",
# schema.org itemprop) and as its publication time; "comment-author" is no class token "author"
_AUTHOR_NODES = (
    "//body//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')"
    " or @rel='author' or @itemprop='author']"
)
_PUBLISHED_TIMES = (
    "//body//time[@datetime][contains(@class, 'publish') or @itemprop='datePublished']"
)


def _marked_byline(doc) -> tuple[str, str]:
    """(author, date) from the elements a page marks as its author and its publication time:
    a name standing alone ("Priya Raman, RDH", read as a "By" line would be), the time's
    datetime attribute."""
    author = ""
    for node in doc.xpath(_AUTHOR_NODES)[:50]:
        text = " ".join(node.text_content().split())
        if not text or len(text.split()) > 8:
            continue
        found, _ = byline([text if _BYLINE.match(text) else "By " + text])
        if found.get(AUTHORS):
            author = found[AUTHORS]
            break
    date = ""
    for node in doc.xpath(_PUBLISHED_TIMES)[:10]:
        date = iso_date(node.get("datetime"))
        if date:
            break
    return author, date or _header_time(doc)


HEADER_WORDS = 20  # a paragraph this long is the article's text: its header ends before it


def _header_time(doc) -> str:
    """The date of the first <time datetime> over the article's first paragraph of text: the
    byline's ("Marcus Liang · <time>Feb 9, 2025</time>"), never a comment's further down."""
    body = doc.find("body")
    if body is None:
        return ""
    for k, node in enumerate(body.iter("time", "p")):
        if k >= 5000:
            break
        if node.tag == "p" and len(node.text_content().split()) >= HEADER_WORDS:
            return ""
        if node.tag == "time":
            date = iso_date(node.get("datetime"))
            if date:
                return date
    return ""


MAX_JSON_LD_CHARS = 200_000  # a structured-data block longer than this is not read


def _json_ld(doc) -> tuple[str, str]:
    """(authors, date) from the page's schema.org structured data (`<script
    type="application/ld+json">`): the object that gives a `datePublished` (an Article,
    BlogPosting, ... also inside an `@graph` or a list), its `author` names (a person's or an
    organisation's)."""
    stack: list = []
    for node in doc.xpath("//script[@type='application/ld+json']")[:20]:
        raw = node.text_content() or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            stack.append(json.loads(raw))
        except ValueError:
            continue
    seen = 0
    while stack and seen < 500:
        item = stack.pop(0)
        seen += 1
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            date = iso_date(item.get("datePublished"))
            if date:
                return authors_of(item.get("author") or ""), date
            stack.extend(v for k, v in item.items() if k == "@graph" or k == "mainEntity")
    return "", ""


# Bibliography markup of common generators (pandoc/CSL, bookdown, MediaWiki, Docusaurus).
_REF_ENTRIES = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' csl-entry ')]"
    " | //ol[contains(concat(' ', normalize-space(@class), ' '), ' references ')]/li"
)


def _reference_entries(doc) -> list[str]:
    """Each bibliography entry as one line, whole even where it wraps or mixes markup."""
    entries = []
    for node in doc.xpath(_REF_ENTRIES)[:2000]:
        text = " ".join(node.text_content().split())
        hrefs = [a.get("href", "") for a in node.xpath(".//a[@href]")]
        urls = [h for h in hrefs if h.startswith("http") and h not in text]
        if text:
            entries.append(" ".join([text, *urls[:1]]))
    return entries


def _with_references(text: str, entries: list[str]) -> str:
    """The text with its reference section's body replaced by the page's own entries."""
    blocks = text.split("\n\n")
    listing = "\n".join("- " + e for e in entries)
    for i in range(len(blocks) - 1, -1, -1):
        head = blocks[i].lstrip("#").strip().rstrip(":")
        if blocks[i].startswith("#") and REFERENCES_HEADING.match(head):
            end = next((j for j in range(i + 1, len(blocks)) if blocks[j].startswith("#")), None)
            end = len(blocks) if end is None else end
            return "\n\n".join([*blocks[: i + 1], listing, *blocks[end:]])
    return "\n\n".join([*blocks, "## References", listing])


_FOOTNOTE_MARK = re.compile(r"\[?\d{1,3}\]?|[*†‡]")


def _cell_text(cell) -> str:
    """A table cell's text, a line break a space and a footnote marker (<sup>1</sup>) left out."""
    import copy

    cell = copy.deepcopy(cell)
    for br in list(cell.iter("br")):
        br.tail = " " + (br.tail or "")
    for sup in list(cell.iter("sup")):
        if _FOOTNOTE_MARK.fullmatch(sup.text_content().strip()):
            sup.drop_tree()  # (its tail stays)
    return " ".join(cell.text_content().split())


def _key_value_lists(doc) -> bool:
    """Turn each key-value table (every row a <th> label then its <td> values: a fact box,
    "Median pay | $51,000", "Typical education | Diploma") into a list of "label: value" items,
    its caption a paragraph over it; True when the page had one. Left a table, its first row
    would come out of the extractor as the column header every other row is read under."""
    import lxml.html

    changed = False
    for table in list(doc.iter("table")):
        rows = table.xpath("./tr | ./tbody/tr | ./thead/tr | ./tfoot/tr")
        cells = [[c for c in row if c.tag in ("th", "td")] for row in rows]
        cells = [r for r in cells if r]
        if (
            len(cells) < 2
            or table.xpath(".//table")
            or not all(
                len(r) >= 2 and r[0].tag == "th" and all(c.tag == "td" for c in r[1:])
                for r in cells
            )
        ):
            continue
        listing = lxml.html.Element("ul")
        for r in cells:
            item = lxml.html.Element("li")
            texts = [_cell_text(c) for c in r]
            item.text = f"{texts[0]}: {'; '.join(t for t in texts[1:] if t)}"
            listing.append(item)
        caption = " ".join(" ".join(c.text_content().split()) for c in table.xpath("./caption"))
        parent = table.getparent()
        if parent is None:
            continue
        at = parent.index(table)
        listing.tail = table.tail
        parent[at : at + 1] = [listing]
        if caption:
            para = lxml.html.Element("p")
            para.text = caption
            parent.insert(at, para)
        changed = True
    return changed


# A stylesheet rule ".c6{...}" (word processors' HTML export names each run's style by class)
_CLASS_RULE = re.compile(r"\.([\w-]{1,40})\s{0,5}\{([^{}]{0,2000})\}")
_BOLD_STYLE = re.compile(r"font-weight\s{0,3}:\s{0,3}(?:bold|[6-9]00)\b", re.I)
MAX_STYLED_HEADING_WORDS = 12


def _bold_classes(doc) -> set[str]:
    """The class names the page's own stylesheets set in bold."""
    names: set[str] = set()
    for style in doc.xpath("//style")[:20]:
        for m in _CLASS_RULE.finditer((style.text_content() or "")[:200_000]):
            if _BOLD_STYLE.search(m.group(2)):
                names.add(m.group(1))
    return names


def _is_bold(node, bold: set[str]) -> bool:
    return node.tag in ("b", "strong") or bool(bold & set((node.get("class") or "").split()))


def _all_bold(node, bold: set[str]) -> bool:
    """Whether every word of the element stands in a bold run (a class the stylesheet sets
    bold, or <b>/<strong>)."""
    if (node.text or "").strip() and not _is_bold(node, bold):
        return False
    for child in node:
        if not (_is_bold(child, bold) or _all_bold(child, bold)):
            if " ".join(child.text_content().split()):
                return False
        if (child.tail or "").strip():
            return False
    return True


def _styled_structure(doc) -> bool:
    """A word processor's export (Google Docs "Download as HTML", ...) marks no heading: its
    title is a paragraph of class "title", its headings are short paragraphs set in bold by a
    stylesheet class, and its tables have no header cells. On a page with no heading element
    in its body, those become <h1>, <h2> and a header row (the first row, when it reads as
    one: all bold, or words over rows with figures); True when anything changed."""
    import lxml.html

    if doc.find("body") is None or doc.xpath(
        "//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
    ):
        return False
    bold = _bold_classes(doc)
    changed = False
    for para in doc.xpath("//body//p")[:5000]:
        text = " ".join(para.text_content().split())
        if not text:
            continue
        if "title" in (para.get("class") or "").split() and not changed:
            para.tag = "h1"
            changed = True
        elif (
            len(text.split()) <= MAX_STYLED_HEADING_WORDS
            and text[-1] not in ".,;"
            and _all_bold(para, bold)
        ):
            para.tag = "h2"
            changed = True
    for table in doc.xpath("//body//table")[:200]:
        rows = table.xpath("./tr | ./tbody/tr")
        if len(rows) < 2 or table.xpath(".//th | .//table"):
            continue
        first = [c for c in rows[0] if c.tag == "td"]
        texts = [" ".join(c.text_content().split()) for c in first]
        if len(first) < 2 or not all(texts):
            continue
        figures_below = any(
            re.search(r"\d", " ".join(c.text_content().split())) for r in rows[1:] for c in r
        )
        if all(_all_bold(c, bold) for c in first) or (
            figures_below and not any(re.search(r"\d", t) for t in texts)
        ):
            head = lxml.html.Element("thead")
            rows[0].getparent().remove(rows[0])
            head.append(rows[0])
            for cell in first:
                cell.tag = "th"
            table.insert(0, head)
            changed = True
    body = doc.find("body")
    if changed and not doc.xpath("//article | //main"):
        # the document is the whole body: the extractor otherwise drops the new headings
        article = lxml.html.Element("article")
        article.extend(list(body))
        article.text, body.text = body.text, None
        body.append(article)
    return changed


def _footnotes_heading(doc) -> bool:
    """Footnotes a page lists under no heading (a "footnotes" box after the last paragraph,
    each note the target of a numbered marker in the text: <a href="#fn1">1</a>) get a
    References heading over them, so they are read as the article's sources rather than as
    its last paragraphs; True when one was added."""
    import lxml.html

    notes = []
    for link in doc.xpath("//body//a[starts-with(@href, '#')]")[:2000]:
        marker = link.text_content().strip()
        if not _FOOTNOTE_MARK.fullmatch(marker):
            continue
        found = doc.xpath("//*[@id=$i]", i=link.get("href")[1:])
        if found and found[0] is not link:
            note = found[0]
            if len(" ".join(note.text_content().split())) > len(marker) + 10:
                notes.append(note)
    if not notes:
        return False
    parents = {id(n.getparent()): n.getparent() for n in notes}
    parent = next(iter(parents.values())) if len(parents) == 1 else None
    if parent is None or parent.tag == "body":
        return False
    first = notes[0]
    for note in notes:  # the first in the page's order
        if note in first.itersiblings(preceding=True):
            first = note
    headings = first.xpath(
        "preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]"
    )
    if headings and REFERENCES_HEADING.match(" ".join(headings[0].text_content().split())):
        return False
    heading = lxml.html.Element("h2")
    heading.text = "References"
    if parent.tag in ("ol", "ul"):
        parent.addprevious(heading)
    else:
        first.addprevious(heading)
    return True


def html_article(name: str, html: str) -> tuple[str, dict]:
    """(normalised text, metadata) of an HTML page; IngestError if no article text is found."""
    import lxml.html
    import trafilatura

    try:
        doc = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        doc = None
    if doc is not None and (
        _styled_structure(doc) | _key_value_lists(doc) | _footnotes_heading(doc)
    ):
        html = lxml.html.tostring(doc, encoding="unicode")
    md = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_links=True,
        include_images=False,
        include_formatting=True,  # without it headings come out as plain lines
        include_tables=True,
        favor_recall=True,
    )
    if not md or not md.strip():
        raise IngestError(f"{name} has no readable article text")
    rendered = render(md)
    meta: dict = {}
    if doc is not None:
        og_title = _meta_content(doc, "og:title", "twitter:title")
        title = _title(doc, og_title)
        author = authors_of(
            _meta_content(doc, "author", "article:author", "citation_author", "dc.creator")
        )
        date = iso_date(
            _meta_content(
                doc,
                "article:published_time",
                "datePublished",
                "citation_publication_date",
                "dc.date",
                "date",
            )
        )
        if not author or not date:
            ld_author, ld_date = _json_ld(doc)
            author = author or ld_author
            date = date or ld_date
        by_author, by_date = _byline(doc)
        author = author if author and not author.startswith("http") else authors_of(by_author)
        date = date or by_date
        if not author or not date:
            marked_author, marked_date = _marked_byline(doc)
            author = author or marked_author
            date = date or marked_date
        description = _meta_content(doc, "description", "og:description")
        for key, value in ((TITLE, title), (AUTHORS, author), (PUBLISHED, date)):
            if value:
                meta[key] = value
        if description:
            meta[DESCRIPTION] = description[:500]
        entries = _reference_entries(doc)
        if entries:
            return _with_references(rendered.text, entries), meta
    return rendered.text, meta
