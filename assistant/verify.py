"""Check an LLM answer against the passages it was shown before the user sees it as final."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.text import content_terms, split_sentences

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(\[<\"])\bhttps?://[^\s)\]>]+")
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
UNSUPPORTED = " ⚠️ *(not supported by the cited passage)*"
SUPPORT_THRESHOLD = 0.5


@dataclass
class Checked:
    text: str
    used: list[int] = field(default_factory=list)  # passage numbers (1-based) in order of use
    quotes: dict[int, str] = field(default_factory=dict)
    removed_markers: list[int] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)


def _support(sentence: str, passage_text: str) -> tuple[float, str]:
    terms = set(content_terms(re.sub(r"\[\d+\]", "", sentence)))
    if not terms:
        return 1.0, ""
    best, quote = 0.0, ""
    for s in split_sentences(passage_text) or [passage_text]:
        overlap = len(terms & set(content_terms(s))) / len(terms)
        if overlap > best:
            best, quote = overlap, s
    whole = len(terms & set(content_terms(passage_text))) / len(terms)
    return max(best, whole), quote


def check_answer(text: str, passages: list, allowed_urls: set[str]) -> Checked:
    out = Checked(text)
    k = len(passages)

    def strip_image(m: re.Match) -> str:
        out.stripped.append(m.group(0))
        return ""

    def keep_link(m: re.Match) -> str:
        if m.group(2) in allowed_urls:
            return m.group(0)
        out.stripped.append(m.group(0))
        return m.group(1)

    def keep_url(m: re.Match) -> str:
        url = m.group(1) if m.lastindex else m.group(0)
        if url.rstrip(".,;") in allowed_urls:
            return url
        out.stripped.append(url)
        return ""

    text = _IMAGE.sub(strip_image, text)
    text = _LINK.sub(keep_link, text)
    text = _AUTOLINK.sub(keep_url, text)
    text = _BARE_URL.sub(keep_url, text)

    def fix_marker(m: re.Match) -> str:
        good = []
        for num in (int(x) for x in m.group(1).split(",")):
            if 1 <= num <= k:
                good.append(num)
            else:
                out.removed_markers.append(num)
        return "".join(f"[{n}]" for n in good)

    text = _MARKER.sub(fix_marker, text)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", text)
    out.text = _flag_unsupported(text, passages, out)
    return out


def _flag_unsupported(text: str, passages: list, out: Checked) -> str:
    lines = []
    for line in text.split("\n"):
        if line.strip().startswith("|"):
            cells = line.split("|")
            cells = [_check_piece(c, passages, out) if _MARKER.search(c) else c for c in cells]
            lines.append("|".join(cells))
            continue
        pieces = split_sentences(line) if line.strip() else []
        if len(pieces) <= 1:
            lines.append(_check_piece(line, passages, out) if _MARKER.search(line) else line)
        else:
            lines.append(" ".join(_check_piece(p, passages, out) if _MARKER.search(p) else p for p in pieces))
    return "\n".join(lines)


def _check_piece(piece: str, passages: list, out: Checked) -> str:
    nums = [int(n) for n in re.findall(r"\[(\d+)\]", piece)]
    best, quote, best_n = 0.0, "", nums[0]
    for n in nums:
        score, q = _support(piece, passages[n - 1].text)
        if score > best:
            best, quote, best_n = score, q, n
    for n in nums:
        if n not in out.used:
            out.used.append(n)
    if best_n not in out.quotes or best >= SUPPORT_THRESHOLD:
        out.quotes.setdefault(best_n, quote or split_sentences(passages[best_n - 1].text)[0])
    if best < SUPPORT_THRESHOLD:
        out.unsupported.append(piece.strip())
        return piece.rstrip() + UNSUPPORTED
    return piece


def renumber(text: str, used: list[int]) -> str:
    """Passage numbers as shown to the model -> citation numbers 1..m in order of first use."""
    mapping = {old: new for new, old in enumerate(used, 1)}
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)
