"""Parse an article's reference list and link inline mentions like "(Nursing Survey, 2025)" to it."""

from __future__ import annotations

import bisect
import hashlib
import re

from knowledge.schema import Reference

_URL = re.compile(r"https?://[^\s<>\")\]]+")
# Bounded: authors up to 400 characters and the date group up to 60, so a line full of
# "(2020" cannot make the match quadratic.
_APA = re.compile(
    r"^(?P<authors>[^\n]{1,400}?)\.?\s{0,4}\((?P<year>\d{4}[a-z]?|n\.d\.)[^)\n]{0,60}\)\.?\s{0,4}"
    r"(?P<rest>.*)$"
)
# "Pearl, Judea, and Dana Mackenzie. 2019. The Book of Why. Penguin Books."
_CHICAGO = re.compile(r"^([^\n]{1,400}?)\.\s{1,3}((?:19|20)\d{2}[a-z]?)\.\s{1,3}(.*)$")
_INLINE = re.compile(r"\(([^()]{2,200}?\b(?:\d{4}[a-z]?|n\.d\.))\)")
_CITE = re.compile(
    r"\s{0,4}(?:see\s{1,4}|e\.g\.,?\s{1,4})?(.{1,200}?),?\s{1,4}(\d{4}[a-z]?|n\.d\.)\s{0,4}$"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}[a-z]?\b")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\[\d+\])\s+")


def _short_author(authors: str) -> str:
    """ "Smith, J., & Lee, K." -> "Smith & Lee"; an organisation name is kept as it is."""
    people = re.split(r",?\s*(?:&|\band\b)\s*|(?<=\.),\s*", authors)
    surnames = [p.split(",")[0].strip() for p in people if p.strip()]
    if len(surnames) >= 3:
        return f"{surnames[0]} et al."
    if len(surnames) == 2 and "," in authors:
        return f"{surnames[0]} & {surnames[1]}"
    if len(surnames) == 1 and re.fullmatch(r"[^,]+,\s*(?:[A-Z]\.?[\s-]*)+", authors.strip()):
        return surnames[0]  # "Smith, J." -> "Smith"
    return authors.strip().rstrip(".")


def split_entries(block_texts: list[str]) -> list[str]:
    """One entry per block, or per line when a block lists several entries line by line.

    A line starts a new entry when it is a list item or opens like an author-date entry; any
    other line (a wrapped title, a URL broken onto the next line) continues the entry above.
    In a list numbered at its line starts, entries run together on one line ("3. Smith.
    Title, 2023. 4. Lee. Title, 2024.", as a PDF may lay them out) are split again.
    """
    entries: list[tuple[str, int | None]] = []  # (entry, its number in a numbered list)
    numbered = sum(1 for b in block_texts for _ in _NUMBER.finditer(b)) >= 2
    for block in block_texts:
        current: list[str] = []
        number = None
        for raw in block.split("\n"):
            if not raw.strip():
                continue
            line = _BULLET.sub("", raw).strip()
            starts_new = bool(_BULLET.match(raw)) or bool(_APA.match(line))
            if current and starts_new and not _URL.fullmatch(line):
                entries.append((" ".join(current), number))
                current = []
            if not current:
                m = _NUMBER.match(raw)
                number = int(m.group(1) or m.group(2)) if m and numbered else None
            last = current[-1].rsplit(" ", 1)[-1] if current else ""
            broken = last.endswith(("/", "-", "_", "=", "?", "&", "#", ".")) or "/" in line
            if (
                last
                and _URL.fullmatch(last)
                and broken
                and " " not in line
                and not _URL.match(line)
            ):
                current[-1] += line  # a URL broken across lines: "https://x.org/a-" + "b"
            else:
                current.append(line)
        if current:
            entries.append((" ".join(current), number))
    return [part for entry, number in entries for part in _run_on(entry, number)]


# an entry's number at a line's start: "3. ", "3) ", "[3] "
_NUMBER = re.compile(r"^\s*(?:(\d{1,3})[.)]|\[(\d{1,3})\])\s", re.M)
MAX_RUN_ON = 50  # entries one line of a numbered list may hold


def _run_on(entry: str, number: int | None) -> list[str]:
    """Entry `number` of a numbered list with the next ones run on after its end: split
    where "<number + 1>. " (or "[<number + 1>] ") follows an entry's closing mark and opens a
    capitalised entry."""
    if number is None:
        return [entry]
    parts = [entry]
    for nxt in range(number + 1, number + 1 + MAX_RUN_ON):
        m = re.search(rf"(?<=[.)\]])\s{{1,3}}(?:{nxt}[.)]|\[{nxt}\])\s{{1,3}}(?=[A-Z])", parts[-1])
        if not m:
            break
        parts[-1:] = [parts[-1][: m.start()], parts[-1][m.end() :]]
    return [p.strip() for p in parts if p.strip()]


