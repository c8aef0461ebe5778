"""Ingest sources into the knowledge base, versioned: skip unchanged, replace changed, prune."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from knowledge.errors import EmbeddingError, IngestError
from knowledge.store import KnowledgeBase, Prepared, is_complete

from .clean import clean_text
from .load import Loaded, discover, is_url, load, source_id
from .split import chunk_article
from .structure import parse_article

# Write in batches: one Chroma call per ~4000 chunks, not per article. Each call costs a fixed
# part (a dozen fsyncs; persisting the dense index, which walks the graph up to its last
# changed element), so fewer, larger calls are cheaper; Chroma takes at most 5461 records a call.
BATCH_CHUNKS = 4000
# A helper's first batch is smaller, and each next one twice the last up to BATCH_CHUNKS: the
# writer starts once 500 chunks are ready instead of waiting for a whole batch.
FIRST_BATCH_CHUNKS = 500
EMBED_STEP = 256  # texts per embedding call when progress is reported
BACKGROUND_MIN_SOURCES = 100  # below this, starting an embedding process costs more than it saves


@dataclass
class SourceResult:
    source: str
    status: str  # added | updated | unchanged | removed | failed
    title: str = ""
    chunks: int = 0
    references: int = 0
    error: str | None = None
    followed: list[dict] = field(default_factory=list)  # its references: {ref_id, url, status}
    cited_by: list[str] = field(default_factory=list)  # a followed page: the articles citing it


@dataclass
class Report:
    results: list[SourceResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status != "failed" for r in self.results)

    def totals(self) -> dict:
        counts = {s: 0 for s in ("added", "updated", "unchanged", "removed", "failed")}
        for r in self.results:
            counts[r.status] += 1
        counts["chunks"] = sum(r.chunks for r in self.results if r.status in ("added", "updated"))
        return counts

    def as_dict(self) -> dict:
        return {"sources": [asdict(r) for r in self.results], "totals": self.totals()}


# The version of the rules that turn an article's text into sections and passages (headings,
# lists, FAQ labels, splitting). A stored article is "unchanged" only when both its text and
# these rules are: after an upgrade that reads text differently, the next ingest writes every
# article again once, instead of keeping passages cut by the old rules.
PARSED_BY = 26


def version_of(text: str, rules: int = PARSED_BY) -> str:
    """An article's version: its cleaned text read by these rules."""
    return hashlib.sha256(f"{rules}\n{text}".encode()).hexdigest()[:16]


def prepare(value: str, kb: KnowledgeBase, settings, known: dict, allow_private: bool, stage=None):
    """Load and parse one source. Returns (Prepared or None when unchanged, SourceResult).

    stage(name) is told "loading" and "splitting" as they start."""
    try:
        source_id(value).encode("utf-8")
    except UnicodeEncodeError:  # (a ValueError too: caught first)
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise IngestError(
            f"{shown}: the file name is not valid UTF-8; rename the file (e.g. with convmv)"
        ) from None
    except ValueError as exc:  # a port out of range, a malformed IPv6 literal
        raise IngestError(f"{value} is not a valid URL: {exc}") from None
    if stage:
        stage("loading")
    loaded = load(
        value,
        max_bytes=settings.max_source_bytes,
        timeout=settings.fetch_timeout,
        allow_private=allow_private,
        allowed_networks=tuple(settings.allowed_networks),
        max_text_chars=settings.max_text_chars,
    )
    return prepare_loaded(value, loaded, settings, known, stage)


