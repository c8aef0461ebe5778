"""The knowledge base in Chroma: chunks, references and one record per source."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import EmbeddingError, StoreError
from .schema import (
    CHUNKS,
    IS_REFERENCE_LIST,
    REFERENCES,
    SOURCES,
    TEXT,
    Chunk,
    Reference,
    chunk_text,
    source_key,
)

log = logging.getLogger(__name__)
LOCK_NAME = "writer.lock"
RECORDS_FILE = "records.json"  # the source records as last read, with their stamp (a cache)
STAMP_ID = "store-stamp"  # a record in `sources` whose token changes on every write
CHANGED_AT = "changed_at"  # on source records and removal marks: write time in microseconds
REMOVED = "removed"  # a removal mark in `sources` names the removed source under this key


def _now_us() -> int:
    return time.time_ns() // 1000


def removal_key(source: str) -> str:
    return "del-" + source_key(source)


# A source record's state: complete, or left behind by a writer that stopped mid-way.
STATE = "state"
COMPLETE, PENDING, REMOVING = "complete", "pending", "removing"
PREVIOUS = "previous_"  # prefix of the fields a pending record keeps of the complete version
_KEPT = ("version", "title", "chunks", "references")

# What `repair` does about a problem.
ROLL_FORWARD = "finish writing the new version"
ROLL_BACK = "restore the previous complete version"
DROP_STALE = "delete the chunks of other versions"
REMOVE = "remove the source (ingest it again to restore it)"
ORPHANED = "delete them"


def is_complete(record: dict | None) -> bool:
    """A record written by a writer that finished (records from before states are complete)."""
    return record is not None and record.get(STATE, COMPLETE) == COMPLETE


@dataclass
class Problem:
    source: str
    detail: str
    action: str

    def as_dict(self) -> dict:
        return {"source": self.source, "problem": self.detail, "repair": self.action}


def _previous(record: dict | None) -> dict:
    """The complete version a pending record falls back to: the stored one, if complete."""
    if record is None:
        return {}
    if is_complete(record):
        return {PREVIOUS + k: record[k] for k in _KEPT if k in record}
    return {k: v for k, v in record.items() if k.startswith(PREVIOUS)}


def _settled(record: dict) -> dict:
    out = {k: v for k, v in record.items() if not k.startswith(PREVIOUS)}
    out[STATE] = COMPLETE
    return out


def _judge(source: str, record: dict, chunks: dict, refs: dict) -> list[Problem]:
    """Compare one record with the chunk and reference counts per version."""
    version = record.get("version", "")

    def has(v: str, n_chunks, n_refs) -> bool:
        return chunks.get((source, v), 0) == n_chunks and refs.get((source, v), 0) == n_refs

    others = sum(n for (s, v), n in chunks.items() if s == source and v != version)
    others += sum(n for (s, v), n in refs.items() if s == source and v != version)
    state = record.get(STATE, COMPLETE)
    found = f"{chunks.get((source, version), 0)} of {record.get('chunks')} chunks"
    if state == REMOVING:
        return [Problem(source, "a removal was interrupted", REMOVE)]
    if state == PENDING:
        if has(version, record.get("chunks"), record.get("references")):
            return [Problem(source, f"a write was interrupted ({found} stored)", ROLL_FORWARD)]
        prev = record.get(PREVIOUS + "version")
        if prev and has(prev, record.get(PREVIOUS + "chunks"), record.get(PREVIOUS + "references")):
            return [Problem(source, f"a write was interrupted ({found} stored)", ROLL_BACK)]
        return [Problem(source, f"a write was interrupted ({found} stored)", REMOVE)]
    if not has(version, record.get("chunks"), record.get("references")):
        n_refs = refs.get((source, version), 0)
        detail = f"{found} and {n_refs} of {record.get('references')} references are stored"
        return [Problem(source, detail, REMOVE)]
    if others:
        return [Problem(source, f"{others} chunks or references of other versions", DROP_STALE)]
    return []


def is_store_outage(exc: BaseException | None) -> bool:
    """A connection-level failure talking to Chroma (server down, refused, reset)."""
    import httpx

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError)):
            return True
        if "could not connect" in str(exc).lower() or "connection refused" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def unreachable(settings, exc: BaseException | None = None) -> str:
    """The message for a Chroma server that cannot be reached, naming how to fix it."""
    detail = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
    return (
        f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
        f"{detail}; start it with `chroma run --path DIR --port {settings.chroma_port}` "
        "or unset CHROMA_HOST to use the local store"
    )


def make_client(settings):
    """A Chroma server client when CHROMA_HOST is set, else an embedded store in settings.store."""
    from .quick_imports import unchecked_overrides

    with unchecked_overrides():  # chromadb imports more modules as the client is made
        return _make_client(settings)


def _make_client(settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:
            raise StoreError(unreachable(settings, exc)) from None
    store = Path(settings.store)
    try:
        store.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise StoreError(
            f"the store {store} is a file, not a folder: pass a folder with --store "
            "(or ASSISTANT_STORE), e.g. a new empty one"
        ) from None
    return chromadb.PersistentClient(path=str(settings.store), settings=chroma_settings)


def open_knowledge_base(settings, client=None, embedder=None) -> KnowledgeBase:
    from .embeddings import get_embedder

    if embedder is None:
        try:
            embedder = get_embedder(settings)
        except (ValueError, EmbeddingError) as exc:
            raise StoreError(str(exc)) from None
    client = client if client is not None else make_client(settings)
    lock = None if settings.chroma_host else Path(settings.store) / LOCK_NAME
    return KnowledgeBase(client, embedder, lock_path=lock, lexical_dir=lexical_dir(settings))


def lexical_dir(settings) -> Path:
    """Where the persisted lexical index lives: inside an embedded store's folder; for a
    Chroma server, in this replica's own cache folder (ASSISTANT_LEXICAL_CACHE)."""
    if settings.chroma_host:
        return Path(settings.lexical_cache) / f"{settings.chroma_host}-{settings.chroma_port}"
    return Path(settings.store) / "lexical"


