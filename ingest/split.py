"""Split sections into paragraph-sized chunks that never end mid-sentence."""

from __future__ import annotations

import hashlib

from knowledge.schema import IS_REFERENCE_LIST, Chunk
from knowledge.text import split_sentences

from .references import link_mentions
from .structure import Article


def pack_sentences(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(paragraph):
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
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def chunk_article(article: Article, version: str, max_chars: int = 800) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in article.sections:
        for paragraph in section.paragraphs:
            for text in pack_sentences(paragraph, max_chars):
                index = len(chunks)
                cid = hashlib.sha1(f"{article.source}\n{version}\n{index}".encode()).hexdigest()
                refs = link_mentions(text, article.references)
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
                            IS_REFERENCE_LIST: section.is_references,
                        },
                    )
                )
    return chunks
