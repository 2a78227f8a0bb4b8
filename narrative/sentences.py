"""Story sentences from an engine's annotation."""
from __future__ import annotations

from .model import Sentence

__all__ = ["sentences_from_annotation"]


def sentences_from_annotation(annotation, source_id: str) -> tuple[Sentence, ...]:
    """One `Sentence` per annotated sentence, indexed in order."""
    return tuple(Sentence(i, source_id, s.start, s.end, s.paragraph) for i, s in enumerate(annotation.sentences))
