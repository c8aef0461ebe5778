"""Split sections into paragraph-sized chunks that never end mid-sentence.

A list stays with the sentence that introduces it, a table is cut between rows, and a
fragment under `MIN_CHARS` merges with its neighbour, so no chunk is a bare list label.
Link URLs (carried after `LINK_MARK` by the format parsers) leave the text for metadata.
"""

from __future__ import annotations

import hashlib
import re

from knowledge.schema import IS_REFERENCE_LIST, Chunk
from knowledge.text import split_sentences

from .formats.markdown import LINK_MARK
from .references import MentionIndex
from .structure import Article

MIN_CHARS = 40  # shorter pieces are scraps: merged with a neighbour
LINKS = "links"  # chunk metadata: space-separated URLs of the links in the chunk
_MARKED = re.compile(LINK_MARK + "([^" + LINK_MARK + r"\s]{1,4000})" + LINK_MARK)


def _units(paragraph: str, max_chars: int) -> list[str]:
    """Lines of a list or table stay whole; prose splits into sentences."""
    if "\n" not in paragraph:
        return split_sentences(paragraph)
    out: list[str] = []
    for line in paragraph.split("\n"):
        if len(line) <= max_chars:
            out.append(line)
        else:
            out += split_sentences(line)
    return out


def pack_sentences(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    sep = "\n" if "\n" in paragraph else " "  # list items and table rows stay one per line
    for sentence in _units(paragraph, max_chars):
        while len(sentence) > max_chars:  # a single overlong sentence: cut at a word boundary
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current}{sep}{sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def _visible(text: str) -> int:
    return len(_MARKED.sub("", text)) if LINK_MARK in text else len(text)


def _pieces(article: Article, max_chars: int) -> list[tuple[int, str]]:
    """(section index, text) pieces with scraps merged into a neighbour.

    A merged piece may exceed max_chars by one scrap (under MIN_CHARS and its heading).
    """
    out: list[tuple[int, str]] = []
    for s, section in enumerate(article.sections):
        for paragraph in section.paragraphs:
            for text in pack_sentences(paragraph, max_chars):
                if out and out[-1][0] == s and _visible(out[-1][1]) < MIN_CHARS:
                    prev = out[-1][1]  # a short lead-in or label joins what follows
                    if len(prev) + len(text) < max_chars + MIN_CHARS:
                        out[-1] = (s, f"{prev}\n{text}")
                        continue
                out.append((s, text))
    sections = article.sections
    merged: list[tuple[int, str]] = []
    for s, text in out:
        if merged and _visible(text) < MIN_CHARS:
            ps, prev = merged[-1]
            if sections[ps].is_references == sections[s].is_references:
                heading = sections[s].heading
                label = f"{heading}: {text}" if ps != s and heading else text
                merged[-1] = (ps, f"{prev}\n{label}")
                continue
        merged.append((s, text))
    if len(merged) > 1 and _visible(merged[0][1]) < MIN_CHARS:
        s, text = merged.pop(0)
        ns, nxt = merged[0]
        if sections[s].is_references == sections[ns].is_references:
            merged[0] = (ns, f"{text}\n{nxt}")
        else:
            merged.insert(0, (s, text))
    return merged


def _entries_in(text: str, references: list) -> list[str]:
    """The ids of the reference entries a chunk of the reference list holds, in its order:
    an entry with no URL and no "(2024)" is found by its own text ("3. Board. Title, 2023.")."""
    flat = " ".join(text.split())
    at = []
    for ref in references:
        entry = " ".join(ref.text.split())
        where = flat.find(entry) if entry else -1
        if where >= 0:
            at.append((where, ref.ref_id))
    return [ref_id for _where, ref_id in sorted(at)]


def chunk_article(article: Article, version: str, max_chars: int = 800) -> list[Chunk]:
    chunks: list[Chunk] = []
    mentions = MentionIndex(article.references)
    for s, marked in _pieces(article, max_chars):
        section = article.sections[s]
        urls: list[str] = []
        text = marked
        if LINK_MARK in marked:
            urls = list(dict.fromkeys(_MARKED.findall(marked)))
            text = _MARKED.sub("", marked).replace(LINK_MARK, "")
        index = len(chunks)
        cid = hashlib.sha1(f"{article.source}\n{version}\n{index}".encode()).hexdigest()
        refs = mentions.find(text, urls)
        if section.is_references:
            refs = list(dict.fromkeys(_entries_in(text, article.references) + refs))
        heading = section.heading or article.title
        chunks.append(
            Chunk(
                id=f"chunk-{cid[:24]}",
                text=text,
                embed_text=f"{article.title}\n{heading}\n{text}",
                metadata={
                    "source": article.source,
                    "version": version,
                    "title": article.title,
                    "section": heading,
                    "chunk_index": index,
                    "ref_ids": ",".join(refs),
                },
            )
        )
        # Only where set: every stored key costs ingest time (readers default it to empty/False).
        if urls:
            chunks[-1].metadata[LINKS] = " ".join(urls)
        if section.is_references:
            chunks[-1].metadata[IS_REFERENCE_LIST] = True
    return chunks
