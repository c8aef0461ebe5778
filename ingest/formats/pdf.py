"""PDF text, page by page (pypdf), within the extracted-text budget.

Kept: body paragraphs (lines re-joined, hyphenation undone), numbered section headings, the
reference list, footnotes (moved from the foot of their page to the references at the end,
their markers taken out of the text). Dropped: the cover page (read as title, author and date
instead), table-of-contents and list-of-figures lines (dot leaders), running headers and
footers, page numbers, figure captions. Text is Unicode-normalised (NFKC), so ligatures such
as "ﬁ" become "fi".
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter

from knowledge.errors import IngestError
from knowledge.schema import AUTHORS, DESCRIPTION, PUBLISHED, REFERENCES_HEADING, TITLE

from .markdown import table_text
from .meta import authors_of, byline, ends_month_year, iso_date

_LEADER = re.compile(r"(?:\.\s?){4,}\s{0,4}\d{0,5}\s{0,2}$|(?:\.\s?){4,}")
_TOC_ENTRY = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,4}\s{1,3}\S.{0,150}\s\d{1,4}$")
_PAGE_NUMBER = re.compile(r"^(?:page\s{1,3})?\d{1,4}(?:\s{0,3}(?:/|of)\s{0,3}\d{1,4})?$", re.I)
_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s{1,3}([A-Z][^.!?]{1,90}\??)$")
_NUMBERED = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,4}\s")
_NUMBERED_ITEM = re.compile(r"^\d{1,3}[.)]\s")
_CAPTION = re.compile(r"^(?:figure|fig\.|table|listing)\s{1,3}\d{1,3}[:.]", re.I)
_INLINE_BULLET = re.compile(r"\s[–•▪]\s?")
# A bullet: a dash or bullet character, or a glyph the PDF's font maps to no character (a
# control character, a private-use code point such as a symbol font's U+F0B7, or U+FFFD)
# followed by a space: a symbol font's bullet extracted as nothing a reader could type.
_BULLET = re.compile(
    r"^(?:[•–—▪◦·*-]\s{0,3}|[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]\s{1,3})"
)
_NAME_LINE = re.compile(r"^(?:by\s{1,3})?([A-Z][\w'’.-]{1,30}(?:\s{1,3}[A-Z][\w'’.-]{1,30}){1,3})$")
_FILENAME_TITLE = re.compile(r"\.(?:docx?|pdf|tex|indd|pptx?)$|^microsoft\s|^untitled$", re.I)


def budget_error(name: str, limit: int) -> IngestError:
    return IngestError(
        f"{name} holds more than {limit:,} characters of text, over the extracted-text budget "
        "(raise ASSISTANT_MAX_TEXT_CHARS to allow it, or split the file)"
    )


def _pages(
    name: str, data: bytes, max_chars: int
) -> tuple[list[list[str]], dict, list[dict[str, str]]]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        info = reader.metadata or {}
        pages: list[list[str]] = []
        tables: list[dict[str, str]] = []
        total = 0
        for page in reader.pages:
            text = unicodedata.normalize("NFKC", page.extract_text() or "")
            total += len(text)
            if total > max_chars:  # stop before a compression bomb expands any further
                raise budget_error(name, max_chars)
            lines = [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]
            pages.append(lines)
            tables.append(_table_rows(page, lines))
    except IngestError:
        raise
    except Exception as exc:  # corrupt files raise almost anything from deep inside pypdf
        raise IngestError(f"{name} is not a readable PDF: {exc}") from None
    meta = {}
    try:
        meta = {k: str(info.get(k) or "") for k in ("/Title", "/Author", "/CreationDate")}
    except Exception:  # a broken info dictionary is not worth refusing the file for
        meta = {}
    return pages, meta, tables


_BARE_URL = re.compile(r"(?:https?://|www\.)\S{1,500}")
_URL_END = re.compile(r"(?:https?://|www\.)\S{1,500}$")
_FIGURE = re.compile(r"[$€£¥]?\d[\d,.]{0,15}%?")
_CELL_GAP = re.compile(r"\s{3,}")  # columns of a table drawn apart on one line
MAX_CELL_WORDS = 8  # a table cell is a label or a figure, not a sentence
# The layout text of a page is read for its tables only when it is at most this many times
# the page's plain text (plus a floor for a short page drawn wide): its padding is spaces
LAYOUT_SLACK = 20
LAYOUT_FLOOR = 20_000


def _table_rows(page, lines: list[str]) -> dict[str, str]:
    """A page's table rows, each extracted line that is one mapped to its text as a table
    row ("Accountant — Median: $79,880; Top 10 percent: $137,000."), its header line to "".

    Plain extraction runs a row's cells together ("Accountant $58,000 $79,880"); the layout
    extraction keeps the space between columns, read only on a page with a line of several
    figures. A table is two or more lines in a row split into the same number (at least
    three) of short cells, some of them figures; a line above them with no figure and as many
    cells (or one fewer: a blank corner) is its header. A cell wrapped over two lines (a long
    label: "Median annual wage" over "(2023)") is whole again: the line under a row, its
    cells under the row's columns, continues the row (see `_wrapped_rows`); the plain lines
    such a row comes out as, in pieces, map to the row's text (its first piece) and to ""."""
    if not any(len(_FIGURE.findall(ln)) >= 2 for ln in lines):
        return {}
    try:
        laid = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode fails on some fonts; the plain text is still read
        return {}
    if len(laid) > LAYOUT_SLACK * sum(len(ln) + 1 for ln in lines) + LAYOUT_FLOOR:
        # the layout text pads the page's own text with the spaces between its columns; far
        # more than that is no page of tables (and is not read: the plain text is what the
        # extracted-text budget counted)
        return {}
    # (normalised as the plain text is: a ligature, "ﬁnance", is "finance" in both)
    rows = _wrapped_rows(_by_column(unicodedata.normalize("NFKC", laid)))
    found: dict[str, str] = {}
    tables: list[tuple[list[str], str]] = []  # (words, text) of each header and row, in order
    k = 0
    while k < len(rows):
        n = len(rows[k][0])
        end = k
        while end < len(rows) and len(rows[end][0]) == n and _row_cells(rows[end][0]):
            end += 1
        run, header = rows[k:end], None
        if run and not _figures(run[0][0]):
            header, run = run[0], run[1:]  # a first row of labels: the header
        elif k and _row_cells(rows[k - 1][0]) and len(rows[k - 1][0]) in (n, n - 1):
            if not _figures(rows[k - 1][0]):
                header = rows[k - 1]  # the line above, its corner cell blank
        figures = sum(_figures(r[0]) for r in run)
        # rows of words among rows of figures ("Most common entry degree — ...") belong to
        # the table under a header that names their columns
        whole = figures == len(run) and len(run) >= (1 if header else 2)
        if not 3 <= n <= MAX_COLUMNS or not (whole or (header and figures >= 2)):
            k = max(end, k + 1)
            continue
        names = ([""] * (n - len(header[0])) + header[0]) if header else [""] * n
        if header:
            found[" ".join(" ".join(header[0]).split())] = ""
            tables.append((header[1], ""))
        for row in run:
            text = table_text([names, row[0]])
            found[" ".join(" ".join(row[0]).split())] = text
            tables.append((row[1], text))
        k = end
    return {**_pieces(lines, tables), **found}


