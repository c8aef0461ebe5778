"""Remove page boilerplate (comment forms, navigation, share lines, footers) from article text."""

from __future__ import annotations

import re

from .formats.meta import iso_date
from .structure import is_plain_heading

# A block like this ends the article: everything after it is page furniture.
_TAIL = re.compile(
    r"^(\d+\s+)?(comments?|responses?|leave a (reply|comment)|post a comment|no comments yet\b.*"
    r"|join the discussion|related (posts|articles)|you may also like|recent posts"
    r"|share this( (article|post|page))?:?|about the author"
    r"|more from .{1,60}|recommended( from .{1,60}| for you| reading| articles| posts)?"
    r"|keep reading|read next|explore more( articles| stories| posts)?)$",
    re.I,
)
# Lines like these are dropped wherever they appear.
_LINE = re.compile(
    r"(your email address will not be published|required fields are marked"
    r"|^skip to (main )?content$|^(share|tweet|pin) (this|on)\b|^subscribe\b|newsletter"
    r"|^sign up\b|copyright|©|all rights reserved|^follow us\b|^posted (in|on|by)\b|^tags?:"
    r"|^(previous|next) (post|article|chapter|page|story|lesson)\b|^read more\b|^click here\b|cookie|^advertisement$|^sponsored by\b"
    r"|^(image|photo|picture) (source|credit)s?:"
    r"|^interested in (joining|working (with|at|for))\b|^we'?re hiring\b"
    r"|^(home|menu|search)$|^by \w+( \w+)? \| )"
    # a table of contents' title (its links are dropped with the page's other link lists), a
    # "Related: <another post>" line, a sign-off asking for follows, a site's disclaimers
    r"|^(table of )?contents$|^related( reading| articles?| posts?)?:|^thanks for reading\b"
    r"|\bfor informational purposes only\b|\bnone of the\b.{0,80}\baffiliated with\b",
    re.I,
)
_NAV_SEP = re.compile(r"\s(\||•|»|›|/)\s")
# A line that only dates the page ("Last updated: 10 January 2025", "Updated on 3 May 2024",
# "Reviewed: 2024-05-01"): page furniture; the date the article states is its metadata's.
_DATE_LABEL = re.compile(
    r"^(?:last\s{1,3})?(?:updated|modified|reviewed|revised)(?:\s{1,3}on)?\s{0,3}:?\s{0,3}", re.I
)


def _is_nav(line: str) -> bool:
    parts = _NAV_SEP.split(line)
    items = [p for p in parts[::2] if p.strip()]
    return len(items) >= 3 and all(len(p.split()) <= 3 for p in items)


def _is_boilerplate(line: str) -> bool:
    # Only short lines: a real paragraph that happens to mention "newsletter" stays.
    return len(line.split()) <= 20 and (
        bool(_LINE.search(line)) or _is_nav(line) or _date_label(line)
    )


def _date_label(line: str) -> bool:
    m = _DATE_LABEL.match(line)
    rest = line[m.end() :] if m and m.end() else ""
    return bool(rest) and len(rest.split()) <= 4 and bool(iso_date(rest))


def clean_text(text: str) -> str:
    """Return the article text with boilerplate lines and the comment tail removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks: list[str] = []
    for raw_block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in raw_block.split("\n")]
        lines = [ln for ln in lines if ln and not _is_boilerplate(ln)]
        if not lines:
            continue
        head = lines[0].lstrip("#").strip()
        if blocks and len(lines) == 1 and _TAIL.match(head):
            break
        blocks.append("\n".join(lines))
    # A leading breadcrumb/slug line that the real title repeats is not part of the article;
    # a title whose first paragraph happens to repeat it is kept.
    if len(blocks) > 1 and "\n" not in blocks[0]:
        first = blocks[0].lstrip("#").strip().lower()
        title = blocks[1].lstrip("#").strip()
        if first and first in title.lower() and len(first) < len(title) and is_plain_heading(title):
            blocks.pop(0)
    return "\n\n".join(blocks).strip()
