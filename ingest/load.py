"""Find sources and turn each into plain text with Markdown-style headings."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import IngestError

from .fetch import fetch, normalize_url

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SUPPORTED = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
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
) -> Loaded:
    if is_url(value):
        got = fetch(
            value,
            timeout=timeout,
            max_bytes=max_bytes,
            allow_private=allow_private,
            allowed_networks=allowed_networks,
        )
        return decode(got.url, got.kind, got.data)
    path = Path(value)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; "
            "use .txt, .md, .html, .htm or .pdf"
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(
            f"{path.name} is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise ASSISTANT_MAX_SOURCE_BYTES to allow it)"
        )
    return decode(str(path.resolve()), kind, path.read_bytes())


def decode(source: str, kind: str, data: bytes) -> Loaded:
    name = source.rsplit("/", 1)[-1] or source
    if not data.strip():
        raise IngestError(f"{name} is empty")
    if kind == "pdf":
        return Loaded(source, kind, _pdf_text(name, data))
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name} looks binary, not {kind} text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name} is not valid UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from None
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 0.01 * min(len(text), 8192):
        raise IngestError(f"{name} looks binary: it is full of control characters")
    if kind == "html":
        return _html(name, source, text)
    return Loaded(source, kind, text)


def _html(name: str, source: str, html: str) -> Loaded:
    import trafilatura

    md = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_links=False,
        include_images=False,
        include_formatting=True,  # without it headings come out as plain lines
        include_tables=True,
        favor_recall=True,
    )
    if not md or not md.strip():
        raise IngestError(f"{name} has no readable article text")
    meta = trafilatura.extract_metadata(html)
    return Loaded(source, "html", md, title_hint=(meta.title if meta else None))


def _pdf_text(name: str, data: bytes) -> str:
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # corrupt files raise almost anything from deep inside pypdf
        raise IngestError(f"{name} is not a readable PDF: {exc}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise IngestError(f"{name} has no text layer (a scanned PDF?); run OCR on it first")
    return text