def _pieces(lines: list[str], tables: list[tuple[list[str], str]]) -> dict[str, str]:
    """The plain lines that give a table row in pieces (a wrapped label's lines, and its
    figures on the line of its second), in the page's order: the first piece of a row maps to
    the row's text, the others to "". A line is a piece when its words are among the words of
    the row being read (or of the next one); a line of neither is no part of the table."""
    found: dict[str, str] = {}
    at, left, first = 0, Counter(), True
    for line in lines:
        if at >= len(tables):
            break
        if not left:
            left, first = Counter(tables[at][0]), True
        said = Counter(line.split())
        if not said <= left and at + 1 < len(tables) and said <= Counter(tables[at + 1][0]):
            at, left, first = at + 1, Counter(tables[at + 1][0]), True  # the row went on
        if not said <= left:
            continue
        found.setdefault(line, tables[at][1] if first else "")
        left, first = left - said, False
        if not left:
            at += 1
    return found


# A cell of a layout line: words with at most two spaces between them (a wider gap is a
# column's edge). Bounded, linear.
_CELL = re.compile(r"\S{1,300}(?: {1,2}\S{1,300}){0,80}")
COLUMN_SLACK = 2  # characters a wrapped cell's line may start off its column
MAX_COLUMNS = 16  # a table wider than this is no table a page prints (and stays linear)


