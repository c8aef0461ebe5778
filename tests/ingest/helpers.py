"""Small test helpers for the ingest tests: a hand-written PDF, store snapshots, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from knowledge.settings import REPO_ROOT


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF drawing `lines` in Helvetica; [] gives a page with no text."""
    return make_pdf_pages([lines])


def make_pdf_pages(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A valid PDF with one page per list of lines, each drawn in Helvetica; `info` is its
    document information dictionary ({"Title": ..., "CreationDate": "D:2026..."})."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1") if lines else b""
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    if not info:
        return pdf_from_objects(objects)
    entries = " ".join(f"/{k} ({v})" for k, v in info.items()).encode("latin-1")
    objects.append(b"<< " + entries + b" >>")
    return pdf_from_objects(objects, info=len(objects))


def pdf_from_ops(ops: list[str], font: bytes = b"") -> bytes:
    """A one-page PDF whose content stream is these drawing operations ("BT /F1 10 Tf 72 700 Td
    (text) Tj ET": text placed where a layout puts it), in Helvetica; `font`: more entries of
    the font dictionary (b"/Encoding /WinAnsiEncoding")."""
    stream = "\n".join(ops).encode("latin-1")
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
            + (b" " + font if font else b"")
            + b" >>",
        ]
    )


def pdf_from_objects(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF file of numbered objects (1 = catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    tail = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, tail)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def snapshot(kb) -> dict:
    """Everything a write could change: source records, chunk and reference ids and counts."""
    return {
        "records": kb.records(),
        "chunks": kb.chunks.count(),
        "references": kb.references.count(),
        "sources": kb.sources.count(),
        "chunk_ids": sorted(kb.chunks.get(include=[])["ids"]),
        "reference_ids": sorted(kb.references.get(include=[])["ids"]),
    }


def clean_env(**extra: str) -> dict:
    """The environment minus anything that would point a subprocess at a real LLM or server."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ASSISTANT_", "OPENAI_", "CHROMA_"))
    }
    env.update(extra)
    return env


def run_cli(
    *args: str, env: dict | None = None, timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run `python -m ingest ARGS` from the repository root and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args],
        cwd=REPO_ROOT,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_cli_json(*args: str, **kwargs) -> tuple[int, dict]:
    proc = run_cli(*args, "--json", **kwargs)
    try:
        return proc.returncode, json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"not JSON: {proc.stdout!r}\nstderr: {proc.stderr}") from exc


def by_source(report: dict) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in report["sources"]}
