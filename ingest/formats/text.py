"""Bytes to text (charset detection) and plain-text cleaning.

Charsets: a byte-order mark first, then the charset an HTTP header declared, then UTF-8, then
an HTML `<meta charset>`, then charset-normalizer's guess. Latin-1, windows-1252 and UTF-16
are decoded, not refused.

Plain text keeps its lines and paragraphs; HTML entities (`&nbsp;`) are decoded and stray HTML
tags and comments removed. A word hard-wrapped with a hyphen ("appren-" over "ticeship") is
whole again on the first line, a compound's own hyphen kept ("hands-" over "on" is "hands-on"). A .txt file that is really Markdown goes through the Markdown parser.
"""

from __future__ import annotations

import codecs
import html
import re

from knowledge.errors import IngestError

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
# Stray HTML in text: comments and tags, each bounded so the scan stays linear.
_TAG = re.compile(r"<!--.{0,10000}?-->|</?[A-Za-z][A-Za-z0-9:-]{0,40}(?:\s[^<>]{0,4000})?/?>", re.S)
_MD_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+\S")
_MD_LINK = re.compile(r"\[[^\]\n]{1,300}\]\([^)\s]{1,2000}\)")
_MD_BOLD = re.compile(r"\*\*[^*\n]{1,300}\*\*")
# A word broken at a line's end by a hyphen and finished, lower case, on the next line (its
# indent and the rest of that line kept apart). Bounded, so the scan stays linear.
_WRAPPED_WORD = re.compile(
    r"([A-Za-z]{1,40}-)[ \t]{0,8}\n([ \t]{0,8})([a-z]{1,40})([,;:.!?)]?)([ \t]{1,8}|(?=\n)|\Z)"
)
# Charsets that browsers read as windows-1252, which is a superset for printable text.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(name: str, kind: str, data: bytes, declared: str | None = None) -> str:
    """Decode a text source, detecting its charset; IngestError if it is binary."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(name, data, codec)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(name, data, utf16)
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name} looks binary, not {kind} text")
    candidates = [_codec(declared), "utf-8"]
    if kind == "html":
        m = _META_CHARSET.search(data[:4096])
        candidates.append(_codec(m.group(1).decode("ascii")) if m else None)
    for codec in candidates:
        if not codec:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    best = matches[0] if matches else None
    if best is not None:
        # Short Latin texts fit several code pages equally well; like browsers, prefer
        # windows-1252 among those that fit as well as the best guess.
        close = [m.encoding for m in matches if m.chaos <= best.chaos + 0.05]
        best_name = "cp1252" if "cp1252" in close else best.encoding
    codec = _codec(best_name) if best is not None else None
    if codec is None:
        raise IngestError(f"{name}: cannot tell its character encoding; re-save it as UTF-8")
    return data.decode(codec, errors="replace")


def _strict(name: str, data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name} is not valid {codec.upper()} (byte {exc.start}); re-save it as UTF-8"
        ) from None


def looks_like_markdown(text: str) -> bool:
    """Markdown written into a .txt file: several `#` headings, or headings with links/bold."""
    sample = text[:100_000]
    headings = len(_MD_HEADING.findall(sample))
    marks = len(_MD_LINK.findall(sample)) + len(_MD_BOLD.findall(sample))
    return headings >= 2 or (headings >= 1 and marks >= 2) or marks >= 6


def plain_text(text: str) -> str:
    """Decode HTML entities and drop stray tags; lines and paragraphs stay as written, but a
    word hyphenated across two lines is whole again."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return joined_list_items(rejoined_words(text.replace("\u00a0", " ")))


# A list item's marker at a line's start ("- ", "* ", "• ", "1. ", "2) "), after its indent
_ITEM = re.compile(r"([ \t]{0,12})(?:[-*•]|\d{1,2}[.)])[ \t]{1,4}(?=\S)")


def joined_list_items(text: str) -> str:
    """A hard-wrapped list item on one line again: the lines a wrap carried over from an item
    ("- the patience to reassure nervous patients before and during" / "  treatment") join
    it, so the item is whole, as a list item written on one line is. A carried-over line is
    indented past the item's marker, or goes on in lower case; it is no item of its own and
    follows the item with no blank line between. Lines outside lists stay as written."""
    out: list[list[str]] = []  # each output line as its parts (joined once: linear)
    in_item = False
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        if _ITEM.match(line):
            in_item = True
        elif not body:
            in_item = False
        elif in_item and (len(body) < len(line) or body[:1].islower()):
            out[-1].append(body.rstrip())
            continue
        else:
            in_item = False
        out.append([line])
    return "\n".join(
        parts[0] if len(parts) == 1 else " ".join([parts[0].rstrip(), *parts[1:]]) for parts in out
    )


def rejoined_words(text: str) -> str:
    """Words a hard wrap broke with a hyphen ("electri-" / "cians remain") joined on the first
    line ("electricians" / "remain"); a compound keeps its hyphen ("hands-on")."""
    from .pdf import compound_hyphen

    def join(m: re.Match) -> str:
        left, indent, right, stop, space = m.groups()
        word = left + right if compound_hyphen(left, right) else left[:-1] + right
        # the next line keeps its indent; one that held only the word's end is gone
        return f"{word}{stop}\n{indent}" if space else f"{word}{stop}"

    return _WRAPPED_WORD.sub(join, text)