def _wrapped_rows(laid: str) -> list[tuple[list[str], list[str]]]:
    """The layout text's lines as (cells, words) rows, a row's wrapped lines joined to it: a
    line right under a row of three or more cells (no blank line between), each of its cells
    starting under one of the row's columns whose cell is no figure, continues those cells.
    A line with as many cells as the row continues it only in a table drawn with space between
    its rows (the row stood a blank line apart from a row as wide above it): in a table drawn
    without, it is the next row. No joined cell grows past a table cell's words."""
    rows: list[tuple[list[str], list[str]]] = []
    columns: list[int] = []  # where the last row's cells start
    spaced = blank = False  # the last row stood apart from one as wide; a blank line since
    for line in laid.split("\n"):
        found = [(m.start(), m.group()) for m in _CELL.finditer(line)]
        if not found:
            blank = True
            continue
        slots: list[int] = []
        if rows and not blank and len(found) <= len(columns) and 3 <= len(columns) <= MAX_COLUMNS:
            if len(found) < len(columns) or spaced:
                for start, _cell in found:
                    slot = min(range(len(columns)), key=lambda c: abs(columns[c] - start))
                    if (
                        abs(columns[slot] - start) > COLUMN_SLACK
                        or slot in slots
                        or _FIGURE.fullmatch(rows[-1][0][slot])
                    ):
                        slots = []
                        break
                    slots.append(slot)
        if slots:
            cells = list(rows[-1][0])
            for slot, (_start, cell) in zip(slots, found, strict=True):
                glue = "" if cells[slot].endswith("-") else " "
                cells[slot] = f"{cells[slot]}{glue}{cell}"
            if _row_cells(cells):
                rows[-1] = (cells, rows[-1][1] + " ".join(c for _s, c in found).split())
                continue
        wide = len(found) >= 3 and bool(rows) and len(rows[-1][0]) == len(found)
        spaced, blank = blank and wide, False
        rows.append(([c for _s, c in found], " ".join(c for _s, c in found).split()))
        columns = [start for start, _c in found]
    return rows


GUTTER = 3  # blank characters at least between a page's two columns of text
GUTTER_CROSSING = 0.1  # share of lines that may cross it (a title or a rule over both columns)
MAX_GUTTERS = 4  # candidate gutters weighed on a page
PROSE_WORDS = 5  # a column's piece of a line with this many words is prose, not a table cell


def _by_column(laid: str) -> str:
    """The layout text of a page set in two columns, read one column after the other.

    Layout extraction lays a two-column page out line by line across both columns, so a
    table in one column shares its lines with the other column's prose (a sentence's last
    words beside "Role  Start  Senior"): read so, the prose is a cell of the table and a
    row is lost to it. A gutter is a band of blank characters that (nearly) no line crosses, with
    prose on both sides of it in most lines; a table's own gaps are crossed by the prose
    above and below it, and the cells beside them are short. A page without one is read
    as it is."""
    lines = laid.split("\n")
    width = max((len(ln) for ln in lines), default=0)
    filled = [0] * width
    texts = [ln for ln in lines if ln.strip()]
    for ln in texts:
        for x, ch in enumerate(ln):
            if ch != " ":
                filled[x] += 1
    allowed = GUTTER_CROSSING * len(texts)
    bands: list[tuple[int, int]] = []  # runs of (nearly) blank columns inside the text
    start = None
    for x in range(width + 1):
        if x < width and filled[x] <= allowed:
            start = x if start is None else start
            continue
        if start is not None and x - start >= GUTTER and 0 < start and x < width:
            bands.append((start, x))
        start = None
    best = None
    # (the widest few only: each is weighed over every line, and a gutter is wide)
    for a, b in sorted(bands, key=lambda band: band[0] - band[1])[:MAX_GUTTERS]:
        prose = sum(
            len(ln[:a].split()) >= PROSE_WORDS and len(ln[b:].split()) >= PROSE_WORDS
            for ln in texts
        )
        if prose * 2 >= len(texts) and (best is None or prose > best[2]):
            best = (a, b, prose)
    if best is None:
        return laid
    # the gutter's emptiest place (its rightmost, so no left line is cut short)
    cut = min(range(best[0], best[1]), key=lambda p: (filled[p], -p))
    left = [ln[:cut].rstrip() for ln in lines]
    right = [ln[cut:].rstrip() if len(ln) > cut else "" for ln in lines]
    return "\n".join(left) + "\n\n" + "\n".join(right)


