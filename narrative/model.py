"""Frozen data model of an analysed story, mirroring `schemas/story.schema.json`.

Every span is a half-open ``[start, end)`` pair of character offsets into the text
of its ``source`` exactly as read. Steps return new objects (``dataclasses.replace``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

__all__ = [
    "Generator",
    "Section",
    "Credit",
    "Source",
    "Sentence",
    "Mention",
    "Relation",
    "Character",
    "Event",
    "Interaction",
    "ArcPoint",
    "Arc",
    "TurningPoint",
    "Stage",
    "Structure",
    "Story",
    "TURNING_POINT_KINDS",
    "STAGE_NAMES",
    "FREYTAG_PARTS",
]

TURNING_POINT_KINDS = ("opportunity", "change_of_plans", "point_of_no_return", "major_setback", "climax")
STAGE_NAMES = ("setup", "new_situation", "progress", "complications", "final_push", "aftermath")
FREYTAG_PARTS = ("exposition", "rising_action", "climax", "falling_action", "resolution")


@dataclass(frozen=True, slots=True)
class Generator:
    name: str
    version: str
    engine: str


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a source (``== Plot ==``); offsets cover its body."""
    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Credit:
    """A cast credit ("Ana Torres as Mara"); offsets cover the character part."""
    actor: str
    character: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    kind: str  # plot | review | text | cast
    sha256: str
    text: str
    path: Optional[str] = None
    title: Optional[str] = None
    sections: tuple[Section, ...] = ()
    credits: tuple[Credit, ...] = ()
    infobox: tuple[tuple[str, str], ...] = ()
    body: Optional[tuple[int, int]] = None  # span of the narrative body (plot section, article body)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    source: str
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    source: str
    start: int
    end: int
    text: str
    sentence: int
    form: str  # name | role | pronoun


@dataclass(frozen=True, slots=True)
class Relation:
    """``type`` of ``target``: a Relation(type="father", target="mara") on X says X is Mara's father."""
    type: str
    target: str


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # person | group | organisation
    gender: Optional[str] = None  # female | male | None
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    importance: float = 0.0
    actor: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    index: int
    title: str
    source: str
    start: int
    end: int
    sentences: tuple[int, ...]
    participants: tuple[str, ...] = ()
    time: Optional[str] = None
    place: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Interaction:
    source: str
    target: str
    event: str
    sentence: int
    type: str
    verb: str
    directed: bool = True
    valence: str = "neutral"  # positive | negative | neutral
    medium: Optional[str] = None
    mode: str = "direct"  # direct | recalled | reported | copresence


@dataclass(frozen=True, slots=True)
class ArcPoint:
    event: str
    value: float
    components: Mapping[str, float] = field(default_factory=dict)
    raw: float = 0.0


@dataclass(frozen=True, slots=True)
class Arc:
    character: str
    points: tuple[ArcPoint, ...] = ()
    shape: Optional[str] = None
    shape_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class TurningPoint:
    kind: str
    sentence: int
    event: Optional[str] = None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    start_sentence: int
    end_sentence: int  # inclusive
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Structure:
    turning_points: tuple[TurningPoint, ...] = ()
    stages: tuple[Stage, ...] = ()
    freytag: tuple[Stage, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    generator: Generator
    sources: tuple[Source, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    characters: tuple[Character, ...] = ()
    events: tuple[Event, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    protagonist: Optional[str] = None
    arcs: tuple[Arc, ...] = ()
    structure: Structure = field(default_factory=Structure)

    # -- convenience look-ups (derived, never stored) --
    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)

    def character(self, character_id: str) -> Character:
        for ch in self.characters:
            if ch.id == character_id:
                return ch
        raise KeyError(character_id)

    def text_of(self, span: Sentence | Mention | Event) -> str:
        """The exact source text of a sentence, mention or event."""
        return self.source(span.source).text[span.start:span.end]

    @property
    def plot(self) -> Source:
        """The primary source (the one the sentences come from)."""
        if self.sentences:
            return self.source(self.sentences[0].source)
        return self.sources[0]
