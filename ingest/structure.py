"""Find an article's title, section headings, paragraphs and reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from knowledge.schema import REFERENCES_HEADING, Reference

from .references import entry_id, parse_reference, split_entries

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
            if not markdown and _RULE.match(line):
                # a line of dashes or equals signs: under a heading line it underlines that
                # heading ("Salary" over "------"); anywhere else it only separates
                if pending and _underlined(pending[-1]):
                    heading = pending.pop()
                    if pending:
                        out.append(("\n".join(pending), False))
                        pending = []
                    out.append((heading.rstrip(":"), True))
                continue
            if m:
                if pending:
                    out.append(("\n".join(pending), False))
                    pending = []
                out.append((m.group(1) + " " + m.group(2).strip().strip("*_").strip(), True))
            elif line.strip():
                pending.append(line.strip())
        if pending and not markdown and _heads_its_block(pending):
            first, rest = pending[0], pending[1:]
            asked, answer = _Q_LABEL.match(first), _A_LABEL.match(rest[0])
            if asked and answer:
                # "Q: Do bakers work weekends?" over "A: Yes, ...": the labels say only which
                # line is the question and which the answer, as the heading already does
                first, rest = first[asked.end() :], [rest[0][answer.end() :], *rest[1:]]
            out.append((first.rstrip(":"), True))  # "What electricians do" over its text
            pending = rest
        if pending and not markdown and len(pending) == 1 and (md := _MD_HEADING.match(pending[0])):
            # a Markdown heading line in plain text ("# Agent vs Broker" over the text of a
            # .txt file not read as Markdown): a heading at its level, without the marks
            out.append((md.group(1) + " " + md.group(2).strip(), True))
            continue
        if pending:
            joined = "\n".join(pending)
            heading = not markdown and (is_plain_heading(joined) or _asks(joined))
            if not markdown and not heading and _introduces(out, joined):
                # "A dental nurse needs:" / blank line / "- ...": the list stays with the
                # sentence that introduces it, as in Markdown
                out[-1] = (out[-1][0] + "\n" + joined, False)
                continue
            out.append((joined, heading))
    return out


def _introduces(out: list[tuple[str, bool]], block: str) -> bool:
    """The paragraph before `block` ends in a colon and `block` is a list: the sentence that
    introduces the list, a blank line between them."""
    return (
        bool(out)
        and not out[-1][1]
        and out[-1][0].endswith(":")
        and _LIST_MARK.match(block) is not None
        and all(_LIST_MARK.match(line) for line in block.split("\n"))
    )


# A FAQ's labels: "Q: ..." over "A: ..." (also "Question:" / "Answer:")
_Q_LABEL = re.compile(r"(?:Q|Question)\s{0,2}[:.]\s{1,3}(?=\S)")
_A_LABEL = re.compile(r"(?:A|Answer)\s{0,2}[:.]\s{1,3}(?=\S)")
_RULE = re.compile(r"\s{0,8}(?:-{3,}|={3,}|_{3,}|~{3,}|\*{3,})\s{0,8}$")


def _underlined(line: str) -> bool:
    """A line that reads as a heading when a rule is drawn under it: short, no full stop."""
    return (
        is_plain_heading(line.rstrip(":"))
        or (line.endswith("?") and is_plain_heading(line[:-1]))
        or line.endswith(":")
        and is_plain_heading(line[:-1])
    )


def _asks(line: str) -> bool:
    """A short question standing alone between paragraphs ("Which should you choose?"): a
    plain-text article's heading, as a FAQ's question is the heading of its answer."""
    return line.endswith("?") and "\n" not in line and is_plain_heading(line[:-1])


HEADING_LINE_WORDS = 8  # a heading line over its paragraph with no blank line between


def _heads_its_block(lines: list[str]) -> bool:
    """A plain-text heading written right above its paragraph, with no blank line: a short
    line without closing punctuation ("What electricians do"), then a line at least twice as
    long that opens a sentence. A hard-wrapped paragraph's first line is as long as the next,
    and the next goes on mid-sentence (lower case)."""
    if len(lines) < 2:
        return False
    first, second = lines[0], lines[1]
    if first.endswith("?") and len(first) <= QA_LINE_CHARS and _Q_LABEL.match(first):
        # "Q: How long did it take you to go from ... ?" over "A: ...": the labels mark the
        # question and its answer, however long the question runs
        return _A_LABEL.match(second) is not None
    opens = second[:1].isupper() or _LIST_MARK.match(second) is not None
    if REFERENCES_HEADING.match(first.rstrip(":").strip()) and (opens or _URL_LINE.match(second)):
        return True  # "Sources:" over its entries
    # a short question over its answer heads it too ("Which should you choose?"), as a
    # heading over the list it introduces does ("Skills", then "- Electricians: ...")
    asked = first.endswith("?") and is_plain_heading(first[:-1])
    if asked and len(first) <= QUESTION_LINE_CHARS and len(first) <= len(second) and opens:
        # a FAQ's question over its answer ("Do I need a degree to work in PR?" then "No.
        # ..."): a hard-wrapped paragraph's line is longer, and seldom ends on a "?"
        return True
    return (
        (is_plain_heading(first) or asked)
        and len(first.split()) <= HEADING_LINE_WORDS
        and 2 * len(first) <= len(second)
        and opens
    )


QUESTION_LINE_CHARS = 60  # a question line over its answer, shorter than a wrapped line
QA_LINE_CHARS = 300  # a "Q:" line over its "A:" line: the labels, not the length, mark it
_URL_LINE = re.compile(r"https?://|www\.", re.I)


_LIST_MARK = re.compile(r"[-*•]\s|\d{1,2}[.)]\s")


def parse_article(
    source: str,
    text: str,
    kind: str,
    title_hint: str | None = None,
    *,
    structured: bool | None = None,
) -> Article:
    """Sections and references of cleaned text.

    structured: the text came through a format parser (Markdown, HTML, PDF, Markdown-ish .txt)
    and marks headings with `#`; otherwise plain-text heading rules apply. title_hint is the
    title from the article's metadata, which wins over its first heading.
    """
    markdown = kind != "txt" if structured is None else structured
    blocks = _blocks(text, markdown)
    hint = " ".join((title_hint or "").split())
    title = ""
    if blocks and blocks[0][1] and (not hint or _same(blocks[0][0], hint)):
        title = blocks.pop(0)[0].lstrip("#").strip()
    title = hint or title or _fallback_title(source, blocks, markdown)
    sections: list[Section] = [Section("")]
    ref_blocks: list[str] = []
    in_refs = False
    ancestors: list[tuple[int, Section]] = []  # open headings, outermost first
    for block, heading in blocks:
        if heading:
            # A plain-text question heading sits under the heading before it when that one
            # has no text of its own ("Frequently asked questions" then its questions).
            plain = 2 if block.endswith("?") else 1
            level = len(block) - len(block.lstrip("#")) if block.startswith("#") else plain
            block = block.lstrip("#").strip() or block
            in_refs = bool(REFERENCES_HEADING.match(block.rstrip(":")))
            while ancestors and ancestors[-1][0] >= level:
                ancestors.pop()
            name = block
            if ancestors and not ancestors[-1][1].paragraphs:
                # "## Bootcamp" with no text of its own, then "### Pros": "Bootcamp — Pros".
                name = f"{ancestors[-1][1].heading} — {block}"
            section = Section(name, is_references=in_refs)
            sections.append(section)
            ancestors.append((level, section))
        elif in_refs:
            ref_blocks.append(block)
            sections[-1].paragraphs.append(block)
        else:
            sections[-1].paragraphs.append(block)
    sections = [s for s in sections if s.paragraphs]
    refs = [parse_reference(e, source) for e in split_entries(ref_blocks)]
    kept: dict[str, Reference] = {}
    for r in refs:
        if r.ref_id in kept and kept[r.ref_id].text != r.text:
            # two entries with one label and no URL ("U.S. Bureau of Labor Statistics, 2024"
            # for two of its pages): the second is told apart by its own text
            r = replace(r, ref_id=entry_id(source, r.text))
        kept.setdefault(r.ref_id, r)
    unique = list(kept.values())
    return Article(source, title, sections, unique, text)


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def _fallback_title(source: str, blocks: list[tuple[str, bool]], markdown: bool) -> str:
    """A short first line, else the file name: "cs-degree-vs-bootcamp.txt" -> "Cs degree vs bootcamp"."""
    for block, _ in blocks[:1]:
        first = block.split("\n")[0]
        if not markdown and len(first) <= 120:
            return first
    name = source.rstrip("/").rsplit("/", 1)[-1]
    stem = name.split("?")[0].split(".")[0] or name
    words = " ".join(re.split(r"[-_+\s]+", stem)).strip()
    return (words[:1].upper() + words[1:])[:120] if words else name
