"""Find sources and turn each into plain text with Markdown-style headings."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.errors import IngestError
from knowledge.schema import AUTHORS, PUBLISHED, TITLE

from .fetch import fetch, normalize_url
from .formats.html import html_article
from .formats.markdown import render
from .formats.meta import byline, without_author_bio
from .formats.pdf import budget_error, pdf_article, running_lines
from .formats.text import decode_text, looks_like_markdown, plain_text

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SUPPORTED = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdx": "md",  # Markdown with JSX components and ES module lines (MDX)
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


@dataclass
class Loaded:
    source: str  # identity: absolute path or normalized URL
    kind: str  # txt | md | html | pdf
    text: str  # decoded text; Markdown for html and md
    title_hint: str | None = None
    meta: dict = field(default_factory=dict)  # title, authors, published, description
    structured: bool = True  # headings marked with "#" by a format parser


def is_url(value: str) -> bool:
    return "://" in value or value.lower().startswith(("data:", "file:", "mailto:", "javascript:"))


def source_id(value: str) -> str:
    # os.path.realpath, not Path.resolve: on Python 3.11 the latter raises on a symlink loop.
    return normalize_url(value) if is_url(value) else os.path.realpath(os.path.expanduser(value))


def discover(inputs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand folders into supported files. Returns (sources, [(input, error)])."""
    found: list[str] = []
    errors: list[tuple[str, str]] = []
    for raw in inputs:
        if is_url(raw):
            found.append(raw)
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            files, broken = _walk(path)
            found.extend(str(p) for p in files)
            errors += [(str(b), f"{b} is a broken or looping symlink") for b in broken]
            if not files and not broken:
                errors.append((raw, f"{raw} has no .txt, .md, .html, .htm or .pdf files"))
        elif path.is_file():
            found.append(str(path.resolve()))
        elif path.is_symlink():
            errors.append((raw, f"{raw} is a broken or looping symlink"))
        else:
            errors.append((raw, f"{raw} does not exist"))
    return list(dict.fromkeys(found)), errors


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Supported files under root, and supported-looking symlinks that lead nowhere."""
    # followlinks=False: a symlinked folder cannot make the walk loop forever.
    out: list[Path] = []
    broken: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if p.suffix.lower() not in SUPPORTED or name.startswith("."):
                continue
            if p.is_file():
                out.append(p.resolve())
            elif p.is_symlink():
                broken.append(p)
    return out, broken


def load(
    value: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    allowed_networks: tuple[str, ...] = (),
    max_text_chars: int | None = None,
) -> Loaded:
    if is_url(value):
        got = fetch(
            value,
            timeout=timeout,
            max_bytes=max_bytes,
            allow_private=allow_private,
            allowed_networks=allowed_networks,
        )
        charset = getattr(got, "charset", None)
        return decode(got.url, got.kind, got.data, charset=charset, max_text_chars=max_text_chars)
    path = Path(value)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; "
            "use .txt, .md, .markdown, .mdx, .html, .htm or .pdf"
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(
            f"{path.name} is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise ASSISTANT_MAX_SOURCE_BYTES to allow it)"
        )
    return decode(str(path.resolve()), kind, path.read_bytes(), max_text_chars=max_text_chars)


def decode(
    source: str,
    kind: str,
    data: bytes,
    *,
    charset: str | None = None,
    max_text_chars: int | None = None,
) -> Loaded:
    """Bytes of one source as normalised text plus its metadata.

    charset is the one an HTTP header declared; max_text_chars the extracted-text budget
    (default: ASSISTANT_MAX_TEXT_CHARS), enforced while extracting.
    """
    name = source.rsplit("/", 1)[-1] or source
    if max_text_chars is None:  # callers with settings pass theirs; this is its default
        from knowledge.settings import Settings

        max_text_chars = Settings.model_fields["max_text_chars"].default
    if not data.strip():
        raise IngestError(f"{name} is empty")
    if kind == "pdf":
        text, meta = pdf_article(name, data, max_text_chars)
        text = without_author_bio(text, meta.get(AUTHORS, ""))
        return Loaded(source, kind, text, meta.get(TITLE), meta)
    text = decode_text(name, kind, data, charset)
    if len(text) > max_text_chars:
        raise budget_error(name, max_text_chars)
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 0.01 * min(len(text), 8192):
        raise IngestError(f"{name} looks binary: it is full of control characters")
    if kind == "html":
        body, meta = html_article(name, text)
        return Loaded(source, "html", body, meta.get(TITLE), meta)
    if kind == "md" or looks_like_markdown(text):
        rendered = render(text)
        meta = _with_byline(rendered.meta, rendered.text)
        # (the byline paragraph, "By Jane Doe", said who wrote it: as text it would run into
        # the first sentence, which has no full stop between them)
        body = without_author_bio(
            _without_byline(rendered.text, BYLINE_WORDS), meta.get(AUTHORS, "")
        )
        return Loaded(source, kind, body, meta.get(TITLE), meta)
    body = without_running_lines(plain_text(text))
    meta = _with_byline({}, body)
    body = without_author_bio(_without_byline(body), meta.get(AUTHORS, ""))
    return Loaded(source, kind, body, None, meta, structured=False)


def _with_byline(meta: dict, text: str) -> dict:
    """meta completed with the authors and date a byline near the top of the text gives
    (front matter, when it names them, wins)."""
    if AUTHORS in meta and PUBLISHED in meta:
        return meta
    lines = [ln for ln in text[:2000].split("\n") if ln.strip() and not ln.startswith("#")]
    found, _ = byline(lines)
    return {**found, **meta}


BYLINE_CHARS = 2000  # the top of a text where a byline is looked for
BYLINE_WORDS = 14  # a Markdown byline line dropped from the text is no longer than this


def _without_byline(text: str, max_words: int | None = None) -> str:
    """A plain text without the byline lines near its top ("By Jane Doe", "Published June
    3, 2024"): they say who wrote it and when, which its metadata keeps, and as text they
    would be a passage of their own. Only lines standing alone as a paragraph are dropped;
    with `max_words`, only those that short (a longer one holds prose beside its byline: "A
    community-maintained guide comparing two careers. Maintained by ...")."""
    head, tail = text[:BYLINE_CHARS], text[BYLINE_CHARS:]
    lines = head.split("\n")
    shown = [(i, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    _found, used = byline([ln for _i, ln in shown])
    drop = {shown[u][0] for u in used}
    if not drop or (max_words and any(len(lines[i].split()) > max_words for i in drop)):
        return text
    # the article's title line right above its byline ("Title" / "Interview by Jane Doe" /
    # "Published: 2 February 2025", no blank line between) is no prose: it stays, alone
    title = shown[0][0] if shown and shown[0][0] not in drop else None
    for i in drop:
        block = _paragraph_of(lines, i)
        if not block <= drop | {title}:  # the byline shares its paragraph with prose: keep it
            return text
    kept = [ln + "\n" if i == title else ln for i, ln in enumerate(lines) if i not in drop]
    return "\n".join(kept) + tail


def _paragraph_of(lines: list[str], i: int) -> set[int]:
    """The indexes of the non-blank lines of the paragraph holding line i."""
    start = i
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = i
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return set(range(start, end + 1))


def without_running_lines(text: str) -> str:
    """A paged plain text (pages split by form feeds, as a PDF saved as text is) without the
    repeats of its running headers and footers: lines repeated at the top or bottom of many
    pages ("Institute | Report title", "Series 2022   Page 3 of 9"), which would otherwise read
    as headings or prose in the middle of a section. A header's first printing, above the first
    page's text, stays: it is often the document's short title ("School Nurse vs. Teacher"),
    the only place its roles are named as a pair. The form feeds become paragraph breaks."""
    if "\f" not in text:
        return text
    pages = text.split("\f")
    lines = [[ln for ln in page.split("\n") if ln.strip()] for page in pages]
    furniture = running_lines([[" ".join(ln.split()) for ln in page] for page in lines])
    kept = []
    for number, page in enumerate(pages):
        shown = [i for i, ln in enumerate(page.split("\n")) if ln.strip()]
        ends = set((shown[:2] if number else []) + shown[-2:])
        rows = page.split("\n")
        kept.append(
            "\n".join(
                ln
                for i, ln in enumerate(rows)
                if i not in ends or re.sub(r"\d+", "#", " ".join(ln.split())) not in furniture
            )
        )
    return "\n\n".join(kept)
