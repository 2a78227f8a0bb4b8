"""Error types of `narrative`: each says what is wrong, where, and what to do."""
from __future__ import annotations

__all__ = [
    "NarrativeError",
    "InputError",
    "SchemaError",
    "PipelineError",
    "EngineUnavailable",
    "OutputError",
]


class NarrativeError(Exception):
    """Base of every error the toolkit raises on purpose (the CLI prints it in one line, exit 2)."""


class InputError(NarrativeError):
    """The input cannot be read as a story: missing, empty, binary, not UTF-8, too large."""


class SchemaError(NarrativeError):
    """A story document does not match `schemas/story.schema.json`."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.errors = list(errors or [])


class PipelineError(NarrativeError):
    """Pipeline steps are missing layers they require."""


class EngineUnavailable(NarrativeError):
    """An NLP engine cannot run here (package or models missing)."""


class OutputError(NarrativeError):
    """An output cannot be written (folder not writable, renderer missing)."""
