"""The engine interface: what every NLP engine hands to the rest of the pipeline.

An engine turns one source text into an `Annotation`: sentences of tokens with
character offsets, coarse part-of-speech tags (Universal POS), lemmas, and, where
the engine has them, a dependency parse, named entities and coreference chains.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional, Protocol, Sequence, runtime_checkable

__all__ = ["Token", "AnnotatedSentence", "Entity", "Annotation", "Engine"]


class Token(NamedTuple):
    """One word (a named tuple: cheap to build by the hundred thousand)."""
    start: int
    end: int
    text: str
    upos: str  # Universal POS: PROPN, NOUN, PRON, VERB, AUX, ADJ, ADP, DET, PUNCT, ...
    lemma: str
    head: Optional[int] = None  # index of the head token within the sentence; -1 for the root
    deprel: Optional[str] = None


@dataclass(frozen=True, slots=True)
class AnnotatedSentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, ...


@dataclass(frozen=True, slots=True)
class Annotation:
    """One source's annotation; all offsets index into `text`."""
    text: str
    sentences: tuple[AnnotatedSentence, ...]
    entities: tuple[Entity, ...] = ()
    coref: tuple[tuple[tuple[int, int], ...], ...] = ()  # chains of (start, end) spans
    engine: str = "builtin"

    @property
    def has_parse(self) -> bool:
        """Does the engine give a dependency parse? A parser gives every token of a sentence its head,
        so each sentence's first token tells."""
        return any(s.tokens[0].head is not None for s in self.sentences if s.tokens)


@runtime_checkable
class Engine(Protocol):
    """An NLP engine: `name` and `annotate(text, spans)`."""

    name: str

    def annotate(self, text: str, spans: Sequence[tuple[int, int]] | None = None,
                 sentences_per_line: bool = False) -> Annotation:
        """Annotate `text`, restricted to the given body `spans` when given."""
        ...