def _figures(cells: list[str]) -> bool:
    """A row whose cells after the first give figures ("$58,000", "4%")."""
    return any(_FIGURE.match(c) for c in cells[1:])


def _row_cells(cells: list[str]) -> bool:
    return all(len(c.split()) <= MAX_CELL_WORDS for c in cells)


# A footnote at the foot of a page: its number, a space, then text opening as a sentence or a
# citation does ("1 BLS, Occupational Outlook Handbook, Tellers (2024).", "12 See the 2023 survey.")
_NOTE_START = re.compile(r"^(\d{1,2})\s{1,3}(?=[A-Z\"“‘(\[])")
MAX_NOTE_LINES = 16  # lines at a page's foot read as its footnotes, at most
MAX_NOTE_WRAP = 2  # lines a footnote wraps onto below its numbered first line


def _marker(number: str) -> re.Pattern:
    """A footnote marker in the text: the number set right after a word or a sentence's end
    ("they close.2 Most banks", "in 2023.1 Loan officers", "branches5,"), not a figure ("2.1
    percent")."""
    n = re.escape(number)
    return re.compile(
        rf"(?<=[a-z]){n}(?=[\s.,;:]|$)"  # after a word: "branches5", "branches5,"
        rf"|(?<=[.,;:)\]”’\"%]){n}(?=\s{{1,3}}[A-Z]|$)"  # after a sentence's end, before the next
    )


