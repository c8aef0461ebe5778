"""What is stored: chunks, references and one record per source, with the metadata keys
defined once. Writers build these records; readers turn Chroma results back into them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

# Collection names.
CHUNKS, REFERENCES, SOURCES = "chunks", "references", "sources"

# Chunk metadata keys.
SOURCE = "source"
VERSION = "version"
TITLE = "title"
SECTION = "section"
CHUNK_INDEX = "chunk_index"
REF_IDS = "ref_ids"
IS_REFERENCE_LIST = "is_reference_list"  # the chunk is part of the article's reference list
# On a chunk of a followed reference: JSON list of {"source", "title"} of the articles citing it.
CITED_BY = "cited_by"
# The chunk's text. Kept in its metadata, not as its Chroma document: Chroma's local segment
# (chromadb 1.5.9, also behind `chroma run`) writes every document into a SQLite full-text
# index whatever the collection's schema says, and no query here searches it (BM25 is our own
# index). That index was ~40% of the write time at 100k chunks. Stores written before keep
# the text as the document; `chunk_text` reads either.
TEXT = "text"

# Followed references (`ingest --follow-references`). On the followed page's source record:
FOLLOWED_FROM = "followed_from"  # JSON list of the article sources whose references led here
FOLLOWED_REF_IDS = "followed_ref_ids"  # JSON list of those reference ids
ETAG, LAST_MODIFIED = "etag", "last_modified"  # HTTP validators: re-ingest asks "changed?"
FETCHED_URL = "fetched_url"  # where the page was found, after redirects
# On a reference record: what happened when it was followed, and the source it became.
FOLLOW_STATUS = "follow_status"  # "fetched", "unchanged", "not fetched: HTTP 403", ...
FOLLOWED_SOURCE = "followed_source"

# Article metadata (on the source record; front matter, HTML meta/byline, PDF info).
AUTHORS = "authors"  # comma-separated names
PUBLISHED = "published"  # ISO date (YYYY-MM-DD) when known
DESCRIPTION = "description"
KIND = "kind"  # txt, md, html, pdf

# A heading that opens an article's reference list, or its list of links ("Links", "External
# links", "See also", "Resources": what a README or a wiki page ends with).
REFERENCES_HEADING = re.compile(
    r"^(references?|sources?|bibliography|works cited|citations|further reading"
    r"|(?:useful |external |related |further )?links|see also"
    r"|(?:useful |external |further |additional )?resources)$",
    re.I,
)


@dataclass
class Chunk:
    id: str
    text: str
    embed_text: str
    metadata: dict


@dataclass
class Reference:
    ref_id: str
    label: str
    authors: str
    year: str
    title: str
    url: str
    text: str

    def as_dict(self) -> dict:
        return asdict(self)


def source_key(source: str) -> str:
    """The id of a source's record in the `sources` collection."""
    return "src-" + hashlib.sha1(source.encode()).hexdigest()[:24]


@dataclass
class Passage:
    id: str
    text: str
    source: str
    title: str
    section: str
    ref_ids: list[str]
    chunk_index: int
    score: float = 0.0
    dense: float = 0.0  # cosine similarity to the query
    bm25: float = 0.0
    is_reference_list: bool = False  # an entry of the article's reference list
    cited_by: list[dict] = field(default_factory=list)  # a followed reference: who cites it
    extra: dict = field(default_factory=dict)

    def public(self) -> dict:
        out = {
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 5),
        }
        if self.cited_by:
            out["cited_by"] = [c.get("title") or c.get("source", "") for c in self.cited_by]
        return out


def json_list(value) -> list:
    """A JSON list stored in a metadata string; anything else reads as empty."""
    try:
        got = json.loads(value) if isinstance(value, str) and value else []
    except ValueError:
        return []
    return got if isinstance(got, list) else []


def chunk_text(document: str | None, meta: dict) -> str:
    """A stored chunk's text: taken out of its metadata (which then holds what it held before
    the text moved there), or its document in a store written before."""
    text = meta.pop(TEXT, None)
    return text if isinstance(text, str) else (document or "")


def passage_from_record(chunk_id: str, text: str, meta: dict) -> Passage:
    """The one place a stored chunk (Chroma id, document, metadata) becomes a Passage."""
    return Passage(
        id=chunk_id,
        text=text,
        source=meta[SOURCE],
        title=meta.get(TITLE, ""),
        section=meta.get(SECTION, ""),
        ref_ids=[r for r in meta.get(REF_IDS, "").split(",") if r],
        chunk_index=int(meta.get(CHUNK_INDEX, 0)),
        is_reference_list=bool(meta.get(IS_REFERENCE_LIST, False)),
        cited_by=[c for c in json_list(meta.get(CITED_BY)) if isinstance(c, dict)],
    )
