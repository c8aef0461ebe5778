"""How a stored chunk becomes lexical terms: the one tokenization the index and the
retriever share (knowledge.text words, stems and stopwords; section terms count for every
chunk of the section)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..schema import IS_REFERENCE_LIST, REF_IDS, SECTION, TITLE
from ..text import STOPWORDS, content_terms, stem, words

# Capitalized runs such as "Machine Learning Engineer"; bounded, so linear in the text.
_CAPITALIZED_RUN = re.compile(r"(?:[A-Z][a-z]{1,30} ){1,4}[A-Z][a-z]{1,30}")


def acronyms(texts: list[str]) -> dict[str, str]:
    """ "ML" -> "machine learning", from capitalized runs such as "Machine Learning Engineer".
    The first run spelling an acronym wins."""
    out: dict[str, str] = {}
    for text in texts:
        for run in _CAPITALIZED_RUN.findall(text):
            parts = run.split()
            for i in range(len(parts)):
                for j in range(i + 2, len(parts) + 1):
                    out.setdefault(
                        "".join(p[0] for p in parts[i:j]).upper(), " ".join(parts[i:j]).lower()
                    )
    return out


def chunk_terms(text: str, section_terms: list[str]) -> tuple[list[str], set[str]]:
    """BM25 tokens of a chunk (section terms first) and the set of its surface words."""
    doc_words = words(text)
    body = [stem(w) for w in doc_words if w not in STOPWORDS and len(w) > 1]
    return section_terms + body, set(doc_words)


@dataclass
class SourceDoc:
    """One source's chunks, tokenized, with what the index derives from them."""

    source: str
    version: str
    title: str
    ids: list[str] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)
    surface: list[set[str]] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_chunks(
        cls, source: str, version: str, title: str, ids: list[str], docs: list[str], metas: list
    ) -> SourceDoc:
        """Chunks in any order; they are kept in chunk order so results do not depend on how
        the store returned them."""
        order = sorted(range(len(ids)), key=lambda i: (int(metas[i].get("chunk_index", 0)), ids[i]))
        out = cls(source, version, title)
        sections: dict[str, list[str]] = {}
        for i in order:
            meta = metas[i]
            section = meta.get(SECTION, "")
            if section not in sections:
                sections[section] = content_terms(section)
            tokens, surface = chunk_terms(docs[i], sections[section])
            out.ids.append(ids[i])
            out.tokens.append(tokens)
            out.surface.append(surface)
            ref = meta.get(REF_IDS, "")
            if ref and "," not in ref and meta.get(IS_REFERENCE_LIST):
                out.refs.setdefault(ref, ids[i])
        titles = list(dict.fromkeys(metas[i].get(TITLE, "") for i in order))
        out.acronyms = acronyms([docs[i] for i in order] + titles + [title])
        return out
