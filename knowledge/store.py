"""The knowledge base in Chroma: chunks, references and one record per source."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import EmbeddingError, StoreError
from .schema import CHUNKS, REFERENCES, SOURCES, Chunk, Reference, source_key

LOCK_NAME = "writer.lock"
STAMP_ID = "store-stamp"  # a record in `sources` whose token changes on every write


def make_client(settings):
    """A Chroma server client when CHROMA_HOST is set, else an embedded store in settings.store."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:
            raise StoreError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({exc}); start it with `chroma run --path DIR --port {settings.chroma_port}` "
                "or unset CHROMA_HOST to use the local store"
            ) from None
    Path(settings.store).mkdir(parents=True, exist_ok=True)
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
    return KnowledgeBase(client, embedder, lock_path=lock)


# Chunk metadata that is only read, never filtered on: indexing it costs ingest time.
_UNFILTERED_CHUNK_KEYS = ("title", "section", "ref_ids")


def _schema(collection: str):
    """Cosine HNSW with a cheaper build (ef_construction 64; search keeps ef 100), and for
    chunks no full-text or metadata indexes that no query uses: ~15% faster ingest."""
    from chromadb import (
        FtsIndexConfig,
        HnswIndexConfig,
        IntInvertedIndexConfig,
        Schema,
        StringInvertedIndexConfig,
        VectorIndexConfig,
    )

    schema = Schema()
    schema.create_index(
        config=VectorIndexConfig(space="cosine", hnsw=HnswIndexConfig(ef_construction=64))
    )
    if collection == CHUNKS:
        schema.delete_index(config=FtsIndexConfig(), key="#document")
        for key in _UNFILTERED_CHUNK_KEYS:
            schema.delete_index(config=StringInvertedIndexConfig(), key=key)
        schema.delete_index(config=IntInvertedIndexConfig(), key="chunk_index")
    return schema


def _stamp_record() -> dict:
    """A new token on every write, so readers in any process notice changes in O(1)."""
    return {
        "ids": [STAMP_ID],
        "embeddings": [[1.0]],
        "documents": [""],
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
    def __init__(self, client, embedder, lock_path: Path | None = None) -> None:
        self.client = client
        self.embedder = embedder
        self._lock_path = lock_path
        self.generation = 0  # bumped on every write from this process; readers compare it
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

    def records(self) -> dict[str, dict]:
        got = self.sources.get(include=["metadatas"])
        return {m["source"]: m for m in got["metadatas"] or [] if "source" in m}

    def record(self, source: str) -> dict | None:
        got = self.sources.get(ids=[source_key(source)], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def _batched(self, op, ids, **columns) -> None:
        size = max(1, min(self.client.get_max_batch_size(), 4000))
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

    def _put(self, batch: list[Prepared]) -> None:
        """Write new chunks first, then drop older versions, then the source record last.

        A query sees the old or the new version, never neither; a crash before the record is
        written leaves the source looking changed, so the next run writes it again.
        """
        chunks = [c for p in batch for c in p.chunks]
        if chunks:
            self._batched(
                self.chunks.upsert,
                [c.id for c in chunks],
                embeddings=np.vstack([p.chunk_vectors for p in batch if p.chunks]),
                documents=[c.text for c in chunks],
                metadatas=[c.metadata for c in chunks],
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
            if p.replaces:
                stale = {"$and": [{"source": p.source}, {"version": {"$ne": p.version}}]}
                self.chunks.delete(where=stale)
                self.references.delete(where=stale)
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        stamp = _stamp_record()  # in the same write as the records: one transaction fewer
        self._batched(
            self.sources.upsert,
            [source_key(p.source) for p in batch] + stamp["ids"],
            embeddings=[[1.0]] * len(batch) + stamp["embeddings"],
            documents=[p.title for p in batch] + stamp["documents"],
            metadatas=[
                {
                    "source": p.source,
                    "title": p.title,
                    "version": p.version,
                    "kind": p.kind,
                    "chunks": len(p.chunks),
                    "references": len(p.references),
                    "ingested_at": now,
                    **(p.extra or {}),
                }
                for p in batch
            ]
            + stamp["metadatas"],
        )

    def remove(self, source: str) -> bool:
        self.generation += 1
        existed = self.record(source) is not None
        self.chunks.delete(where={"source": source})
        self.references.delete(where={"source": source})
        self.sources.delete(ids=[source_key(source)])
        self._stamp()
        return existed

    def fingerprint(self) -> tuple:
        """Changes whenever any source is written or removed: readers rebuild indexes on it.

        The chunk count also moves when a crashed writer left chunks without their stamp.
        """
        got = self.sources.get(ids=[STAMP_ID], include=["metadatas"])
        stamp = got["metadatas"][0].get("stamp") if got["ids"] else None
        return self.chunks.count(), stamp

    def all_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict] = []
        total = self.chunks.count()
        for offset in range(0, total, 5000):
            got = self.chunks.get(include=["documents", "metadatas"], limit=5000, offset=offset)
            ids += got["ids"]
            docs += got["documents"]
            metas += got["metadatas"]
        return ids, docs, metas

    def references_by_id(self, ref_ids: list[str]) -> dict[str, dict]:
        if not ref_ids:
            return {}
        got = self.references.get(ids=list(dict.fromkeys(ref_ids)), include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"], strict=True))
