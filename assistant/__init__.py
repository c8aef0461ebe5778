"""Reads the knowledge base: retrieve -> answer -> present (CLI, web, program API).

from assistant import Assistant
result = Assistant.open().ask("Which role pays more?")
"""

from __future__ import annotations

__all__ = ["Assistant"]


def __getattr__(name: str):
    # Lazy: importing the package must not load models or open the store.
    if name == "Assistant":
        from .service import Assistant

        return Assistant
    raise AttributeError(name)