# Chunk metadata that is only read, never filtered on: indexing it costs ingest time.
_UNFILTERED_CHUNK_KEYS = ("title", "section", "ref_ids", "links", TEXT)


# Search breadth of the dense index. The graph is built on several threads, so with a narrow
# search two processes can miss different neighbours (seen at rank ~14 of 1,300 chunks with
# ef 100): 400 returns the same passages in every process, for about a millisecond more.
EF_SEARCH = 400


def _widen_search(col) -> None:
    """Stores made with a narrower search get the same breadth (an O(1) setting change)."""
    try:
        hnsw = (col.configuration_json or {}).get("hnsw") or {}
        if hnsw and int(hnsw.get("ef_search") or 0) < EF_SEARCH:
            col.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
    except Exception as exc:  # noqa: BLE001 - an older server: answers still work, less stable
        log.warning("could not widen the dense search of %s: %s", col.name, exc)


def _schema(collection: str):
    """Cosine HNSW with a cheaper build (ef_construction 64; search keeps ef 100), and for
    chunks no full-text or metadata indexes that no query uses: ~15% faster ingest."""
    from chromadb import (
        BoolInvertedIndexConfig,
        FtsIndexConfig,
        HnswIndexConfig,
        IntInvertedIndexConfig,
        Schema,
        StringInvertedIndexConfig,
        VectorIndexConfig,
    )

    schema = Schema()
    schema.create_index(
        config=VectorIndexConfig(
            space="cosine", hnsw=HnswIndexConfig(ef_construction=64, ef_search=EF_SEARCH)
        )
    )
    if collection == CHUNKS:
        schema.delete_index(config=FtsIndexConfig(), key="#document")
        for key in _UNFILTERED_CHUNK_KEYS:
            schema.delete_index(config=StringInvertedIndexConfig(), key=key)
        schema.delete_index(config=IntInvertedIndexConfig(), key="chunk_index")
        schema.delete_index(config=BoolInvertedIndexConfig(), key=IS_REFERENCE_LIST)
    return schema


# Records per Chroma write call (Chroma's own limit is lower for some SQLite builds): a
# batch of ingest.pipeline.BATCH_CHUNKS chunks and one more article's goes in one call.
WRITE_BATCH = 5000