def parse_reference(entry: str, source: str) -> Reference:
    url_match = _URL.search(entry)
    url = url_match.group(0).rstrip(".,;") if url_match else ""
    body = _URL.sub("", entry).strip().rstrip(".")
    m = _APA.match(body)
    if m:
        authors, year, rest = m.group("authors").strip(), m.group("year"), m.group("rest")
        title, _, publisher = rest.partition(". ")
        title = title.strip().rstrip(".")
        authors = authors or publisher
    elif _CHICAGO.match(body):
        c = _CHICAGO.match(body)
        authors, year, rest = c.group(1).strip(), c.group(2), c.group(3)
        title = rest.partition(". ")[0].strip().rstrip(".")
    else:
        year_m = re.search(r"\b(19|20)\d{2}\b", body)
        year = year_m.group(0) if year_m else ""
        authors, _, title = body.partition(". ")
        if not title:
            authors, title = "", body
    label = f"{_short_author(authors)}, {year}" if authors and year else (authors or title)[:80]
    ref_id = "ref-" + hashlib.sha1(f"{source}\n{label}\n{url}".encode()).hexdigest()[:16]
    return Reference(ref_id, label, authors, year, title.strip(), url, entry.strip())


def entry_id(source: str, text: str) -> str:
    """A reference id from an entry's whole text (see `structure.parse_article`)."""
    return "ref-" + hashlib.sha1(f"{source}\n{text.strip()}".encode()).hexdigest()[:16]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


class MentionIndex:
    """The references of one article, indexed so that linking a chunk costs time in the
    chunk's length, not chunks x references (no regex is compiled per reference)."""

    def __init__(self, refs: list[Reference]) -> None:
        # Per year, (name key, reference) sorted: the keys a citation's name starts are one
        # contiguous run, found by bisection instead of a scan over every reference.
        self.by_year: dict[str, list[tuple[str, Reference]]] = {}
        self.by_surname: dict[tuple[str, str], list[Reference]] = {}
        self.by_url: dict[str, list[Reference]] = {}
        self.narrative: dict[tuple[str, str], list[tuple[str, Reference]]] = {}
        for ref in refs:
            if ref.year:
                first = ref.authors.split(",")[0].split()
                keys = (_key(ref.label), _key(ref.authors), _key(first[0]) if first else "")
                for key in {keys[0], keys[1]} - {""}:
                    self.by_year.setdefault(ref.year, []).append((key, ref))
                if keys[2]:
                    self.by_surname.setdefault((ref.year, keys[2]), []).append(ref)
                short = ref.label.rsplit(", ", 1)[0] if ref.label.endswith(ref.year) else ""
                for name in {ref.authors.strip(), short.strip()} - {""}:
                    self.narrative.setdefault((ref.year, name.split()[-1]), []).append((name, ref))
            if ref.url:
                self.by_url.setdefault(ref.url.rstrip("/"), []).append(ref)
        self._sorted()

    def _sorted(self) -> None:
        for keyed in self.by_year.values():
            keyed.sort(key=lambda pair: pair[0])

    def find(self, text: str, urls: list[str] | tuple[str, ...] = ()) -> list[str]:
        found: dict[str, None] = {}
        if self.by_year:
            for group in _INLINE.findall(text):
                for part in group.split(";")[:20]:
                    m = _CITE.match(part)
                    if not m:
                        continue
                    raw, year = m.group(1).replace("et al.", ""), m.group(2)
                    who = _key(raw)
                    if not who:
                        continue
                    keyed = self.by_year.get(year, [])
                    at = bisect.bisect_left(keyed, (who,))
                    while at < len(keyed) and keyed[at][0].startswith(who):
                        found[keyed[at][1].ref_id] = None
                        at += 1
                    for ref in self.by_surname.get((year, _key(raw.split()[0])), ()):
                        found[ref.ref_id] = None
            # A narrative mention such as "the Nursing Survey's 2025 report": the name right before the year.
            for m in _YEAR.finditer(text):
                before = text[max(0, m.start() - 200) : m.start()].rstrip()
                for suffix in ("'s", "’s"):
                    before = before.removesuffix(suffix)
                last = before.split()[-1] if before.split() else ""
                for name, ref in self.narrative.get((m.group(0), last), ()):
                    if before.endswith(name):
                        found[ref.ref_id] = None
        if self.by_url:
            # The reference entry itself (its URL in the text), or a link to the cited source.
            candidates = [u.rstrip(".,;").rstrip("/") for u in _URL.findall(text)] + [
                u.rstrip("/") for u in urls
            ]
            for url in candidates:
                for ref in self.by_url.get(url, ()):
                    found[ref.ref_id] = None
        return list(found)


def link_mentions(
    text: str, refs: list[Reference] | MentionIndex, urls: list[str] | tuple[str, ...] = ()
) -> list[str]:
    """Ids of the references that the text cites inline, e.g. "(Payscale, 2025)"."""
    index = refs if isinstance(refs, MentionIndex) else MentionIndex(refs)
    return index.find(text, urls)
