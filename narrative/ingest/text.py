"""Reading text files safely, and the line/paragraph geometry every reader shares.

Offsets everywhere are half-open ``[start, end)`` character offsets into the text
exactly as returned by :func:`read_text_file`: UTF-8 decoded, a leading UTF-8 BOM
removed (so offsets count from the first character after the BOM), newlines
(``\\n``, ``\\r\\n``, ``\\r``) left untouched.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterator, NamedTuple, Optional, Union

from ..errors import InputError
from ..spans import strip_span

__all__ = [
    "MAX_BYTES",
    "TEXT_EXTENSIONS",
    "Line",
    "read_text_file",
    "iter_lines",
    "line_spans",
    "blocks",
    "title_line",
    "strip_span",
    "slugify",
    "strip_extensions",
]

PathLike = Union[str, "os.PathLike[str]"]

MAX_BYTES = 2 * 1024 * 1024
"""Largest file :func:`read_text_file` accepts (2 MB: over a hundred times the longest Wikipedia plot;
a text that large is a book, not a plot summary, and its analysis would take minutes and gigabytes)."""

TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".wiki", ".web", ".plot")
"""Extensions read as text files (also stripped from names when making ids)."""

_STRIPPABLE = TEXT_EXTENSIONS + (".html", ".htm")
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 controls other than \t \n \v \f \r and ESC, plus DEL.
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_MAX_CONTROL_SHARE = 0.02
_LINE_RE = re.compile(r"[^\r\n]*(\r\n|\n|\r|\Z)")
_SLUG_BAD = re.compile(r"[^a-z0-9_-]+")
_SLUG_DASHES = re.compile(r"-{2,}")


class Line(NamedTuple):
    """One line: ``start``/``end`` bound its content (no newline), ``next`` starts the next line."""
    start: int
    end: int
    next: int
    text: str

    @property
    def blank(self) -> bool:
        """True when the line holds only whitespace."""
        return not self.text.strip()


# -- reading ---------------------------------------------------------------------------

def _read_bytes(path: Path, limit: int) -> bytes:
    """Read at most ``limit`` bytes of ``path``."""
    with open(path, "rb") as handle:
        return handle.read(limit)


def _size_error(path: Path, size: int) -> InputError:
    return InputError(
        f"{path} is {size / 1024 / 1024:.1f} MB ({size} bytes), over the limit of "
        f"{MAX_BYTES // (1024 * 1024)} MB ({MAX_BYTES} bytes); pass a shorter text such as the plot section only."
    )


def _check_path(path: Path) -> None:
    """Raise InputError unless ``path`` is an existing regular file of acceptable size."""
    if not path.exists():
        raise InputError(f"{path} does not exist; check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file; pass a text file (or read the folder as a story).")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file; pass a UTF-8 text file.")
    size = os.stat(path).st_size
    if size > MAX_BYTES:
        raise _size_error(path, size)


def _check_binary(path: Path, data: bytes) -> None:
    """Raise InputError when ``data`` looks binary (NUL bytes or many control bytes)."""
    if data.startswith(_UTF16_BOMS):
        raise InputError(f"{path} is UTF-16 encoded; re-save it as UTF-8.")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{path} looks binary (NUL byte at byte offset {nul}); pass a UTF-8 text file.")
    controls = len(data) - len(data.translate(None, _CONTROL))
    if controls / len(data) > _MAX_CONTROL_SHARE:
        raise InputError(
            f"{path} looks binary ({controls} of {len(data)} bytes are control characters); pass a UTF-8 text file."
        )


def _decode(path: Path, data: bytes, offset: int) -> str:
    """Decode UTF-8 strictly; ``offset`` is the number of bytes already removed (the BOM)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(
            f"{path} is not valid UTF-8 (byte 0x{bad} at byte offset {exc.start + offset} of the file); "
            f"re-save it as UTF-8."
        ) from None


