"""The hybrid retriever as a LangChain `BaseRetriever`, to drop into your own chains.

    from assistant.langchain_retriever import HybridRetriever
    docs = HybridRetriever.open(k=4).invoke("Which role pays more?")

Each `Document` carries the chunk's stored metadata (source, title, section, chunk_index,
ref_ids, ...) plus its fused `score`, exactly what the assistant itself retrieves.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from .retrieve import Retriever


class HybridRetriever(BaseRetriever):
    """BM25 + dense retrieval over the knowledge base, fused by reciprocal rank."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # assistant.retrieve.Retriever
    k: int = Field(default=5, ge=1, le=50)
    source: str | None = None  # restrict to one article

    @classmethod
    def open(cls, settings=None, *, k: int = 5, source: str | None = None) -> HybridRetriever:
        from knowledge.settings import get_settings
        from knowledge.store import open_knowledge_base

        kb = open_knowledge_base(settings or get_settings())
        return cls(retriever=Retriever(kb), k=k, source=source)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        self.retriever.refresh(max_age=1.0)
        text = self.retriever.library.expand_abbreviations(query)
        passages = self.retriever.search(text, self.k, source=self.source)
        docs = []
        for p in passages:
            meta = self.retriever.metadata(p.id)
            meta.update(score=p.score, bm25=p.bm25, dense=p.dense)
            docs.append(Document(page_content=p.text, metadata=meta, id=p.id))
        return docs
