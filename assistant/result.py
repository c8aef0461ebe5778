"""The one answer shape: `Assistant.ask`, `ask --json` and the web `/ask` all return it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class AskResult(BaseModel):
    question: str
    answer: str = ""
    mode: str = "extractive"  # "extractive" or "llm"
    abstained: bool = False
    citations: list[dict] = Field(default_factory=list)
    passages: list[dict] = Field(default_factory=list)
    notice: str | None = None
    unsupported: list[dict] = Field(default_factory=list)  # {sentence, reason}
    incomplete: bool = False  # an LLM answer cut off at its length limit
    removed_markers: list[str] = Field(default_factory=list)
    stripped: list[str] = Field(default_factory=list)
    comparison: list[str] | None = None
    query: str = ""
    timings_ms: dict[str, float] = Field(default_factory=dict)

    # Read like the dict it used to be: result["answer"], result.get("notice").
    def __getitem__(self, key: str) -> Any:
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in type(self).model_fields

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in type(self).model_fields else default

    def keys(self):
        return type(self).model_fields.keys()

    def to_json(self) -> dict:
        return self.model_dump(mode="json")