def read_text_file(path: PathLike) -> str:
    """Read a UTF-8 text file and return its text, which every offset then refers to.

    A leading UTF-8 BOM is removed (offsets count from the character after it); nothing
    else is changed, newlines included. Raises :class:`InputError` for a missing path, a
    folder, a file over :data:`MAX_BYTES` (checked with ``os.stat`` before reading), an
    empty or whitespace-only file, binary content and invalid UTF-8 (byte offsets in that
    message count from the start of the file, BOM included).
    """
    path = Path(path)
    _check_path(path)
    data = _read_bytes(path, MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _size_error(path, len(data))
    bom = len(_BOM) if data.startswith(_BOM) else 0
    data = data[bom:]
    if not data:
        raise InputError(f"{path} is empty; pass a file that contains the story text.")
    _check_binary(path, data)
    text = _decode(path, data, bom)
    if not text.strip():
        raise InputError(f"{path} contains only whitespace; pass a file that contains the story text.")
    return text


# -- geometry --------------------------------------------------------------------------

def iter_lines(text: str, start: int = 0, stop: Optional[int] = None) -> Iterator[Line]:
    """Yield the lines of ``text`` (``\\n``, ``\\r\\n`` or ``\\r`` endings) with their offsets.

    ``start`` must be a line start; lines starting at or after ``stop`` are not yielded.
    """
    pos, size = start, len(text) if stop is None else min(stop, len(text))
    while pos < size:
        match = _LINE_RE.match(text, pos)
        assert match is not None  # the pattern matches at every position (\Z at the end)
        end = match.start(1)
        yield Line(pos, end, match.end(), text[pos:end])
        pos = match.end()


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of each non-blank line, for one-sentence-per-line input.

    ``start``/``end`` exclude leading/trailing whitespace and the newline; the paragraph
    index starts at 0 and grows by one at each run of blank lines.
    """
    spans: list[tuple[int, int, int]] = []
    paragraph, gap = 0, False
    for line in iter_lines(text):
        if line.blank:
            gap = True
            continue
        if gap and spans:
            paragraph += 1
        gap = False
        spans.append((*strip_span(text, line.start, line.end), paragraph))
    return spans


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Group lines into runs of non-blank lines (paragraph blocks)."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                groups.append(current)
            current = []
        else:
            current.append(line)
    if current:
        groups.append(current)
    return groups


_TITLE_MAX_WORDS = 10
_SENTENCE_END = tuple(".!?;,\"”’)")


def title_line(text: str) -> Optional[Line]:
    """The text's title: a first line standing alone (a blank line after it, more text below) that reads
    as a title, not a sentence (at most ten words, a letter in it, no closing punctuation): "Pride and
    Prejudice" above a plot."""
    groups = blocks(list(iter_lines(text)))
    if len(groups) < 2 or len(groups[0]) != 1:
        return None
    line = groups[0][0]
    words = line.text.split()
    if len(words) > _TITLE_MAX_WORDS or line.text.rstrip().endswith(_SENTENCE_END) \
            or not any(ch.isalpha() for ch in line.text):
        return None
    return line


# -- names -----------------------------------------------------------------------------

def strip_extensions(name: str) -> str:
    """Remove trailing text-file extensions: ``film_page.wiki.txt`` -> ``film_page``."""
    base = os.path.basename(name) or name
    changed = True
    while changed:
        changed = False
        for ext in _STRIPPABLE:
            if base.lower().endswith(ext) and len(base) > len(ext):
                base, changed = base[: -len(ext)], True
    return base


def slugify(name: str, default: str = "source") -> str:
    """A stable id from a name: ascii lowercase ``[a-z0-9_-]``, extensions removed."""
    stem = strip_extensions(name)
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DASHES.sub("-", _SLUG_BAD.sub("-", folded.lower())).strip("-")
    if not slug and stem.strip():  # a name with no Latin letters ("故事"): keep it apart from others
        return f"{default}-{hashlib.sha1(stem.encode('utf-8')).hexdigest()[:8]}"
    return slug or default