def _stamp_record() -> dict:
    """A new token on every write, so readers in any process notice changes in O(1)."""
    return {
        "ids": [STAMP_ID],
        "embeddings": [[1.0]],
        "metadatas": [{"stamp": uuid.uuid4().hex}],
    }


@dataclass
class Prepared:
    """One article ready to write: its chunks and references with their vectors."""

    source: str
    version: str
    title: str
    kind: str
    chunks: list[Chunk]
    chunk_vectors: np.ndarray | None
    references: list[Reference]
    reference_vectors: np.ndarray | None
    replaces: bool  # an older version of this source is stored
    extra: dict | None = None  # more metadata for the source record (e.g. a followed page's link)


class KnowledgeBase:
    def __init__(
        self, client, embedder, lock_path: Path | None = None, lexical_dir: Path | None = None
    ) -> None:
        self.client = client
        self.lexical_dir = lexical_dir  # the persisted lexical index (None: kept in memory)
        self.embedder = embedder
        self._lock_path = lock_path
        self.generation = 0  # bumped on every write from this process; readers compare it
        self._records: tuple[str, dict[str, dict]] | None = None  # (stamp, records) last read
        self.chunks = self._collection(CHUNKS, embedder.name, embedder.dim)
        self.references = self._collection(REFERENCES, embedder.name, embedder.dim)
        self.sources = self._collection(SOURCES, "none", 1)

    def _collection(self, name: str, embedder_name: str, dim: int):
        from chromadb.errors import NotFoundError

        try:
            # embedding_function=None: Chroma's default would download an ONNX model if reached.
            col = self.client.get_collection(name, embedding_function=None)
        except (NotFoundError, ValueError):
            meta = {"embedder": embedder_name, "dim": dim}
            try:
                col = self.client.create_collection(
                    name, metadata=meta, schema=_schema(name), embedding_function=None
                )
            except Exception:  # another process created it first
                col = self.client.get_collection(name, embedding_function=None)
        if embedder_name != "none":
            _widen_search(col)
        found = (col.metadata or {}).get("embedder"), (col.metadata or {}).get("dim")
        if found != (embedder_name, dim):
            raise StoreError(
                f"the store was built with embedder {found[0]} (dimension {found[1]}), "
                f"but this run uses {embedder_name} (dimension {dim}); set ASSISTANT_EMBEDDINGS "
                "to match the store, or use a new --store (or delete the old one) and re-ingest"
            )
        return col

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's writer lock: embedded Chroma must not have two writing processes."""
        if self._lock_path is None:
            yield
            return
        from filelock import FileLock, Timeout

        lock = FileLock(str(self._lock_path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"another process is writing to the store {self._lock_path.parent}; wait for it "
                "to finish (a running server writes from its Library tab), or share one Chroma "
                "server between processes with CHROMA_HOST/CHROMA_PORT"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def records(self, fresh: bool = False) -> dict[str, dict]:
        """Every source record, by source. Read once per stamp: a restart asks for them from
        several places (the lexical index, the article vocabulary, the followed pages, the
        Library tab), and each full read costs Chroma about half a second at 9,000 articles.
        Every write of a record ends with a new stamp (in any process), so the stamp read
        first says whether the records kept from the last read are still the stored ones.
        `fresh`: read from the store whatever is kept, for a writer deciding what to write
        again (a record a stopped writer left pending, or one written without a stamp, must
        be seen). Callers get their own copies."""
        stamp = self.stamp()
        kept = self._records
        if fresh:
            kept = (stamp, self._read_records())
            self._records = kept if stamp is not None else None
            self._save_records(*kept)
        elif stamp is None or kept is None or kept[0] != stamp:
            saved = self._saved_records(stamp)
            kept = (stamp, saved if saved is not None else self._read_records())
            self._records = kept if stamp is not None else None
            if saved is None:
                self._save_records(*kept)
        return {source: dict(meta) for source, meta in kept[1].items()}

    def _records_path(self) -> Path | None:
        return None if self.lexical_dir is None else Path(self.lexical_dir) / RECORDS_FILE

    def _saved_records(self, stamp: str | None) -> dict[str, dict] | None:
        """The records saved by the last full read (this process or an earlier one) when the
        store's stamp is still the one they were read at: a restart reads a small JSON file
        (0.1 s of CPU at 9,000 articles) instead of every record from Chroma (1.0 s). Records
        and the stamp are written in one transaction (`_write_records`), so an unchanged stamp
        means unchanged records, as for the records kept in memory."""
        path = self._records_path()
        if stamp is None or path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("stamp") != stamp or data.get("collection") != str(self.sources.id):
                return None
            records = data["records"]
            if not isinstance(records, dict) or not all(
                isinstance(m, dict) for m in records.values()
            ):
                return None
            return records
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _save_records(self, stamp: str | None, records: dict[str, dict]) -> None:
        """Keep the records just read for the next start, written atomically; a read-only or
        missing folder only means the next start reads them from Chroma."""
        path = self._records_path()
        if stamp is None or path is None:
            return
        data = {"stamp": stamp, "collection": str(self.sources.id), "records": records}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            pass

    def _read_records(self) -> dict[str, dict]:
        """Every source record as stored now (the consistency check trusts nothing else: a
        writer that stopped between two writes may have left a change without a new stamp)."""
        got = self.sources.get(include=["metadatas"])
        return {m["source"]: m for m in got["metadatas"] or [] if "source" in m}

    def record(self, source: str) -> dict | None:
        got = self.sources.get(ids=[source_key(source)], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def _batched(self, op, ids, **columns) -> None:
        size = max(1, min(self.client.get_max_batch_size(), WRITE_BATCH))
        for start in range(0, len(ids), size):
            op(
                ids=ids[start : start + size],
                **{k: v[start : start + size] for k, v in columns.items()},
            )

    def put(self, batch: list[Prepared]) -> None:
        self.generation += 1
        self._put(batch)
        self.generation += 1

    def _stamp(self) -> None:
        self.sources.upsert(**_stamp_record())

    def update_record(self, source: str, fields: dict) -> None:
        """Set some fields of a source record (the others stay). Written like every record
        write, in one transaction with a new stamp, so a stop between the two cannot leave a
        change that readers keeping records per stamp (`records`) never see."""
        record = self.record(source)
        if record is None:
            return
        self.generation += 1
        self._write_records([{**record, **fields}])
        self.generation += 1

    def _write_records(self, metas: list[dict]) -> None:
        """Upsert source records together with a new stamp: one transaction. Each record
        carries its write time, so readers find what changed since their last look. No
        documents: everything is in the metadata, and Chroma would full-text index them."""
        changed = _now_us()
        metas = [{**m, CHANGED_AT: changed} for m in metas]
        stamp = _stamp_record()
        self._batched(
            self.sources.upsert,
            [source_key(m["source"]) for m in metas] + stamp["ids"],
            embeddings=[[1.0]] * len(metas) + stamp["embeddings"],
            metadatas=metas + stamp["metadatas"],
        )

    def _put(self, batch: list[Prepared]) -> None:
        """Write a batch so that every crash point is detectable by the next run.

        1. each source's record is marked pending (it keeps what the complete version was);
        2. the new chunks and references are written under the new version;
        3. other versions of each source are deleted;
        4. the records are marked complete, with a new stamp.

        A crash before 4 leaves a pending record: the next ingest of that source is never
        "unchanged" and rewrites it, and `ingest --check`/`--repair` find it without the source.
        """
        if not batch:
            return
        got = self.sources.get(ids=[source_key(p.source) for p in batch], include=["metadatas"])
        before = {m["source"]: m for m in got["metadatas"] or [] if m and "source" in m}
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        final = [
            {
                "source": p.source,
                "title": p.title,
                "version": p.version,
                "kind": p.kind,
                "chunks": len(p.chunks),
                "references": len(p.references),
                "ingested_at": now,
                **(p.extra or {}),
                STATE: COMPLETE,
            }
            for p in batch
        ]
        self._write_records(
            [{**m, STATE: PENDING, **_previous(before.get(m["source"]))} for m in final]
        )
        chunks = [c for p in batch for c in p.chunks]
        if chunks:
            # The text goes in the metadata, with no document: see schema.TEXT.
            self._batched(
                self.chunks.upsert,
                [c.id for c in chunks],
                embeddings=np.vstack([p.chunk_vectors for p in batch if p.chunks]),
                metadatas=[{**c.metadata, TEXT: c.text} for c in chunks],
            )
        refs = [(p, r) for p in batch for r in p.references]
        if refs:
            self._batched(
                self.references.upsert,
                [r.ref_id for _, r in refs],
                embeddings=np.vstack([p.reference_vectors for p in batch if p.references]),
                documents=[r.text for _, r in refs],
                metadatas=[
                    {**r.as_dict(), "source": p.source, "version": p.version} for p, r in refs
                ],
            )
        for p in batch:
            if p.replaces or p.source in before:
                self._drop_versions(p.source, keep=p.version)
        self._settle_records([m["source"] for m in final])

    def _settle_records(self, sources: list[str]) -> None:
        """Step 4 of `_put`: the pending records just written become complete, with a new
        stamp, in one transaction. Only the two fields that change are sent, as an update:
        Chroma merges a record's metadata on update as on upsert, so the stored record is the
        one a whole-record upsert leaves, without rewriting its other fields or re-inserting
        its placeholder vector into the sources index (half the cost of the record writes)."""
        changed = _now_us()
        stamp = _stamp_record()
        self._batched(
            self.sources.update,
            [source_key(s) for s in sources] + stamp["ids"],
            metadatas=[{STATE: COMPLETE, CHANGED_AT: changed} for _ in sources]
            + stamp["metadatas"],
        )

    def _delete_records(self, sources: list[str]) -> None:
        """Delete source records, leaving a removal mark for each (with a new stamp)."""
        if not sources:
            self._stamp()
            return
        self.sources.delete(ids=[source_key(s) for s in sources])
        changed, stamp = _now_us(), _stamp_record()
        self._batched(
            self.sources.upsert,
            [removal_key(s) for s in sources] + stamp["ids"],
            embeddings=[[1.0]] * len(sources) + stamp["embeddings"],
            metadatas=[{REMOVED: s, CHANGED_AT: changed} for s in sources] + stamp["metadatas"],
        )

    def _drop_versions(self, source: str, keep: str | None) -> None:
        """Delete a source's chunks and references of every version but `keep` (None: all)."""
        where = {"source": source}
        if keep is not None:
            where = {"$and": [{"source": source}, {"version": {"$ne": keep}}]}
        self.chunks.delete(where=where)
        self.references.delete(where=where)

    def remove(self, source: str) -> bool:
        """Mark the record as being removed, delete the chunks and references, then the record.

        A crash in between leaves a record in the "removing" state, which the next ingest of
        the source rewrites and `ingest --repair` finishes removing.
        """
        self.generation += 1
        record = self.record(source)
        if record is not None:
            self._write_records([{**record, STATE: REMOVING}])
        self._drop_versions(source, keep=None)
        self._delete_records([source])
        self.generation += 1
        return record is not None

    # --- consistency check and repair (a full scan: never on the hot path) -------------------

    def _version_counts(self, collection) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        total = collection.count()
        for offset in range(0, total, 5000):
            got = collection.get(include=["metadatas"], limit=5000, offset=offset)
            for m in got["metadatas"] or []:
                key = (str(m.get("source", "")), str(m.get("version", "")))
                counts[key] = counts.get(key, 0) + 1
        return counts

    def check(self) -> list[Problem]:
        """Every source whose stored state does not match its record, and what repair does."""
        records = self._read_records()
        chunks = self._version_counts(self.chunks)
        refs = self._version_counts(self.references)
        stored = {s for s, _ in chunks} | {s for s, _ in refs}
        problems: list[Problem] = []
        for source in sorted(stored | set(records)):
            record = records.get(source)
            if record is None:
                n = sum(v for (s, _), v in chunks.items() if s == source)
                problems.append(Problem(source, f"{n} chunks have no source record", ORPHANED))
                continue
            problems += _judge(source, record, chunks, refs)
        return problems

    def repair(self) -> list[Problem]:
        """Bring every source found by `check` back to a consistent state."""
        problems = self.check()
        if not problems:
            return problems
        self.generation += 1
        records = self._read_records()
        removed = []
        for problem in problems:
            record = records.get(problem.source)
            if problem.action == ROLL_FORWARD:
                self._drop_versions(problem.source, keep=record["version"])
                self._write_records([_settled(record)])
            elif problem.action == ROLL_BACK:
                restored = _settled(
                    {
                        **record,
                        "version": record[PREVIOUS + "version"],
                        "title": record[PREVIOUS + "title"],
                        "chunks": record[PREVIOUS + "chunks"],
                        "references": record[PREVIOUS + "references"],
                    }
                )
                self._drop_versions(problem.source, keep=restored["version"])
                self._write_records([restored])
            elif problem.action == DROP_STALE:
                self._drop_versions(problem.source, keep=record["version"])
            else:  # remove what is left; the next ingest of the source adds it again
                self._drop_versions(problem.source, keep=None)
                removed.append(problem.source)
        self._delete_records(removed)
        self.generation += 1
        return problems

    def stamp(self) -> str | None:
        """The token every write changes: one read by id, O(1) at any library size."""
        got = self.sources.get(ids=[STAMP_ID], include=["metadatas"])
        return got["metadatas"][0].get("stamp") if got["ids"] else None

    def fingerprint(self) -> tuple:
        """Changes whenever any source is written or removed: readers rebuild indexes on it.

        The chunk count also moves when a crashed writer left chunks without their stamp.
        """
        return self.chunks.count(), self.stamp()

    def changes_since(self, since_us: int) -> tuple[list[str], int]:
        """Sources written or removed at or after `since_us` (microseconds), and the newest
        change time seen: O(changes), through the sources collection's metadata index."""
        got = self.sources.get(where={CHANGED_AT: {"$gte": int(since_us)}}, include=["metadatas"])
        names, newest = [], since_us
        for meta in got["metadatas"] or []:
            name = meta.get("source") or meta.get(REMOVED)
            if name:
                names.append(name)
                newest = max(newest, int(meta.get(CHANGED_AT, since_us)))
        return list(dict.fromkeys(names)), newest

    def read_chunks(self, **get) -> tuple[list[str], list[str], list[dict]]:
        """Ids, texts and metadata of the chunks a `chunks.get(**get)` selects (ids, where,
        limit, offset): the one reader of stored chunk texts, wherever a store keeps them."""
        # Metadata only: this store keeps each chunk's text there, and asking Chroma for the
        # documents as well (all None) cost about 40% more CPU per read at 100k chunks. The
        # documents of chunks written before the text moved (an older store) are read after.
        got = self.chunks.get(include=["metadatas"], **get)
        ids = got["ids"]
        metas = got["metadatas"] or []
        older = [cid for cid, meta in zip(ids, metas, strict=True) if TEXT not in meta]
        docs: dict[str, str | None] = {}
        if older:
            old = self.chunks.get(ids=older, include=["documents"])
            docs = dict(zip(old["ids"], old["documents"] or [None] * len(old["ids"]), strict=True))
        texts = [chunk_text(docs.get(cid), meta) for cid, meta in zip(ids, metas, strict=True)]
        return ids, texts, metas

    def source_chunks(self, source: str, version: str) -> tuple[list[str], list[str], list[dict]]:
        """The chunks of one version of one source."""
        # One indexed equality filter, then the version in Python: an `$and` costs Chroma
        # several times more, and other versions of a source are rare and short-lived.
        ids, texts, metas = self.read_chunks(where={"source": source})
        keep = [i for i, m in enumerate(metas) if m.get("version") == version]
        return [ids[i] for i in keep], [texts[i] for i in keep], [metas[i] for i in keep]

    def chunk_records(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """Text and metadata of these chunks (those still stored)."""
        if not ids:
            return {}
        got_ids, texts, metas = self.read_chunks(ids=list(dict.fromkeys(ids)))
        return {cid: (text, meta) for cid, text, meta in zip(got_ids, texts, metas, strict=True)}

    def all_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict] = []
        total = self.chunks.count()
        for offset in range(0, total, 5000):
            got = self.read_chunks(limit=5000, offset=offset)
            ids += got[0]
            texts += got[1]
            metas += got[2]
        return ids, texts, metas

    def references_by_id(self, ref_ids: list[str]) -> dict[str, dict]:
        if not ref_ids:
            return {}
        got = self.references.get(ids=list(dict.fromkeys(ref_ids)), include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"], strict=True))