def prepare_loaded(value: str, loaded: Loaded, settings, known: dict, stage=None):
    """Clean, parse and split a loaded source within its budgets; None when unchanged."""
    text = clean_text(loaded.text)
    if len(text.split()) < 5:
        raise IngestError(f"{value} has no article text left after removing page boilerplate")
    version = version_of(text)
    previous = known.get(loaded.source)
    # Same text, completely written: nothing to parse or write. A record left pending or
    # half-removed by a stopped writer is written again.
    if previous and previous.get("version") == version and is_complete(previous):
        return None, SourceResult(
            loaded.source,
            "unchanged",
            previous.get("title", ""),
            previous["chunks"],
            previous["references"],
        )
    if stage:
        stage("splitting")
    article = parse_article(
        loaded.source, text, loaded.kind, loaded.title_hint, structured=loaded.structured
    )
    _bound_headings(article)
    # References first: linking mentions costs chunks x references.
    refs = len(article.references)
    _within_budget(value, "references", refs, settings.max_references_per_source, "REFERENCES")
    chunks = chunk_article(article, version, settings.chunk_chars)
    if not chunks:
        raise IngestError(f"{value} produced no passages")
    _within_budget(value, "passages", len(chunks), settings.max_chunks_per_source, "CHUNKS")
    prepared = Prepared(
        loaded.source,
        version,
        article.title,
        loaded.kind,
        chunks,
        None,  # embedded in batches at flush time: one model call for many articles
        article.references,
        None,
        replaces=previous is not None,
        extra={k: v for k, v in loaded.meta.items() if k != "title" and v},
    )
    status = "updated" if previous else "added"
    return prepared, SourceResult(
        loaded.source, status, article.title, len(chunks), len(article.references)
    )


MAX_HEADING_CHARS = 300  # a title or heading longer than this is cut (each chunk carries both)


