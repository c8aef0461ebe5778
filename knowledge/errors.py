"""Errors that carry a message a user can act on."""


class IngestError(Exception):
    """A problem with one source; other sources still land."""


class StoreError(Exception):
    """The store cannot be used as asked; the message names the fix."""


class EmbeddingError(RuntimeError):
    """The embedding provider failed; the message names what to check."""
