"""Sources and story bundles: detect a text's format, parse it, read a file or a folder.

A *bundle* is one story: a single file, or every text file of a folder. Its first source is
the primary one, the plot (a wiki page with a Plot section, else plain text, the longest
plot body winning); the others follow sorted by name.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

from ..errors import InputError
from ..model import Source
from . import web, wiki
from . import text as text_module
from .text import TEXT_EXTENSIONS, read_text_file, slugify, strip_extensions, strip_span, title_line

__all__ = ["FORMATS", "TEXT_EXTENSIONS", "Bundle", "detect_format", "parse_source", "body_paragraphs", "read_story"]

PathLike = Union[str, "os.PathLike[str]"]

FORMATS = ("wiki", "web", "text")
_KIND_ALIASES = {"wiki": "wiki", "web": "web", "review": "web", "text": "text", "plain": "text", "plot": "plot"}
_NAME_HINTS = {".wiki": "wiki", ".web": "web"}


@dataclass(frozen=True, slots=True)
class Bundle:
    """One story's sources, the primary (plot) source first."""
    id: str
    title: str
    sources: tuple[Source, ...]

    @property
    def primary(self) -> Source:
        """The plot source (the first one)."""
        return self.sources[0]


def detect_format(text: str) -> str:
    """``'wiki'`` (``= Title =`` or ``==Section==`` headings), ``'web'`` (boilerplate) or ``'text'``."""
    if wiki.is_wiki(text):
        return "wiki"
    if web.is_web(text):
        return "web"
    return "text"


def _format(text: str, kind: Optional[str]) -> str:
    """The format to parse with; ``kind`` may force one (``wiki``/``web``/``text``, or ``review``/``plot``)."""
    if kind is None:
        return detect_format(text)
    if kind not in _KIND_ALIASES:
        raise ValueError(f"unknown kind {kind!r}; use one of {sorted(_KIND_ALIASES)}")
    forced = _KIND_ALIASES[kind]
    if forced == "plot":  # the story itself: wiki page or plain text, never a web page
        return "wiki" if wiki.is_wiki(text) else "text"
    return forced


def _source(text: str, name: str, path: Optional[str], kind: str, **parts) -> Source:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(id=slugify(name), name=name, kind=kind, sha256=digest, text=text, path=path, **parts)


def _parse_wiki(text: str, name: str, path: Optional[str]) -> Source:
    secs = wiki.sections(text)
    box = wiki.infobox(text)
    return _source(
        text, name, path, "plot", title=wiki.wiki_title(text, box), sections=secs,
        credits=wiki.cast_credits(text, secs, box), infobox=box, body=wiki.wiki_body(text, secs),
    )


def _parse_web(text: str, name: str, path: Optional[str]) -> Source:
    page = web.analyse_page(text)
    credits = web.web_credits(text, page.paragraphs)
    return _source(text, name, path, "review", title=page.title, credits=credits, body=page.body)


def _parse_text(text: str, name: str, path: Optional[str], sentences_per_line: bool) -> Source:
    """Plain text: all of it is the story, but for a title line standing alone at the top (not in
    pre-segmented text, where every line is a sentence)."""
    if sentences_per_line:
        return _source(text, name, path, "plot", body=strip_span(text, 0, len(text)))
    title = title_line(text)
    body = strip_span(text, title.next if title else 0, len(text))
    return _source(text, name, path, "plot", title=title.text.strip() if title else None,
                   credits=web.web_credits(text), body=body)


def parse_source(
    text: str,
    *,
    name: str,
    path: Optional[PathLike] = None,
    kind: Optional[str] = None,
    sentences_per_line: bool = False,
) -> Source:
    """Parse ``text`` into a :class:`Source` (format detected unless ``kind`` forces it).

    ``kind``: ``'wiki'``, ``'web'`` (alias ``'review'``), ``'text'``, or ``'plot'`` (wiki or
    text, never web). ``sentences_per_line`` marks pre-segmented plain text (one sentence a
    line, blank line between paragraphs): kind ``'plot'``, body the whole text.
    The id is the slug of ``name``; the text is kept unchanged, every offset indexes it.
    """
    if not text.strip():
        raise InputError(f"{name} is empty or whitespace only; pass the story text.")
    path_str = os.fspath(path) if path is not None else None
    fmt = "text" if sentences_per_line else _format(text, kind)
    if fmt == "wiki":
        return _parse_wiki(text, name, path_str)
    if fmt == "web":
        return _parse_web(text, name, path_str)
    return _parse_text(text, name, path_str, sentences_per_line)


