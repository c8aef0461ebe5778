"""Article metadata (title, authors, published date, description) in one normalised shape,
from YAML front matter, HTML meta tags and bylines, or PDF document info."""

from __future__ import annotations

import datetime as dt
import html
import re

from knowledge.schema import AUTHORS, DESCRIPTION, PUBLISHED, TITLE

_SLUG = re.compile(r"[a-z0-9]{1,40}(?:[-_][a-z0-9]{1,40}){1,6}")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
# A Go template map printed as text, e.g. "map[name:Jane Doe]" (Hugo themes leak these).
_GO_MAP = re.compile(r"map\[(?:name:)?([^\]]{1,200})\]")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_PROSE_DATE = re.compile(
    r"\b([A-Za-z]{3,9})\.?,?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(?:of\s{1,3})?((?:19|20)\d{2})\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?([A-Za-z]{3,9})\.?,?\s{1,3}((?:19|20)\d{2})\b"
)
MAX_META_CHARS = 500


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = re.sub(r"<[^<>]{0,200}>", "", text)
    return " ".join(text.split())[:MAX_META_CHARS]


def person(name: str) -> str:
    """A display name: a slug like "jane-doe" becomes "Jane Doe"; a Go map artefact is unwrapped."""
    name = _text(name)
    m = _GO_MAP.fullmatch(name)
    if m:
        name = m.group(1).strip()
    if _SLUG.fullmatch(name):
        name = " ".join(p.capitalize() for p in re.split(r"[-_]", name))
    return name.strip(" ,;")


def authors_of(value) -> str:
    """Comma-separated names from a string, a list, or a list of {name: ...} mappings."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("title") or ""
        text = _text(item)
        if not text:
            continue
        for part in re.split(r"\s{0,3}(?:[,;&]|\band\b)\s{0,3}", text):
            name = person(part)
            if name and len(name) <= 80:
                names.append(name)
    return ", ".join(dict.fromkeys(names))


def iso_date(value) -> str:
    """YYYY-MM-DD from a date, a datetime, an ISO string or a prose date; "" if none."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    m = _ISO_DATE.search(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _PROSE_DATE.search(text)
    if m:
        if m.group(1):
            month, day, year = m.group(1), m.group(2), m.group(3)
        else:
            day, month, year = m.group(4), m.group(5), m.group(6)
        number = _MONTHS.get(month.lower())
        if number:
            return _valid(int(year), number, int(day))
    return ""


def _valid(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def article_meta(front: dict) -> dict:
    """Normalised metadata from front matter keys commonly used by static site generators."""
    lower = {str(k).lower(): v for k, v in front.items()}
    meta = {}
    title = _text(lower.get("title"))
    if title:
        meta[TITLE] = title
    for key in ("authors", "author", "byline", "creator"):
        names = authors_of(lower.get(key))
        if names:
            meta[AUTHORS] = names
            break
    # The first publication date wins over a later "date" that a site may bump on edits.
    for key in ("datepublished", "date_published", "published", "pubdate", "date", "created"):
        date = iso_date(lower.get(key))
        if date:
            meta[PUBLISHED] = date
            break
    for key in ("description", "excerpt", "summary", "subtitle"):
        desc = _text(lower.get(key))
        if desc:
            meta[DESCRIPTION] = desc
            break
    return meta
