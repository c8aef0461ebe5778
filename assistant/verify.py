"""Check an LLM answer against the passages it was shown before the user sees it as final."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.text import content_terms, split_sentences

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)
# [text](url), [text](<url>), [text](url "title") and [text](url 'title')
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
# The model was told "no HTML": any tag (<a href>, <iframe>, <script>) could carry a link.
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^<>]*)?/?>", re.I)
_BARE_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s)\]>\"'`]+", re.I)
# The tail of a partial answer that may become an image, link, tag or URL once complete.
_UNFINISHED = re.compile(
    r"(!?\[[^\]\n]*(\](\([^)\n]*)?)?|<[^>\n]*|(https?:|www\.)[^\s)\]>\"'`]*)$", re.I
)
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# A citation written after the full stop ("fact. [1]") belongs to the sentence before it.
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:[ \t]*\[\d+\])+)")
_REPEATED_MARKER = re.compile(r"(\[\d+\])(?:\s*\1)+")
_NUMBER = re.compile(r"(\d[\d,.]*)\s*([km](?![a-z]))?", re.I)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
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
    _quote_scores: dict[int, float] = field(default_factory=dict, repr=False)


def _numbers(text: str) -> set[str]:
    """Figures in a text, normalised so "$140,000" and "140000" compare equal."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = m.group(1).rstrip(".,").replace(",", "")
        scale = {"k": 1_000, "m": 1_000_000}.get((m.group(2) or "").lower())
        if scale:
            try:
                value = float(digits) * scale
                digits = str(int(value)) if value.is_integer() else str(value)
            except ValueError:
                pass
        out.add(digits)
    return out


def _support(sentence: str, passage_text: str) -> tuple[float, str]:
    """How much of the sentence the passage covers (0..1), and the passage's closest sentence."""
    claim = _MARKER.sub("", sentence)
    terms = set(content_terms(claim))
    sentences = split_sentences(passage_text) or [passage_text]
    if not terms:
        return 1.0, sentences[0]
    best, quote = 0.0, sentences[0]
    for s in sentences:
        overlap = len(terms & set(content_terms(s))) / len(terms)
        if overlap > best:
            best, quote = overlap, s
    whole = len(terms & set(content_terms(passage_text))) / len(terms)
    score = max(best, whole)
    # Words can match while the figure is invented: a number the passage lacks is unsupported.
    if not _numbers(claim) <= _numbers(passage_text):
        score = min(score, SUPPORT_THRESHOLD / 2)
    return score, quote


def _allowed(url: str, allowed_urls: set[str]) -> bool:
    url = url.rstrip(".,;:!?")
    return url in allowed_urls or url.rstrip("/") in {u.rstrip("/") for u in allowed_urls}


def strip_links(text: str, allowed_urls: set[str], stripped: list[str] | None = None) -> str:
    """Remove images, HTML and every link or URL that is not one of `allowed_urls`.

    A model can be talked (by an article it reads) into linking out or loading an image whose
    URL carries the conversation away, so only the articles' own references survive.
    """
    stripped = [] if stripped is None else stripped

    def strip(m: re.Match) -> str:
        stripped.append(m.group(0))
        return ""

    def keep_link(m: re.Match) -> str:
        if _allowed(m.group(2), allowed_urls):
            return m.group(0)
        stripped.append(m.group(0))
        return m.group(1)

    def keep_autolink(m: re.Match) -> str:
        return m.group(1) if _allowed(m.group(1), allowed_urls) else strip(m)

    def keep_url(m: re.Match) -> str:
        url = m.group(0)
        core = url.rstrip(".,;:!?")
        if _allowed(core, allowed_urls):
            return url
        stripped.append(core)
        return url[len(core) :]  # keep the sentence's own punctuation

    text = _IMAGE.sub(strip, text)
    text = _LINK.sub(keep_link, text)
    text = _AUTOLINK.sub(keep_autolink, text)
    text = _HTML_TAG.sub(strip, text)
    # Kept links are re-checked here too; their URLs are allowed, so they survive.
    return _BARE_URL.sub(keep_url, text)


def safe_preview(partial: str, allowed_urls: set[str]) -> str:
    """The answer so far, safe to render while it streams (before check_answer runs).

    A link, image or tag still arriving is held back until it is complete and can be judged.
    """
    return strip_links(_UNFINISHED.sub("", partial), allowed_urls)


def check_answer(text: str, passages: list, allowed_urls: set[str]) -> Checked:
    out = Checked(text)
    k = len(passages)
    text = strip_links(text, allowed_urls, out.stripped)

    def fix_marker(m: re.Match) -> str:
        good: list[int] = []
        for num in (int(x) for x in m.group(1).split(",")):
            if not 1 <= num <= k:
                out.removed_markers.append(num)
            elif num not in good:
                good.append(num)
        return "".join(f"[{n}]" for n in good)

    text = _MARKER.sub(fix_marker, text)
    text = _MARKERS_AFTER_STOP.sub(
        lambda m: " " + re.sub(r"\s+", "", m.group(2)) + m.group(1), text
    )
    text = _REPEATED_MARKER.sub(r"\1", text)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)
    out.text = _flag_unsupported(text, passages, out)
    return out


def _flag_unsupported(text: str, passages: list, out: Checked) -> str:
    has_table = bool(_TABLE_SEPARATOR.search(text))
    lines = []
    for line in text.split("\n"):
        if line.strip().startswith("|") or (has_table and "|" in line):
            # Each cell is its own claim; cells cite different passages.
            cells = line.split("|")
            cells = [_check_piece(c, passages, out) if _MARKER.search(c) else c for c in cells]
            lines.append("|".join(cells))
            continue
        pieces = split_sentences(line) if line.strip() else []
        if len(pieces) <= 1:
            lines.append(_check_piece(line, passages, out) if _MARKER.search(line) else line)
        else:
            indent = line[: len(line) - len(line.lstrip())]
            checked = [_check_piece(p, passages, out) if _MARKER.search(p) else p for p in pieces]
            lines.append(indent + " ".join(checked))
    return "\n".join(lines)


def _check_piece(piece: str, passages: list, out: Checked) -> str:
    nums = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", piece)))
    best = 0.0
    says_something = bool(content_terms(_MARKER.sub("", piece)))
    for n in nums:
        score, quote = _support(piece, passages[n - 1].text)
        best = max(best, score)
        if n not in out.used:
            out.used.append(n)
        # A passage cited twice keeps the quote of the claim it supports best; a bare "[n]"
        # claims nothing, so any real claim's quote beats it.
        rank = score if says_something else -0.5
        if rank > out._quote_scores.get(n, -1.0):
            out.quotes[n], out._quote_scores[n] = quote, rank
    if best < SUPPORT_THRESHOLD and len(nums) > 1:
        # A sentence may join facts from several passages: judge it against all it cites.
        joined = "\n".join(passages[n - 1].text for n in nums)
        best = _support(piece, joined)[0]
    if best < SUPPORT_THRESHOLD:
        out.unsupported.append(piece.strip())
        return piece.rstrip() + UNSUPPORTED + (" " if piece.endswith(" ") else "")
    return piece


def renumber(text: str, used: list[int]) -> str:
    """Passage numbers as shown to the model -> citation numbers 1..m in order of first use."""
    mapping = {old: new for new, old in enumerate(used, 1)}
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)
