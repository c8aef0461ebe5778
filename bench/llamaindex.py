"""The LlamaIndex baseline the issue measured, run offline on the dev set beside ours.

SentenceSplitter at 200 tokens (20 overlap), BM25 (llama-index-retrievers-bm25) plus the project's
own WordLlama embeddings in LlamaIndex's in-memory vector index, fused by `QueryFusionRetriever`
(reciprocal rerank, one query: no query generation), top 4, no LLM. Its "cited text" is the four
passages it returns: with no LLM that is what a reader gets.

llama-index-core ships its tokenizer (tiktoken cache) and NLTK data in `llama_index/core/_static`;
`offline_env()` points both libraries there and routes any HTTP(S) through an unroutable proxy, so
a download attempt fails loudly instead of silently reaching the network.
"""

from __future__ import annotations

import os
from pathlib import Path

CHUNK_TOKENS = 200
CHUNK_OVERLAP = 20
TOP_K = 4


def offline_env() -> None:
    """Make every model/data lookup local; a download attempt raises instead of fetching."""
    import importlib.util

    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "llama-index-core is not installed; run `pip install -e '.[bench]'` (make bench does)"
        )
    static = Path(next(iter(spec.submodule_search_locations))) / "_static"
    os.environ["TIKTOKEN_CACHE_DIR"] = str(static / "tiktoken_cache")
    os.environ["NLTK_DATA"] = str(static / "nltk_cache")
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ[key] = "1"
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        os.environ[key] = dead
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


def wordllama_embedding(embedder):
    """The project's embedder behind LlamaIndex's BaseEmbedding: the same vectors as ours."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class WordLlamaEmbedding(BaseEmbedding):
        _embedder = PrivateAttr()

        def __init__(self, inner, **kwargs) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=256, **kwargs)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_batch([query])[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed_batch([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed_batch(list(texts)).tolist()

    return WordLlamaEmbedding(embedder)


def build_llamaindex(texts: dict[str, str], embedder, k: int = TOP_K):
    """A retriever over {source: article text}. Returns (search(question) -> [passage texts],
    number of nodes)."""
    from llama_index.core import Document, Settings, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.retrievers import QueryFusionRetriever
    from llama_index.retrievers.bm25 import BM25Retriever

    Settings.llm = None  # no LLM anywhere: LlamaIndex substitutes its MockLLM, never called here
    splitter = SentenceSplitter(chunk_size=CHUNK_TOKENS, chunk_overlap=CHUNK_OVERLAP)
    docs = [Document(text=t, metadata={"source": s}) for s, t in sorted(texts.items())]
    nodes = splitter.get_nodes_from_documents(docs)
    index = VectorStoreIndex(nodes, embed_model=wordllama_embedding(embedder))
    fusion = QueryFusionRetriever(
        [
            index.as_retriever(similarity_top_k=k),
            BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=k),
        ],
        mode="reciprocal_rerank",
        num_queries=1,
        similarity_top_k=k,
        use_async=False,
    )

    def search(question: str) -> list[str]:
        return [n.node.get_content() for n in fusion.retrieve(question)]

    return search, len(nodes)


def article_texts(kb) -> dict[str, str]:
    """Each stored article's cleaned text (its chunks in order), so both pipelines read the same
    words and differ only in splitting, retrieval and answering."""
    _ids, docs, metas = kb.all_chunks()
    parts: dict[str, list[tuple[int, str]]] = {}
    for doc, meta in zip(docs, metas, strict=True):
        parts.setdefault(meta["source"], []).append((int(meta["chunk_index"]), doc))
    return {s: "\n\n".join(t for _, t in sorted(p)) for s, p in parts.items()}
