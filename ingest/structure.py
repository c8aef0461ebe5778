"""Find an article's title, section headings, paragraphs and reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.schema import REFERENCES_HEADING, Reference

from .references import parse_reference, split_entries

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# A URL or "(2024)" anywhere marks a reference entry or a link line, never a heading.
_NOT_HEADING = re.compile(r"https?://|www\.|\((?:19|20)\d{2}[a-z]?\)", re.I)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    is_references: bool = False  # the article's reference list


@dataclass
class Article:
    source: str
    title: str
    sections: list[Section]
    references: list[Reference]
    text: str  # cleaned text: the version hash is taken from it


def is_plain_heading(block: str) -> bool:
    """Short single line without closing punctuation: how plain-text articles mark headings."""
    if "\n" in block or len(block) > 120 or _NOT_HEADING.search(block):
        return False
    if block.endswith((".", "!", "?", ",", ";", ":", ")", '"', "”")) or not re.search(
        r"[A-Za-z]", block
    ):
        return False
    return len(block.split()) <= 14


def _blocks(text: str, markdown: bool) -> list[tuple[str, bool]]:
    """(block, is_heading) pairs; Markdown headings split off even without blank lines."""
    out: list[tuple[str, bool]] = []
    for block in re.split(r"\n\s*\n", text):
        pending: list[str] = []
        for line in block.split("\n"):
            m = _MD_HEADING.match(line.strip()) if markdown else None
            if m:
                if pending:
                    out.append(("\n".join(pending), False))
                    pending = []
                out.append((m.group(2).strip().strip("*_").strip(), True))
            elif line.strip():
                pending.append(line.strip())
        if pending:
            joined = "\n".join(pending)
            out.append((joined, not markdown and is_plain_heading(joined)))
    return out


def _strip_md(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 \2", text)
    # Emphasis markers only where they wrap words: "window.__xss" in an article stays as written.
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)__(\S(?:.*?\S)?)__(?!\w)", r"\1", text)
    return text.replace("`", "")


def parse_article(source: str, text: str, kind: str, title_hint: str | None = None) -> Article:
    markdown = kind in ("md", "html")
    blocks = _blocks(text, markdown)
    title = ""
    if blocks and blocks[0][1]:
        title = blocks.pop(0)[0]
    title = title or (title_hint or "").strip() or _fallback_title(source, blocks)
    sections: list[Section] = [Section("")]
    ref_blocks: list[str] = []
    in_refs = False
    for block, heading in blocks:
        if heading:
            in_refs = bool(REFERENCES_HEADING.match(block.rstrip(":")))
            sections.append(Section(block, is_references=in_refs))
        elif in_refs:
            ref_blocks.append(block)
            sections[-1].paragraphs.append(block)
        else:
            sections[-1].paragraphs.append(_strip_md(block) if markdown else block)
    sections = [s for s in sections if s.paragraphs]
    refs = [parse_reference(e, source) for e in split_entries(ref_blocks)]
    unique = list({r.ref_id: r for r in refs}.values())
    return Article(source, title, sections, unique, text)


def _fallback_title(source: str, blocks: list[tuple[str, bool]]) -> str:
    for block, _ in blocks:
        first = block.split("\n")[0]
        return first if len(first) <= 120 else first[:117] + "..."
    return source.rsplit("/", 1)[-1]
