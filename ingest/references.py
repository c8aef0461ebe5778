"""Parse an article's reference list and link inline mentions like "(LinkedIn, 2026)" to it."""

from __future__ import annotations

import hashlib
import re

from knowledge.schema import Reference

_URL = re.compile(r"https?://[^\s<>\")\]]+")
_APA = re.compile(
    r"^(?P<authors>.+?)\.?\s*\((?P<year>\d{4}[a-z]?|n\.d\.)[^)]*\)\.?\s*(?P<rest>.*)$"
)
_INLINE = re.compile(r"\(([^()]{2,200}?\b(?:\d{4}[a-z]?|n\.d\.))\)")
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
    """One entry per block, or per line when a block lists several entries line by line."""
    entries: list[str] = []
    for block in block_texts:
        lines = [_BULLET.sub("", ln).strip() for ln in block.split("\n") if ln.strip()]
        current: list[str] = []
        for line in lines:
            starts_new = bool(_APA.match(line)) or bool(_BULLET.match(line))
            if current and starts_new and not _URL.fullmatch(line):
                entries.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            entries.append(" ".join(current))
    return entries


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
    else:
        year_m = re.search(r"\b(19|20)\d{2}\b", body)
        year = year_m.group(0) if year_m else ""
        authors, _, title = body.partition(". ")
        if not title:
            authors, title = "", body
    label = f"{_short_author(authors)}, {year}" if authors and year else (authors or title)[:80]
    ref_id = "ref-" + hashlib.sha1(f"{source}\n{label}\n{url}".encode()).hexdigest()[:16]
    return Reference(ref_id, label, authors, year, title.strip(), url, entry.strip())


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def link_mentions(text: str, refs: list[Reference]) -> list[str]:
    """Ids of the references that the text cites inline, e.g. "(Levels.fyi, 2026)"."""
    found: list[str] = []
    for group in _INLINE.findall(text):
        for part in group.split(";"):
            m = re.match(r"\s*(?:see\s+|e\.g\.,?\s+)?(.+?),?\s+(\d{4}[a-z]?|n\.d\.)\s*$", part)
            if not m:
                continue
            who, year = _key(m.group(1).replace("et al.", "")), m.group(2)
            for ref in refs:
                if (
                    ref.year == year
                    and who
                    and (_key(ref.label).startswith(who) or _key(ref.authors).startswith(who))
                ):
                    if ref.ref_id not in found:
                        found.append(ref.ref_id)
    for ref in refs:
        # The reference entry itself, or a narrative mention such as "LinkedIn's 2026 report".
        narrative = (
            ref.authors
            and ref.year
            and re.search(rf"\b{re.escape(ref.authors)}(?:['’]s)?\s+{re.escape(ref.year)}\b", text)
        )
        if ((ref.url and ref.url in text) or narrative) and ref.ref_id not in found:
            found.append(ref.ref_id)
    return found
