"""The naive LangChain baseline: fixed-size splits, dense top-4 in langchain_chroma."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings


class WordLlamaEmbeddings(Embeddings):
    """The project's own WordLlama embedder behind LangChain's interface: same vectors as ours."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_batch(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_batch([text])[0].tolist()


def build_naive(texts: list[str], embedder, k: int = 4):
    """A retriever over `texts`: RecursiveCharacterTextSplitter(1000, 200) into an in-memory
    Chroma collection. Returns search(question) -> list of chunk texts."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = [c for t in texts for c in splitter.split_text(t)]
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(
        collection_name="naive",
        embedding_function=WordLlamaEmbeddings(embedder),
        client=client,
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_texts(chunks)

    def search(question: str) -> list[str]:
        return [d.page_content for d in store.similarity_search(question, k=k)]

    return search, len(chunks)