def _footnotes(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Each page without the footnotes at its foot, and the footnotes in order. A footnote is a
    line at the foot of a page opening on a number that the page's text above sets as a
    marker (see `_marker`), with the lines it wraps onto; page numbers and a running footer
    among them stay. The markers of the footnotes found come out of the page's text, so
    "in 2023.1 Loan officers" reads "in 2023. Loan officers"."""
    out: list[list[str]] = []
    notes: list[tuple[int, int, str]] = []  # (page, number, text)
    for page_no, lines in enumerate(pages):
        found: list[tuple[int, list[int]]] = []  # (number, the footnote's line indexes)
        wrap: list[int] = []  # lines read since the last footnote's first line (bottom up)
        k = len(lines) - 1
        while k >= 0 and len(lines) - k <= MAX_NOTE_LINES:
            line = lines[k]
            m = _NOTE_START.match(line)
            marker = _marker(m.group(1)) if m else None
            if marker is not None and any(marker.search(above) for above in lines[:k]):
                found.append((int(m.group(1)), [k, *reversed(wrap)]))
                wrap = []
            elif not _PAGE_NUMBER.match(line):
                if len(wrap) >= MAX_NOTE_WRAP:
                    break
                wrap.append(k)  # a footnote's wrapped line, or the text above the footnotes
            k -= 1
        if not found:
            out.append(lines)
            continue
        taken = {i for _number, at in found for i in at}
        top = min(taken)
        kept = lines[:top]
        for number, _at in found:
            kept = [_marker(str(number)).sub("", ln) for ln in kept]
        out.append(kept + [ln for i, ln in enumerate(lines[top:], top) if i not in taken])
        notes += [(page_no, number, _join([lines[i] for i in at])) for number, at in found]
    return out, [text for _page, _number, text in sorted(notes)]


RUNNING_LINES = 3  # lines at each end of a page where a running header or footer is looked for


def running_lines(pages: list[list[str]]) -> set[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers (in a
    two-page PDF, a line at an end of both pages)."""
    texts = [p for p in pages if p]
    if len(texts) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in texts:
        # (three: a page drawn with its decorations first extracts two header lines and the
        # footer ahead of the text)
        ends = set(lines[:RUNNING_LINES] + lines[-RUNNING_LINES:])
        counts.update(re.sub(r"\d+", "#", ln) for ln in ends)
    need = 2 if len(texts) == 2 else max(3, len(texts) // 3)
    return {ln for ln, c in counts.items() if c >= need}


def _cover(lines: list[str]) -> dict:
    """Title, author, date and subtitle from a short first page. A "Written by ..." line there
    names the authors (COVER_BYLINE marks it: it wins over the document info's author, often
    the publishing organisation's account); a month-and-year edition line ("Second edition,
    April 2025") dates it to no day (COVER_MONTH: the creation date is not the article's)."""
    meta: dict = {}
    if not lines:
        return meta
    meta[TITLE] = lines[0]
    found, used = byline(lines[1:8])
    if found.get(AUTHORS):
        meta[AUTHORS] = found[AUTHORS]
        meta[COVER_BYLINE] = True
    for k, line in enumerate(lines[1:8]):
        if k in used and found.get(AUTHORS):
            continue
        date = iso_date(line)
        if date and PUBLISHED not in meta and len(line.split()) <= 6:
            meta[PUBLISHED] = date
            continue
        if not date and ends_month_year(line) and len(line.split()) <= 6:
            meta[COVER_MONTH] = True
            continue
        m = _NAME_LINE.match(line)
        if m and AUTHORS not in meta:
            meta[AUTHORS] = authors_of(m.group(1))
        elif DESCRIPTION not in meta and len(line.split()) >= 3:
            meta[DESCRIPTION] = line
    return meta


COVER_BYLINE = "_cover_byline"  # keys `_cover` sets for `pdf_article` alone, never stored
COVER_MONTH = "_cover_month"


def pdf_article(name: str, data: bytes, max_chars: int) -> tuple[str, dict]:
    """(normalised text, metadata) of a PDF."""
    pages, info, tables = _pages(name, data, max_chars)
    if not any(pages):
        raise IngestError(f"{name} has no text layer (a scanned PDF?); run OCR on it first")
    pages, notes = _footnotes(pages)
    meta: dict = {}
    first = next(i for i, p in enumerate(pages) if p)
    cover = [ln for ln in pages[first] if not _PAGE_NUMBER.match(ln)]
    more = any(pages[first + 1 :])
    if more and len(cover) <= 12 and sum(len(ln.split()) for ln in cover) <= 60:
        meta = _cover(cover)
        pages[first] = []
    title = " ".join(info.get("/Title", "").split())
    if title and not _FILENAME_TITLE.search(title):
        meta[TITLE] = title
    author = authors_of(info.get("/Author", ""))
    if author and not meta.pop(COVER_BYLINE, False):
        meta[AUTHORS] = author
    cover_month = meta.pop(COVER_MONTH, False)
    blocks: list[str] = []
    furniture = running_lines(pages)
    top = next(
        (
            k
            for k, ln in enumerate(pages[first][:3])
            if re.sub(r"\d+", "#", ln) not in furniture and not _PAGE_NUMBER.match(ln)
        ),
        None,
    )
    if TITLE in meta and top is not None and _same_words(pages[first][top], meta[TITLE]):
        del pages[first][top]  # the title printed over the text: not its first line
        blocks.append("# " + meta[TITLE])
    elif TITLE not in meta and pages[first]:
        line = pages[first][0]
        if (
            len(line.split()) <= 14
            and not line.endswith((".", ",", ";", ":"))
            and not _PAGE_NUMBER.match(line)
        ):
            meta[TITLE] = line  # a first line that reads as a title
            pages[first] = pages[first][1:]
            blocks.append("# " + line)
    # A byline line is metadata, never text, even when the document info names the author:
    # its date is the article's own, which wins over the file's creation date (the day a
    # generator wrote the PDF, often long after the article was published).
    found, used = byline(pages[first], meta.get(AUTHORS, ""))
    meta = {**found, **meta}
    # a byline dated by month and year only ("April 2024") has no day to store, and the
    # creation date is not the article's: no date
    month_only = cover_month or any(ends_month_year(pages[first][i]) for i in used)
    pages[first] = [ln for i, ln in enumerate(pages[first]) if i not in used]
    if PUBLISHED not in meta and not month_only:
        m = re.match(r"D:((?:19|20)\d\d)(\d\d)(\d\d)", info.get("/CreationDate", ""))
        if m:
            meta[PUBLISHED] = iso_date("-".join(m.groups()))
    para: list[str] = []
    widths = sorted(len(ln) for p in pages for ln in p)
    full = widths[int(len(widths) * 0.9)] if widths else 80

    table: set[str] = set()  # lines that are table rows, one per line of their block

    def close() -> None:
        if para:
            blocks.append("\n".join(para) if para[-1] in table else _join(para))
            para.clear()

    ended = True  # the line before ends a sentence (or nothing came before)
    item = False  # the line before is (the end of) a list item
    # A document that numbers its headings marks every heading so: its other short lines are
    # emphasis or questions inside a section, not headings of their own.
    numbered = any(
        _numbered_heading(p[k - 1] if k else "", ln, p[k + 1] if k + 1 < len(p) else "")
        for p in pages
        for k, ln in enumerate(p)
    )
    for page_no, lines in enumerate(pages):
        toc_page = sum(bool(_LEADER.search(ln)) for ln in lines) >= max(3, len(lines) // 4)
        kept = []
        for k, line in enumerate(lines):
            if _PAGE_NUMBER.match(line) or re.sub(r"\d+", "#", line) in furniture:
                continue
            if _LEADER.search(line) or (toc_page and _TOC_ENTRY.match(line)):
                continue
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            if toc_page and _NUMBERED.match(line) and _LEADER.search(nxt):
                continue  # a contents entry wrapped onto the next line
            if toc_page and line.lower() in ("contents", "table of contents", "list of figures"):
                continue
            if _CAPTION.match(line):
                continue
            kept.append(line)
        rows = tables[page_no] if page_no < len(tables) else {}
        for k, line in enumerate(kept):
            if line in rows:  # a table row: a block line of its own, the header dropped
                if para and para[-1] not in table:
                    close()
                if rows[line]:
                    table.add(rows[line])
                    para.append(rows[line])
                ended = True
                continue
            if para and para[-1] in table:
                close()
            nxt = kept[k + 1] if k + 1 < len(kept) else _first_line(pages, page_no + 1)
            before = kept[k - 1] if k else ""
            if (
                _numbered_heading(before, line, nxt)
                or REFERENCES_HEADING.match(line)
                or ((ended or item) and not numbered and _plain_heading(line, nxt, full))
            ):
                close()
                blocks.append("## " + line)
                ended = True
                continue
            bullet = bool(_BULLET.match(line))
            if (
                item
                and not bullet
                and line[:1].isupper()
                and (ended or line.endswith(":") or _opens_sentence(line))
            ):
                # a line after a finished list item starts text of its own; so does one
                # opening on a capitalised everyday word ("The busy season ...") after an
                # item that filled its line: no item runs on with "The" mid-sentence
                close()
            ended = line.endswith((".", "!", "?"))
            if bullet and para and not para[-1].endswith(":"):
                if not any(_BULLET.match(p) for p in para):
                    close()
            item = bullet or (item and not ended)
            if item and len(line) < 0.75 * full:
                # a list item seldom ends in a full stop: one that stops short of the line's
                # width is finished, as a sentence is ("- Clinical reasoning", then "Salary")
                ended = True
            para.append(line)
            in_list = bool(_BULLET.match(line)) and bool(_BULLET.match(nxt))
            # a sentence ends the paragraph, unless a bare URL follows: the URL a reference
            # entry wraps onto the next line ("... Salary Guide." then "https://...") is its own
            url_next = bool(_BARE_URL.fullmatch(nxt))
            if (
                line.endswith((".", "!", "?", ":"))
                and len(line) < 0.75 * full
                and not in_list
                and not url_next
            ):
                if not line.endswith(":") or not _BULLET.match(nxt):
                    close()
            elif (_URL_END.search(line) or _url_tail(before, line)) and (
                _NUMBERED_ITEM.match(nxt) or (_BARE_URL.fullmatch(line) and nxt[:1].isupper())
            ):
                # the URL ends its entry (also the end of one wrapped onto a line of its own,
                # ".../salary-" then "guide"); the next entry starts a block of its own
                close()
    close()
    if notes:  # the footnotes are the article's sources, as a Markdown page's footnotes are
        blocks += ["## References", "\n".join("- " + _NOTE_START.sub("", n) for n in notes)]
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise IngestError(f"{name} has no text layer (a scanned PDF?); run OCR on it first")
    return text, meta


COMPOUND_ZIPF = 3.0  # each part at least this common (wordfreq's Zipf scale): a word of its own
COMPOUND_GAP = 1.5  # ... and the joined form this much rarer than the rarer part


def compound_hyphen(before: str, after: str) -> bool:
    """The hyphen ending `before` joins two words of a compound ("hands-on", "well-known"),
    not the halves of one word broken across lines ("informa-tion"): both halves are common
    words and the joined form is much rarer than either (general English frequencies)."""
    from wordfreq import zipf_frequency

    left = re.search(r"([A-Za-z]{1,40})-$", before)
    right = re.match(r"[a-z]{1,40}", after)
    if not left or not right:
        return False
    a, b = left.group(1).lower(), right.group(0)
    fa, fb = zipf_frequency(a, "en"), zipf_frequency(b, "en")
    joined = zipf_frequency(a + b, "en")
    return min(fa, fb) >= COMPOUND_ZIPF and joined < min(fa, fb) - COMPOUND_GAP


SENTENCE_START_ZIPF = 5.8  # "The", "Most", "This", "Many" (not "National", "HMRC")


def _opens_sentence(line: str) -> bool:
    """The line opens on a capitalised everyday word ("The", "Most", "Many"): the start of a
    sentence, where a wrapped line goes on in lower case or with a name (general English
    frequencies)."""
    from wordfreq import zipf_frequency

    first = line.split(maxsplit=1)[0] if line.strip() else ""
    if not first.isalpha() or not first[:1].isupper() or first[1:] != first[1:].lower():
        return False
    return zipf_frequency(first.lower(), "en") >= SENTENCE_START_ZIPF


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def _numbered_heading(before: str, line: str, nxt: str) -> bool:
    """A numbered section heading: "2.1 Data Scientist", or "2. Data Scientist" written with a
    dot like a list item's number. That form is a heading only on its own: neither line beside
    it is numbered too (a list of short items), and the line after it starts a sentence (not
    the rest of an item wrapped onto it)."""
    m = _HEADING.match(line)
    if not m or len(line.split()) > 12:
        return False
    if not m.group(2):
        return True
    return (
        not _NUMBERED_ITEM.match(before)
        and not _NUMBERED_ITEM.match(nxt)
        and (nxt[:1].isupper() or not nxt or bool(_BULLET.match(nxt)))
    )


def _first_line(pages: list[list[str]], start: int) -> str:
    return next((p[0] for p in pages[start:] if p), "")


# General English words that cannot end a heading, only run on into the next line: articles,
# "of", conjunctions and possessive determiners ("... the National Registry of" is a sentence
# wrapped in a narrow column, not a heading).
_OPEN_ENDINGS = frozenset("a an the of and or but nor than its their our your whose".split())


def _plain_heading(line: str, nxt: str, full: int) -> bool:
    """An unnumbered heading: a short line between a finished sentence and a line that starts
    a new one, without closing punctuation (a question may end in "?") or a last word that
    needs more after it, not a bullet or a date line."""
    words = line.split()
    return (
        1 <= len(words) <= 12
        and words[-1].lower() not in _OPEN_ENDINGS
        and len(line) < 0.75 * full
        and line[:1].isupper()
        and not line.endswith((".", ",", ";", ":", "!"))
        and not _BULLET.match(line)
        and (nxt[:1].isupper() or nxt[:1].isdigit())
        and not _BULLET.match(nxt)
        and not iso_date(line)
    )


def _url_tail(before: str, line: str) -> bool:
    """`line` is the end of a URL wrapped from the line before: that line ends in a URL cut
    after a hyphen or a slash ("https://example.org/salary-"), and this one is a single token
    ("guide") that is no list item."""
    return (
        bool(_URL_END.search(before))
        and before.endswith(("-", "/"))
        and " " not in line
        and not _NUMBERED_ITEM.match(line)
    )


def _join(lines: list[str]) -> str:
    """Lines of one paragraph re-joined; bullet items (even run together on one line) one
    per line; a URL wrapped after a hyphen or slash whole again, its hyphen kept."""
    out = ""
    for line in lines:
        if _BULLET.match(line):
            out += "\n- " + _BULLET.sub("", line, count=1)
        elif _url_tail(out[-600:], line):
            out += line  # ".../salary-" + "guide": one URL, the hyphen its own
        elif out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            # a word hyphenated across lines, unless the hyphen is the word's own
            # ("hands-" + "on" stays "hands-on")
            out = out + line if compound_hyphen(out, line) else out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    rows = []
    for row in out.strip().split("\n"):
        if row.startswith("- "):
            items = [i.strip(" –•▪") for i in _INLINE_BULLET.split(row[2:])]
            rows += [f"- {i}" for i in items if i]
        else:
            rows.append(row)
    return "\n".join(rows)
