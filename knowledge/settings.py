"""One typed settings object for both packages, read from the environment."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    store: Path = REPO_ROOT / ".store"
    corpus: Path = REPO_ROOT / "corpus"
    embeddings: str = "wordllama"
    openai_embedding_model: str = "text-embedding-3-small"

    chroma_host: str | None = Field(None, validation_alias=AliasChoices("CHROMA_HOST"))
    chroma_port: int = Field(8000, validation_alias=AliasChoices("CHROMA_PORT"))
    # With a Chroma server, each replica keeps its lexical index here (one folder per server).
    lexical_cache: Path = Path.home() / ".cache" / "career-assistant" / "lexical"

    openai_api_key: str | None = Field(None, validation_alias=AliasChoices("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(None, validation_alias=AliasChoices("OPENAI_BASE_URL"))
    chat_model: str = "gpt-4o-mini"
    llm_timeout: float = 20.0  # longest wait for any one thing from the model (connect, token)
    llm_retries: int = 1
    llm_deadline: float = Field(
        25.0, gt=0
    )  # everything the LLM does for one question, rewrite included
    llm_rewrite_timeout: float = Field(4.0, gt=0)  # the follow-up rewrite; never retried
    llm_max_tokens: int = Field(600, ge=16)  # sent to the model as its output limit
    llm_max_chars: int = Field(6_000, ge=200)  # characters of a reply accepted; the rest is cut off

    max_source_bytes: int = 5_000_000
    fetch_timeout: float = 10.0
    allow_private_urls: bool = False
    # Private networks that URLs may point into, e.g. ["10.20.0.0/16"] for an intranet wiki.
    allowed_networks: list[str] = []

    # `ingest --follow-references`: fetch the pages an article's references link to (depth 1).
    follow_references: bool = False
    follow_concurrency: int = Field(4, ge=1, le=32)  # pages fetched at the same time
    follow_host_interval: float = Field(1.0, ge=0.0)  # seconds between requests to one host
    follow_connect_timeout: float = Field(3.0, gt=0.0)  # an unreachable host is given up fast
    follow_max_references: int = Field(200, ge=0)  # references followed per run

    # Budgets on what one source can grow into; each error names its setting.
    max_text_chars: int = 2_000_000  # extracted text per source
    max_chunks_per_source: int = 5_000
    max_references_per_source: int = 2_000
    max_embed_chars: int = 2_000  # characters of one text sent to an embedder

    chunk_chars: int = 800
    top_k: int = 5
    admin_token: str | None = None
    host: str = "127.0.0.1"
    port: int = 7860
    upload_max_bytes: int = 5_000_000
    concurrency: int = 4
    # Extractive answers kept per (question, conversation, k, source, store stamp); 0: none.
    answer_cache: int = Field(512, ge=0, le=100_000)
    max_queue: int = 64
    # `serve`: glibc malloc arenas (0 = glibc's default of 8 per core); see knowledge/memory.py.
    malloc_arenas: int = Field(2, ge=0, le=64)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)


def get_settings(**overrides) -> Settings:
    """Build settings from the environment, with explicit overrides taking precedence."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
