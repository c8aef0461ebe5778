"""The one sanitizer for text built from articles that reaches a user (answers, related
reading, library table and status, sources panel, terminal output).

It lets through no images, no HTML and no control or escape sequences. Every pattern has
bounded repetition, so it runs in linear time on any input.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and other two-byte ESC sequences.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,8}[@-~]"
    r"|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]{0,64}[ -/]{0,8}[@-~]"
)
# C0/C1 controls except tab and newline, and bidirectional overrides that reorder text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# Markdown images, inline or reference style, and HTML images: the alt text stays.
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])?")
_HTML_TAG = re.compile(
    r"<!--.{0,10000}?-->|</?[A-Za-z][A-Za-z0-9:-]{0,40}(?:\s[^<>]{0,4000})?/?>", re.S
)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps tab and newline)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def display_text(text: object) -> str:
    """Article-derived text made safe to show: no escapes, controls, images or HTML tags.

    Markdown emphasis, tables and links are left for the renderer, which escapes HTML anyway;
    links are judged separately (only reference URLs may stay in answers).
    """
    if text is None:
        return ""
    out = strip_controls(str(text))
    out = _MD_IMAGE.sub(lambda m: m.group(1), out)
    return _HTML_TAG.sub("", out)


def source_name(source: object) -> str:
    """How a user sees a source: an http(s) URL as it is, a file by its name only (a server's
    paths are nobody's business), through the one sanitizer."""
    from pathlib import PurePosixPath
    from urllib.parse import urlsplit

    value = str(source or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is not None and parts.scheme.lower() in ("http", "https") and parts.netloc:
        return display_text(value)
    return display_text(PurePosixPath(value.replace("\\", "/")).name)