def _short(text: str) -> str:
    if len(text) <= MAX_HEADING_CHARS:
        return text
    cut = text.rfind(" ", MAX_HEADING_CHARS // 2, MAX_HEADING_CHARS)
    return text[: cut if cut > 0 else MAX_HEADING_CHARS].rstrip() + "…"


def _bound_headings(article) -> None:
    """Cut overlong titles and headings: every chunk stores and embeds its title and heading,
    so a megabyte heading would otherwise be copied into every chunk of the article."""
    article.title = _short(article.title)
    for section in article.sections:
        section.heading = _short(section.heading)


def _within_budget(value: str, what: str, n: int, limit: int, setting: str) -> None:
    if n > limit:
        raise IngestError(
            f"{value} has {n:,} {what}, over the {limit:,} limit "
            f"(raise ASSISTANT_MAX_{setting}_PER_SOURCE to allow it)"
        )


def texts_of(batch: list[Prepared]) -> list[str]:
    return [c.embed_text for p in batch for c in p.chunks] + [
        r.text for p in batch for r in p.references
    ]


def embed_all(embedder, batch: list[Prepared], progress=None) -> None:
    """Embed every chunk and reference of a batch of articles: one call, or slices of
    EMBED_STEP texts when progress("embedding", done, total) is to be reported."""
    texts = texts_of(batch)
    if progress is None:
        assign(batch, embedder.embed_batch(texts))
        return
    parts = []
    for start in range(0, len(texts), EMBED_STEP):
        progress("embedding", start, len(texts))
        parts.append(embedder.embed_batch(texts[start : start + EMBED_STEP]))
    progress("embedding", len(texts), len(texts))
    assign(batch, np.concatenate(parts) if parts else embedder.embed_batch([]))


def assign(batch: list[Prepared], vectors) -> None:
    at = 0
    for p in batch:
        p.chunk_vectors = vectors[at : at + len(p.chunks)]
        at += len(p.chunks)
    for p in batch:
        p.reference_vectors = vectors[at : at + len(p.references)]
        at += len(p.references)


def ingest_sources(
    inputs: list[str],
    kb: KnowledgeBase,
    settings,
    *,
    prune: bool = False,
    allow_private: bool | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    follow: bool | None = None,
) -> Report:
    """Ingest files, folders and URLs. Bad sources fail alone; good ones still land.

    progress(stage, done, total) names each stage as it runs: "loading" and "splitting"
    (done/total count sources), "embedding" (texts) and "storing" (articles).

    With `follow` (default: the follow_references setting) the pages the articles' references
    link to are ingested too, see ingest.follow."""
    allow = settings.allow_private_urls if allow_private is None else allow_private
    follow = settings.follow_references if follow is None else follow
    report = Report()
    values, missing = discover(inputs)
    report.results += [SourceResult(_safe_id(v), "failed", error=e) for v, e in missing]
    with kb.writing():
        known = kb.records(fresh=True)  # what is stored, not what a reader kept
        large = len(values) >= BACKGROUND_MIN_SOURCES
        if large and kb.embedder.name.startswith("wordllama") and not any(map(is_url, values)):
            _ingest_in_helper(values, kb, settings, known, allow, report, on_progress, progress)
        else:
            _ingest_here(values, kb, settings, known, allow, report, on_progress, progress)
        if on_progress:
            on_progress(len(values), len(values), "")
        if follow:
            from .follow import follow_references

            follow_references(kb, settings, report, allow)
        if prune:
            present = {_safe_id(v) for v in values}
            roots = [source_id(i) for i in inputs if not is_url(i) and _listable(i)]
            pruned = set()
            for source in sorted(known):
                under = any(source == r or source.startswith(r.rstrip("/") + "/") for r in roots)
                if under and source not in present and _surely_gone(source):
                    kb.remove(source)
                    pruned.add(source)
                    report.results.append(SourceResult(source, "removed"))
            if pruned:
                report.results += _release(kb, pruned)
    return report


def _ingest_here(values, kb, settings, known, allow, report, on_progress, progress) -> None:
    """Read, split, embed and write the sources in this process (embedding in a helper process
    for many sources with WordLlama, overlapped with the writes)."""
    background = None
    if len(values) >= BACKGROUND_MIN_SOURCES and kb.embedder.name.startswith("wordllama"):
        from .embed_worker import BackgroundEmbedder

        background = BackgroundEmbedder(settings.max_embed_chars)
    batcher = _Batcher(kb, report, known, background, progress)
    try:
        for i, value in enumerate(values):
            if on_progress:
                on_progress(i, len(values), value)
            stage = (lambda name, i=i: progress(name, i, len(values))) if progress else None
            prepared, result = _prepare_one(value, kb, settings, known, allow, stage)
            if prepared is None:
                report.results.append(result)
            else:
                batcher.add(prepared, result)
        batcher.flush()
        batcher.finish()
    finally:
        if background is not None:
            background.close()


def _ingest_in_helper(values, kb, settings, known, allow, report, on_progress, progress) -> None:
    """Many local files with WordLlama: a helper process reads, splits and embeds them, a batch
    at a time, while this process writes the batch before (ingest.embed_worker). Writing is
    most of this process's work then; the helper's share is about the same on two cores."""
    from .embed_worker import BackgroundPreparer

    batcher = _Batcher(kb, report, known, None, progress)
    helper = BackgroundPreparer(settings, values, known, allow, BATCH_CHUNKS, FIRST_BATCH_CHUNKS)
    try:
        done = 0
        for batch in helper.batches():
            ready = []
            for prepared, result in batch:
                if on_progress:
                    on_progress(done, len(values), values[done])
                if progress:
                    progress("splitting", done, len(values))
                done += 1
                if prepared is None:
                    report.results.append(result)
                else:
                    ready.append((prepared, result))
            batcher.write(ready)
    finally:
        helper.close()


def written(prepared: Prepared) -> dict:
    """What a source's record says once `prepared` is written: enough for `prepare` to find
    the same text again unchanged (a source listed twice is written once)."""
    return {
        "version": prepared.version,
        "title": prepared.title,
        "chunks": len(prepared.chunks),
        "references": len(prepared.references),
    }


def _release(kb: KnowledgeBase, removed: set[str]) -> list[SourceResult]:
    """Removed articles no longer cite anything: drop the followed pages they alone brought in."""
    from .follow import relink

    return relink(kb, {}, removed)


def _listable(root: str) -> bool:
    """Prune only under a folder that exists and can be read now: a folder that is missing
    (renamed, unmounted) or unreadable says nothing about which of its sources are gone."""
    path = os.path.expanduser(root)
    if not os.path.isdir(path):
        return os.path.isfile(path)  # a file input prunes nothing but itself
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError:
        return False
    return True


def _surely_gone(source: str) -> bool:
    """The file is missing and the nearest folder above it that exists can be read: a file in
    an unreadable subfolder (which a folder walk skips) is not taken for deleted."""
    if os.path.lexists(source):
        return False
    folder = os.path.dirname(source)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return _listable(folder) and os.access(folder, os.R_OK | os.X_OK)


def _safe_id(value: str) -> str:
    """The source id, or the value itself when it cannot be normalized (a malformed URL)."""
    try:
        return source_id(value)
    except Exception:  # noqa: BLE001 - any malformed input still gets a row in the report
        return value


def _prepare_one(value: str, kb: KnowledgeBase, settings, known: dict, allow: bool, stage=None):
    """`prepare`, with anything that goes wrong with one source turned into its failed result:
    the run goes on, and the good sources are written."""
    try:
        return prepare(value, kb, settings, known, allow, stage)
    except (IngestError, EmbeddingError) as exc:
        return None, SourceResult(_safe_id(value), "failed", error=str(exc))
    except OSError as exc:
        msg = f"cannot read {value}: {exc.strerror or exc}"
        return None, SourceResult(_safe_id(value), "failed", error=msg)
    except ValueError as exc:  # malformed URLs (a port out of range, a bad IPv6 literal)
        return None, SourceResult(_safe_id(value), "failed", error=f"{value}: {exc}")
    except (MemoryError, RecursionError) as exc:
        msg = f"{value} is too large or too deeply nested to read ({type(exc).__name__})"
        return None, SourceResult(_safe_id(value), "failed", error=msg)
    except Exception as exc:  # noqa: BLE001 - a bug deep in a parser fails this source only
        msg = f"{value} could not be read ({type(exc).__name__}: {exc})"
        return None, SourceResult(_safe_id(value), "failed", error=msg)


class _Batcher:
    """Collects prepared articles, embeds them together and writes each batch.

    With a background embedder, batch k+1 is embedded in a helper process while batch k is
    written, so the two costs overlap on a multi-core machine.
    """

    def __init__(self, kb, report: Report, known: dict, background=None, progress=None):
        self.kb, self.report, self.known, self.progress = kb, report, known, progress
        self.pending: list[tuple[Prepared, SourceResult]] = []
        self.pending_chunks = 0  # chunks in `pending` (a running count: O(1) per article)
        self.background = background
        self.embedding: tuple | None = None  # (future, batch) being embedded in the background

    def add(self, prepared: Prepared, result: SourceResult) -> None:
        self.pending.append((prepared, result))
        self.pending_chunks += len(prepared.chunks)
        if self.pending_chunks >= BATCH_CHUNKS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending, self.pending_chunks = self.pending, [], 0
        if self.background is not None:
            future = self.background.submit(texts_of([p for p, _ in batch]))
            self.finish()
            self.embedding = (future, batch)
            return
        try:
            embed_all(self.kb.embedder, [p for p, _ in batch], self.progress)
            ready = batch
        except EmbeddingError:
            ready = []
            for p, r in batch:  # embed one by one to find which article fails
                try:
                    embed_all(self.kb.embedder, [p])
                    ready.append((p, r))
                except EmbeddingError as exc:
                    self.report.results.append(SourceResult(r.source, "failed", error=str(exc)))
        self.write(ready)

    def finish(self) -> None:
        """Write the batch whose background embedding is under way, once it is done."""
        if self.embedding is not None:
            future, batch = self.embedding
            self.embedding = None
            assign([p for p, _ in batch], future.result())
            self.write(batch)

    def write(self, ready: list[tuple[Prepared, SourceResult]]) -> None:
        if ready:
            if self.progress:
                self.progress("storing", 0, len(ready))
            self.kb.put([p for p, _ in ready])
            if self.progress:
                self.progress("storing", len(ready), len(ready))
            self.report.results.extend(r for _, r in ready)
            self.known.update({p.source: written(p) for p, _ in ready})


def remove_source(kb: KnowledgeBase, value: str) -> Report:
    source = source_id(value)
    with kb.writing():
        record = kb.record(source)
        if record is None:
            return Report([SourceResult(source, "failed", error=f"{value} is not in the store")])
        kb.remove(source)
        released = _release(kb, {source})
    return Report(
        [
            SourceResult(
                source,
                "removed",
                record.get("title", ""),
                record.get("chunks", 0),
                record.get("references", 0),
            )
        ]
        + released
    )
