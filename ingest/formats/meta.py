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
        at = len(names)
        for part in re.split(r"\s{0,3}(?:[,;&]|\band\b)\s{0,3}", text):
            name = person(part)
            if len(names) > at and _is_credential(name):
                continue  # "Marisol Ortega, MSN, RN": the name's credentials, no more people
            if name and len(name) <= 80:
                names.append(name)
    return ", ".join(dict.fromkeys(names))


def _is_credential(text: str) -> bool:
    """A credential written after a name ("RN", "PhD", "M.D.", "FNP-C"): one short word, mostly
    capitals."""
    words = text.split()
    word = words[0].replace("-", "") if len(words) == 1 else ""
    return (
        bool(word)
        and _CREDENTIAL.fullmatch(word) is not None
        and sum(c.isupper() for c in word) >= 2
    )


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


_KEY = re.compile(r"[a-z0-9_-]{1,40}")


def _author_keys(value) -> bool:
    """Whether a front matter author value is only keys into the site's authors file (lower
    case, no space: "rkowalczyk", ["jdoe", "asmith"])."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(isinstance(i, str) and _KEY.fullmatch(i) for i in items)


def article_meta(front: dict) -> dict:
    """Normalised metadata from front matter keys commonly used by static site generators."""
    lower = {str(k).lower(): v for k, v in front.items()}
    meta = {}
    title = _text(lower.get("title"))
    if title:
        meta[TITLE] = title
    # A docs site's record of its last edit (Docusaurus "last_update: {date, author}"): the
    # page's date and author when it gives no other
    update = lower.get("last_update")
    update = {str(k).lower(): v for k, v in update.items()} if isinstance(update, dict) else {}
    for value in (
        *(lower.get(k) for k in ("authors", "author", "byline", "creator")),
        update.get("author"),
    ):
        if _author_keys(value) and authors_of(update.get("author")):
            # keys into the site's authors file ("authors: [jdoe]"), where the page names its
            # last editor in full: the name, not the key
            continue
        names = authors_of(value)
        if names:
            meta[AUTHORS] = names
            break
    # The first publication date wins over a later "date" that a site may bump on edits.
    for value in (
        *(lower.get(k) for k in ("datepublished", "date_published", "published", "pubdate")),
        *(lower.get(k) for k in ("date", "created")),
        update.get("date"),
    ):
        date = iso_date(value)
        if date:
            meta[PUBLISHED] = date
            break
    for key in ("description", "excerpt", "summary", "subtitle"):
        desc = _text(lower.get(key))
        if desc:
            meta[DESCRIPTION] = desc
            break
    return meta


# A byline at the top of an article: "By Jane Doe | Published June 3, 2024",
# "Written by Jane Doe and Sam Lee, RN", "By Jane Doe, PhD — 3 June 2024", an interview's
# "Interview by Jane Doe" / "Interviewed by Jane Doe".
_BY = re.compile(
    r"^(?:(?:written|posted|story|words|article|reported|prepared|compiled|interview|interviewed"
    r"|maintained|edited|curated)\s{1,3})?by[:\s]\s{0,2}",
    re.I,
)
# ... or a sentence of a short line saying so: "A community guide to two careers. Maintained
# by Jane Doe (@jdoe). Last updated 2 May 2025." (a verb of authorship before "by")
_BY_SENTENCE = re.compile(
    r"(?:^|[.!?]\s{1,3})((?:written|prepared|compiled|maintained|edited|curated)\s{1,3}by\s)",
    re.I,
)
BYLINE_SENTENCE_WORDS = 40  # a line longer than this is prose, not a byline's line
# the end of that sentence: a full stop after a word of three letters or more ("Doe."), not
# after a title's abbreviation ("Dr. Jane Doe")
_SENTENCE_END = re.compile(r"[A-Za-z][a-z]{2}(?=\.(?:\s|$))")
# A name's affiliation after it ("Dr. Helen Akintola, Midwest Workforce Institute"): a part
# naming a kind of organisation (general English) is where the author's name, not another
# author, is told
_AFFILIATION = re.compile(
    r"\b(?:institute|university|college|council|association|society|foundation|agency"
    r"|department|center|centre|office|group|company|inc|ltd|llc|corporation|board"
    r"|hospital|clinic|school|laboratory|lab|network|press|media|magazine|journal)\b",
    re.I,
)
# Where the names end: a separator, a date word, or a date.
_BY_END = re.compile(
    r"\s{0,3}(?:[|·•—–(]|\s-\s|\bon\b|\b(?:published|updated|posted|last)\b|\d)", re.I
)
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]{0,30}")
# A credential after a name ("RN", "PhD", "DPT", "M.D."): short, mostly capitals.
_CREDENTIAL = re.compile(r"(?:[A-Z][A-Za-z]?\.?){1,5}")
_DATE_LINE = re.compile(
    r"^(?:(?:first\s{1,3})?(?:published|posted|date|updated)\b[:\s]{0,3})?", re.I
)
# A separator on a date line: "January 14, 2025 | Filed under: Careers", "March 3, 2024 · 6 min read"
_DATE_SEPARATOR = re.compile(r"\s{1,3}[|·•]\s{1,3}")
BYLINE_LINES = 6
# A date line giving only a month and a year ("Published June 2022", "March 2019"): no day to
# store, but it is byline furniture all the same
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?,?\s{1,3}((?:19|20)\d{2})\.?$")
# ... also closing a line of names: "Dr. Jane Doe, Example Institute — April 2024"
_ENDS_MONTH_YEAR = re.compile(r"(?:^|[\s|·•—–,-])([A-Za-z]{3,9})\.?,?\s{1,3}((?:19|20)\d{2})\.?$")


_NAME_REMARK = re.compile(r"\s{0,3}\([^()\n]{1,12}\)")
_REMARK_BETWEEN = re.compile(r"\s{0,3}\([^()\n]{1,12}\)(?=\s{0,3}(?:,|&|\band\b))")


def _byline_names(text: str) -> str:
    # a remark in brackets between two names ("A (ret.) and B") ends neither: the names go on
    text = _REMARK_BETWEEN.sub("", text[:500])
    end = _BY_END.search(text)
    names = []
    for part in re.split(r"\s{0,3}(?:,|&|\band\b)\s{0,3}", text[: end.start()] if end else text):
        # a short remark in brackets after a name is no part of it ("(ret.)", "(she/her)")
        part = _NAME_REMARK.sub("", part)
        words = part.split()
        if not words:
            continue
        if names and _AFFILIATION.search(part):
            break  # the last name's affiliation: no more names follow
        if (
            len(words) == 1
            and _CREDENTIAL.fullmatch(words[0])
            and sum(c.isupper() for c in words[0]) >= 2
        ):
            continue  # a credential, not a person
        if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return ""  # prose that happens to start with "by", not a byline (or one name word)
        names.append(part)
    return authors_of(", ".join(names)) if names else ""


def _month_year(text: str) -> bool:
    m = _MONTH_YEAR.match(text.strip())
    return bool(m) and m.group(1).lower() in _MONTHS


def ends_month_year(text: str) -> bool:
    """A line that ends in a month and a year, no day: "… — April 2024"."""
    m = _ENDS_MONTH_YEAR.search(text.strip()[-40:])
    return bool(m) and m.group(1).lower() in _MONTHS


def byline(lines: list[str], known: str = "") -> tuple[dict, list[int]]:
    """Authors and published date from a byline among the first lines of an article, and the
    indexes of the lines that held them. A name needs a "By" line, or a date beside names the
    document's own metadata gives as its authors (`known`: "Dr. Aisha Raman, PT, DPT - September
    2, 2024" in a PDF whose info names Dr. Aisha Raman, also "... - September 2024"); a date is
    read from that line or from a short date line ("Published June 3, 2024") next to it."""
    meta: dict = {}
    used: list[int] = []
    authors = {a.strip().lower() for a in known.split(",") if a.strip()}
    for i, line in enumerate(lines[:BYLINE_LINES]):
        line = " ".join(line.split())
        if not line or len(line.split()) > BYLINE_SENTENCE_WORDS:
            continue
        m = _BY.match(line) if len(line.split()) <= 25 else None
        names = _byline_names(line[m.end() :]) if m else ""
        said = None if m else _BY_SENTENCE.search(line)
        if said and AUTHORS not in meta:
            rest = line[said.end() :]
            end = _SENTENCE_END.search(rest)
            names = _byline_names(rest[: end.end()] if end else rest)
        if not m and authors and (iso_date(line) or ends_month_year(line)):
            named = _byline_names(line)
            if named and {n.strip().lower() for n in named.split(",")} <= authors:
                names = named
        if names and AUTHORS not in meta:
            meta[AUTHORS] = names
            used.append(i)
            date = iso_date(line)
            if date:
                meta.setdefault(PUBLISHED, date)
            continue
        rest = line[_DATE_LINE.match(line).end() :]
        date = iso_date(line)
        # the part before a separator: "Posted: January 14, 2025 | Filed under: Careers"
        first = _DATE_SEPARATOR.split(rest, maxsplit=1)[0]
        # A line that is only a date, possibly after a "Published" label (and before a
        # separator, after which a blog's date line goes on to its categories or reading time).
        if (
            date
            and PUBLISHED not in meta
            and (len(rest.split()) <= 5 or (len(first.split()) <= 5 and iso_date(first) == date))
        ):
            meta[PUBLISHED] = date
            used.append(i)
        elif not date and used and used[-1] == i - 1 and _month_year(rest):
            used.append(i)  # right under the "By" line: no day to keep, but no prose either
    return meta, used


MAX_BIO_WORDS = 80
_BIO_VERB = re.compile(r"\s{1,3}(?:is|was|has|had|writes|wrote|lives|works|worked|teaches|spent)\b")


def without_author_bio(text: str, authors: str) -> str:
    """The text without a closing author bio: a short last paragraph opening with an author's
    name and a verb ("Jane Doe is a nurse and writes about ..."), the plain-text form of an
    HTML author box. It says who wrote the article, which its metadata keeps."""
    body = text.rstrip()
    # ... also when the article's reference list follows it ("Jane Doe is ...", then
    # "## References" and its entries)
    end = len(body)
    refs = list(_REFS_AT.finditer(body))
    if refs:
        end = refs[-1].start()
        body = body[:end].rstrip()
    cut = body.rfind("\n\n")
    last = body[cut + 2 :] if cut >= 0 else ""
    if not last or len(last.split()) > MAX_BIO_WORDS or last.lstrip().startswith("#"):
        return text
    for name in (n.strip() for n in authors.split(",")):
        if name and last.startswith(name) and _BIO_VERB.match(last, len(name)):
            return body[:cut] + "\n\n" + text[end:] if refs else body[:cut] + "\n"
    return text


# A reference-list heading opening a paragraph: "## References", "Sources:"
_REFS_AT = re.compile(
    r"(?<=\n\n)(?:#{1,6}[ \t]{1,4})?(?:references?|sources?|bibliography|works cited"
    r"|citations|further reading):?[ \t]{0,4}(?=\n)",
    re.I,
)