def body_paragraphs(source: Source) -> list[tuple[int, int]]:
    """Spans of the narrative paragraphs inside ``source.body``.

    For a web page: the article paragraphs with captions, blurbs and other boilerplate
    left out. For a wiki page or plain text: the blank-line separated paragraphs of the
    body, headings and tables left out.
    """
    body = source.body or strip_span(source.text, 0, len(source.text))
    if source.kind == "review":
        page = web.analyse_page(source.text)
        return [p for p in page.paragraphs if body[0] <= p[0] and p[1] <= body[1]]
    return wiki.prose_paragraphs(source.text, body)


# -- bundles ---------------------------------------------------------------------------

def _name_hint(path: Path) -> Optional[str]:
    """A format forced by an inner extension: ``page.wiki.txt`` -> wiki, ``x.web.txt`` -> web."""
    suffixes = [s.lower() for s in path.suffixes]
    return next((_NAME_HINTS[s] for s in suffixes if s in _NAME_HINTS), None)


def _read_source(path: Path, sentences_per_line: bool, only_plain: bool = False, folder: Optional[str] = None) -> Source:
    """Read and parse one file; with ``only_plain`` the flag applies to plain-text files only.
    The recorded path is relative to the story (``file`` or ``folder/file``), so the same story
    gives the same JSON wherever it lies on disk."""
    text = read_text_file(path)
    hint = _name_hint(path)
    if only_plain and sentences_per_line:
        sentences_per_line = _format(text, hint) == "text"
    recorded = f"{folder}/{path.name}" if folder else path.name
    return parse_source(text, name=path.name, path=recorded, kind=hint, sentences_per_line=sentences_per_line)


def _plot_rank(source: Source) -> int:
    """0 wiki page with a Plot section, 1 plain text, 2 other wiki page, 3 web page."""
    if source.kind != "plot":
        return 3
    if not source.sections:
        return 1
    plot = wiki.plot_section(source.sections)
    inside = plot is not None and source.body is not None and plot.start <= source.body[0] < plot.end
    return 0 if inside else 2


def _body_length(source: Source) -> int:
    return source.body[1] - source.body[0] if source.body else 0


def _order(sources: list[Source]) -> list[Source]:
    """Primary source first (best plot rank, then longest body, then name), others by name."""
    by_name = sorted(sources, key=lambda s: (s.name, s.path or ""))
    primary = min(by_name, key=lambda s: (_plot_rank(s), -_body_length(s)))
    return [primary] + [s for s in by_name if s is not primary]


def _unique_ids(sources: list[Source]) -> tuple[Source, ...]:
    """Suffix repeated ids with -2, -3... in order."""
    seen: set[str] = set()
    result = []
    for source in sources:
        new_id, counter = source.id, 1
        while new_id in seen:
            counter += 1
            new_id = f"{source.id}-{counter}"
        seen.add(new_id)
        result.append(source if new_id == source.id else replace(source, id=new_id))
    return tuple(result)


def _text_files(folder: Path) -> list[Path]:
    """Visible text files of a folder, sorted by name."""
    return sorted(
        p for p in folder.iterdir()
        if not p.name.startswith(".") and p.is_file() and p.suffix.lower() in TEXT_EXTENSIONS
    )


def _bundle(name: str, sources: list[Source]) -> Bundle:
    ordered = _unique_ids(_order(sources))
    title = ordered[0].title or strip_extensions(name)
    return Bundle(id=slugify(name, default="story"), title=title, sources=ordered)


def read_story(path: PathLike, *, sentences_per_line: bool = False) -> Bundle:
    """Read one story: a text file (one source) or a folder (every visible text file in it).

    In a folder, ``sentences_per_line`` applies to the plain-text files only (wiki and web
    pages keep their own layout); for a single file it always applies.

    Text files are ``*.txt``, ``*.text``, ``*.md``, ``*.markdown``, ``*.wiki``, ``*.web``,
    ``*.plot``. Raises :class:`InputError` for a missing path, a folder without text files,
    a folder whose text files hold more than :data:`~narrative.ingest.text.MAX_BYTES` together,
    or any unreadable file (see :func:`read_text_file`).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist; check the path.")
    if not path.is_dir():
        return _bundle(path.name, [_read_source(path, sentences_per_line)])
    files = _text_files(path)
    if not files:
        raise InputError(
            f"{path} contains no text files; add the plot as a .txt, .md or .wiki file."
        )
    total = sum(f.stat().st_size for f in files)
    if total > text_module.MAX_BYTES:
        raise InputError(
            f"{path} holds {total / 1024 / 1024:.1f} MB of text files, over the limit of "
            f"{text_module.MAX_BYTES // (1024 * 1024)} MB for one story; keep only the story's own pages in the folder."
        )
    name = path.resolve().name if path.name in ("", ".", "..") else path.name
    return _bundle(name, [_read_source(f, sentences_per_line, only_plain=True, folder=name) for f in files])
