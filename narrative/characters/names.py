"""Name forms: folding for spelling/romanisation variants, slugs, title handling."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = ["fold", "slugify", "strip_title", "name_tokens", "is_title"]

from .lexicon import TITLES

_NON_LETTER = re.compile(r"[^a-z]+")
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@functools.lru_cache(maxsize=1 << 14)
def fold(name: str) -> str:
    """A spelling-insensitive key: "Ha-na" -> "hana", "Min-hoon" -> "minhun", "Soo-ah" -> "suah"."""
    key = _NON_LETTER.sub("", _ascii(name).lower())
    if not key:  # non-Latin script: keep the letters themselves
        return re.sub(r"\W+", "", name.lower())
    key = key.replace("oo", "u").replace("ou", "u")
    return _DOUBLE.sub(r"\1", key)


def slugify(name: str) -> str:
    """A stable id: ascii, lowercase, ``[a-z0-9-]``; a hash for names with no Latin letters."""
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower().replace("'s ", "s ").replace("’s ", "s ")).strip("-")
    if not slug:
        slug = "c" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return slug


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def strip_title(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Split leading titles off a name: ["Mr", "Clifton"] -> ("mr", ["Clifton"])."""
    title = None
    rest = [t for t in tokens if t != "."]
    while len(rest) > 1 and is_title(rest[0]):
        title = rest[0].lower().rstrip(".")
        rest = rest[1:]
    return title, rest


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]
