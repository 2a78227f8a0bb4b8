"""Wiki-style pages: headings and sections, the ``- Key: value`` infobox, tables, cast lists.

A page looks like::

    = Title =
    - Director: Someone
    lead paragraph...
    ==Plot==
    ...
    == Cast ==
    - Actor Name as Character

Headings are ``= Title =`` (level 1), ``==Plot==`` / ``== Plot ==`` (level 2), ``===Sub===``
(level 3) and so on; Markdown ``#``/``##`` headings are read the same way. Section offsets
cover the body: from after the heading line to the next heading of the same or a higher
level. Table lines (``| a | b |``) are never prose.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..model import Credit, Section
from .text import Line, iter_lines, strip_span, title_line

__all__ = [
    "PLOT_TITLES",
    "CAST_TITLES",
    "is_wiki",
    "is_heading",
    "is_table_line",
    "heading",
    "sections",
    "infobox",
    "wiki_title",
    "plot_section",
    "wiki_body",
    "parse_credit_line",
    "cast_credits",
    "starring",
    "prose_paragraphs",
]

PLOT_TITLES = frozenset({"plot", "plot summary", "synopsis", "story", "summary", "plot synopsis", "storyline"})
CAST_TITLES = frozenset({
    "cast", "cast and characters", "characters", "starring", "credits", "cast list", "main cast",
    "cast and crew", "cast & crew", "full cast", "film credits", "voice cast",
})
# Section titles of film and book pages: alone on a line in plain text ("Plot", "Cast:"), a heading.
SECTION_TITLES = PLOT_TITLES | CAST_TITLES | frozenset({
    "reception", "critical reception", "critical response", "release", "release and reception", "box office",
    "production", "development", "filming", "casting", "music", "soundtrack", "accolades", "awards",
    "awards and nominations", "themes", "legacy", "home media", "sequel", "remake", "adaptations", "references",
    "notes", "external links", "see also", "further reading", "background", "premise", "publication history",
})
_BARE_HEADING_WORDS = 4

_WIKI_HEADING = re.compile(r"^(={1,6})\s*([^=\s].*?)\s*(={1,6})\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$|^\s*\{\|.*$|^\s*\|[-}].*$")
_INFOBOX = re.compile(r"^\s*[-*•]\s+([A-Za-z][\w .&/()'’-]{0,40}?)\s*:\s*(\S.*?)\s*$")
_TITLE_KEYS = ("title", "name", "film", "original title")
_STARRING_KEYS = frozenset({"starring", "cast", "stars", "main cast"})
_LIST_SPLIT = re.compile(r"\s*[,;/•]\s*|\s+and\s+|\s+&\s+")

# -- cast lines --
_BULLET = r"\s*(?:[-*•·]\s+)?"
_AS_FORM = re.compile(rf"^{_BULLET}(?P<actor>\S.*?)\s+as\s+(?P<char>\S.*?)\s*$")
_COLON_FORM = re.compile(rf"^{_BULLET}(?P<actor>[^:]+?)\s*:\s*(?P<char>\S.*?)\s*$")
_DASH_FORM = re.compile(rf"^{_BULLET}(?P<actor>\S.*?)\s+[–—-]\s+(?P<char>\S.*?)\s*$")
_PAREN_FORM = re.compile(rf"^{_BULLET}(?P<outer>[^()]*?[^()\s])\s*\((?P<inner>[^()]+)\)\s*$")
_AS_WORD = re.compile(r"\sas\s")
_NOTE = re.compile(r"\s*\((?:[a-z][^()]*)\)\s*$")
_DESCRIPTION = re.compile(r",\s|\s[–—-]\s|;\s|:\s")
_PARTICLES = frozenset({
    "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al",
    "el", "y", "e", "dos", "das", "ter", "of", "the", "and", "in", "at", "on", "from", "with", "a",
})
_NOT_NAMES = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "this", "that",
    "these", "those", "when", "while", "then", "later", "after", "before", "as", "but", "and", "so",
    "there", "here", "one", "some", "in", "on", "at", "by", "with", "for", "from", "if", "although",
})
_ROLE_STARTERS = _NOT_NAMES - {"the", "a", "one"}
_CREW = frozenset({
    "director", "directed by", "writer", "written by", "screenplay", "story", "producer", "producers",
    "produced by", "music", "music by", "cinematography", "editing", "edited by", "editor", "starring",
    "runtime", "running time", "country", "language", "released", "release date", "budget", "gross",
    "box office", "distributor", "distributed by", "production company", "production companies",
    "genre", "rating", "studio", "year", "based on", "narrated by", "composer", "director of photography",
})
_POSSESSIVE = re.compile(r"^[^\W\d_][\w-]*(?:'s|’s|s'|s’)$")
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]\.)+$|^[^\W\d_][\w'’.-]*$")
_ROLE_WORD = re.compile(r"^[\w'’-]+$")
_MAX_CREDIT_CHARS = 90


# -- headings and sections -------------------------------------------------------------

def heading(line: str) -> Optional[tuple[int, str]]:
    """``(level, title)`` when ``line`` is a heading (wiki or Markdown markup, or a known section title
    alone on its line: a bare "Plot" is a level-2 heading), else None."""
    return _markup_heading(line) or _bare_heading(line)


def _bare_heading(line: str) -> Optional[tuple[int, str]]:
    """A known section title alone on its line, as plain-text copies of a page have them ("Plot", "Cast:")."""
    words = line.split()
    if not 0 < len(words) <= _BARE_HEADING_WORDS or _normal_title(line) not in SECTION_TITLES:
        return None
    return 2, " ".join(words).rstrip(":").strip()


def _markup_heading(line: str) -> Optional[tuple[int, str]]:
    """``(level, title)`` of a ``== wiki ==`` or ``## Markdown`` heading line."""
    match = _WIKI_HEADING.match(line)
    if match:
        return min(len(match.group(1)), len(match.group(3))), match.group(2).strip()
    match = _MD_HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2).strip()
    return None


def is_heading(line: str) -> bool:
    """True when ``line`` is a wiki or Markdown heading."""
    return heading(line) is not None


def is_table_line(line: str) -> bool:
    """True for table rows (``| a | b |``) and wiki table markup."""
    return bool(_TABLE.match(line))


def is_wiki(text: str) -> bool:
    """A wiki page starts with a ``= Title =`` line or has ``==Section==`` headings; a plain-text copy of one
    has a bare plot heading ("Plot", "Synopsis" alone on a line; a bare "Cast" alone is not enough: reviews
    end with one)."""
    lines = [line for line in iter_lines(text) if not line.blank]
    if not lines:
        return False
    if lines[0].text.lstrip().startswith("=") and _markup_heading(lines[0].text):
        return True
    return any((h := _markup_heading(line.text)) and h[0] >= 2 for line in lines) \
        or any(_bare_heading(line.text) and _normal_title(line.text) in PLOT_TITLES for line in lines)


def _headings(lines: list[Line]) -> list[tuple[int, int, str]]:
    """``(line index, level, title)`` of every heading line."""
    found = []
    for index, line in enumerate(lines):
        head = heading(line.text)
        if head:
            found.append((index, *head))
    return found


def sections(text: str) -> tuple[Section, ...]:
    """Every heading's section; offsets cover the body after the heading line."""
    lines = list(iter_lines(text))
    ends: dict[int, int] = {}
    open_heads: list[tuple[int, int]] = []  # (heading line index, level), levels increasing
    heads = _headings(lines)
    for index, level, _ in heads:
        while open_heads and open_heads[-1][1] >= level:
            ends[open_heads.pop()[0]] = lines[index].start
        open_heads.append((index, level))
    return tuple(
        Section(title=title, level=level, start=lines[index].next, end=ends.get(index, len(text)))
        for index, level, title in heads
    )


def _normal_title(title: str) -> str:
    return " ".join(title.lower().replace("_", " ").split()).strip(" :")


def plot_section(secs: tuple[Section, ...]) -> Optional[Section]:
    """The first section titled Plot / Plot summary / Synopsis / Story / Summary."""
    return next((s for s in secs if _normal_title(s.title) in PLOT_TITLES), None)


# -- lead, infobox, title --------------------------------------------------------------

def _lead_lines(text: str) -> list[Line]:
    """Lines before the first heading of level 2 or deeper (the title heading excluded)."""
    lead = []
    for line in iter_lines(text):
        head = heading(line.text)
        if head and head[0] >= 2:
            break
        if not head:
            lead.append(line)
    return lead


def infobox(text: str) -> tuple[tuple[str, str], ...]:
    """``(key, value)`` pairs of the ``- Key: value`` lines of the lead."""
    pairs = []
    for line in _lead_lines(text):
        match = _INFOBOX.match(line.text)
        if match:
            pairs.append((match.group(1).strip(), match.group(2).strip()))
    return tuple(pairs)


def wiki_title(text: str, box: tuple[tuple[str, str], ...] = ()) -> Optional[str]:
    """The level-1 heading, else an infobox Title/Name, else a title line standing alone at the top (a
    plain-text copy of a page), else the first heading."""
    heads = [h for line in iter_lines(text) if (h := heading(line.text))]
    level_one = [title for level, title in heads if level == 1]
    if level_one:
        return level_one[0]
    for key, value in box:
        if key.lower() in _TITLE_KEYS:
            return value
    first = title_line(text)
    if first is not None and not heading(first.text):
        return first.text.strip()
    return heads[0][1] if heads else None


def _lead_body(text: str) -> Optional[tuple[int, int]]:
    """Span of the lead text after the infobox (None when there is none)."""
    lead = _lead_lines(text)
    last_box = max((i for i, line in enumerate(lead) if _INFOBOX.match(line.text)), default=-1)
    prose = [line for line in lead[last_box + 1:] if not line.blank and not is_table_line(line.text)]
    if not prose:
        return None
    return strip_span(text, prose[0].start, prose[-1].end)


def wiki_body(text: str, secs: tuple[Section, ...]) -> tuple[int, int]:
    """The Plot section body, else the lead after the infobox, else the whole text (stripped)."""
    plot = plot_section(secs)
    if plot is not None:
        span = strip_span(text, plot.start, plot.end)
        if span[0] < span[1]:
            return span
    return _lead_body(text) or strip_span(text, 0, len(text))


def prose_paragraphs(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Blank-line separated paragraphs inside ``span``, without headings and tables."""
    paragraphs: list[tuple[int, int]] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            paragraphs.append(strip_span(text, current[0].start, current[-1].end))
            current.clear()

    for line in iter_lines(text):
        if line.end <= span[0] or line.start >= span[1]:
            continue
        if line.blank or is_heading(line.text) or is_table_line(line.text):
            flush()
        else:
            current.append(line)
    flush()
    return [(max(s, span[0]), min(e, span[1])) for s, e in paragraphs if s < e]


# -- credits ---------------------------------------------------------------------------

def _is_name(words: list[str], max_words: int, starters: frozenset[str] = _NOT_NAMES) -> bool:
    """Capitalised name tokens (particles allowed inside), no digits, no sentence starter first."""
    if not 1 <= len(words) <= max_words or words[0].lower() in starters:
        return False
    if not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    for word in words:
        if word.lower() in _PARTICLES and word.islower():
            continue
        if not (_NAME_TOKEN.match(word) and word[0].isupper()):
            return False
    return True


def _is_actor(actor: str) -> bool:
    """An actor credit: 1-5 capitalised tokens, not a crew role."""
    return actor.lower().strip(" :") not in _CREW and _is_name(actor.split(), 5)


def _is_role(character: str, loose: bool) -> bool:
    """A character: a name, ``Name's role``, or (loose, in cast lists) ``Capitalised role words``."""
    words = character.split()
    if not 1 <= len(words) <= 6 or not words[0][0].isupper():
        return False
    if _is_name(words, 6, _ROLE_STARTERS) or words[0].lower() in {"himself", "herself", "themselves"}:
        return True
    if _POSSESSIVE.match(words[0]) and words[0][0].isupper() and len(words) <= 4:
        return all(w.isalpha() and (w.islower() or w[0].isupper()) for w in words[1:])
    if loose and words[0].lower() not in _ROLE_STARTERS:
        lower = [w for w in words[1:] if not w[0].isupper() and w not in _PARTICLES]
        return len(lower) <= 3 and all(_ROLE_WORD.match(w) for w in words)
    return False


def _trim_character(line: str, start: int, end: int, loose: bool) -> tuple[int, int]:
    """Drop a trailing note ``(voice)`` and, in cast lists, a description after ``, ``."""
    part = line[start:end]
    note = _NOTE.search(part)
    if note:
        end = start + note.start()
        part = line[start:end]
    if loose:
        cut = _DESCRIPTION.search(part)
        if cut:
            end = start + cut.start()
    return start, end


def _ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (initials like ``Jr.`` excepted)."""
    stripped = text.rstrip(" \t\"”’')")
    if not stripped or stripped[-1] not in ".!?…":
        return False
    last = stripped.split()[-1]
    return not (stripped[-1] == "." and len(last) <= 4 and last[0].isupper())


def _match_forms(line: str, loose: bool) -> list[re.Match[str]]:
    if _AS_WORD.search(line):
        return [m for m in [_AS_FORM.match(line)] if m]
    if not loose:
        return []
    forms = (_COLON_FORM, _DASH_FORM, _PAREN_FORM)
    return [m for form in forms if (m := form.match(line))]


def _checked(actor: str, line: str, span: tuple[int, int], loose: bool) -> Optional[tuple[str, str, int, int]]:
    """``(actor, character, start, end)`` when both sides look right, else None."""
    start, end = strip_span(line, *span)
    actor, character = " ".join(actor.split()), line[start:end]
    if not character or _ends_like_sentence(character) or _ends_like_sentence(actor):
        return None
    if not loose and len(actor.split()) < 2:
        return None
    if _is_actor(actor) and _is_role(character, loose):
        return actor, character, start, end
    return None


def _paren_credit(line: str, match: re.Match[str], actors: frozenset[str]) -> Optional[tuple[str, str, int, int]]:
    """``Character (Actor)`` or ``Actor (Character)``, read only when the page says which is which."""
    outer, inner = match.group("outer").strip(), match.group("inner").strip()
    outer_span, inner_span = match.span("outer"), match.span("inner")
    outer_role = _is_role(outer, True) and not _is_name(outer.split(), 5)
    inner_role = _is_role(inner, True) and not _is_name(inner.split(), 5)
    if inner in actors or (outer_role and not inner_role):
        return _checked(inner, line, outer_span, True)
    if outer in actors or (inner_role and not outer_role):
        return _checked(outer, line, inner_span, True)
    return None


def parse_credit_line(
    line: str, *, loose: bool = False, actors: Iterable[str] = ()
) -> Optional[tuple[str, str, int, int]]:
    """Parse one cast line into ``(actor, character, start, end)`` (offsets within ``line``).

    Strict mode (anywhere on a page) accepts only ``Actor Name as Character``. ``loose``
    (inside a cast list) also accepts ``Actor: Character``, ``Actor – Character``,
    lowercase role words, a trailing description after a comma, and ``Character (Actor)``
    or ``Actor (Character)`` when unambiguous: one side is in ``actors`` (names known from
    the page) or only one side is a role rather than a name (``Mara's mother (Lisa Holm)``).
    """
    if len(line) > (4 * _MAX_CREDIT_CHARS if loose else _MAX_CREDIT_CHARS) or not line.strip():
        return None
    known = frozenset(" ".join(a.split()) for a in actors)
    for match in _match_forms(line, loose):
        if match.re is _PAREN_FORM:
            parsed = _paren_credit(line, match, known)
        else:
            span = _trim_character(line, match.start("char"), match.end("char"), loose)
            parsed = _checked(match.group("actor"), line, span, loose)
        if parsed:
            return parsed
    return None


def _line_credits(text: str, span: tuple[int, int], actors: Iterable[str] = ()) -> list[Credit]:
    """Credits on the lines inside ``span`` (cast-list rules)."""
    found = []
    for line in iter_lines(text, *span):
        if line.end > span[1] or line.blank or is_heading(line.text):
            continue
        parsed = parse_credit_line(line.text, loose=True, actors=actors)
        if parsed:
            actor, character, start, end = parsed
            found.append(Credit(actor, character, line.start + start, line.start + end))
    return found


def starring(box: tuple[tuple[str, str], ...]) -> set[str]:
    """Actor names listed in the infobox (Starring / Cast / Stars)."""
    names: set[str] = set()
    for key, value in box:
        if key.lower() in _STARRING_KEYS:
            names.update(n.strip() for n in _LIST_SPLIT.split(value) if n.strip())
    return names


def cast_credits(
    text: str, secs: tuple[Section, ...], box: tuple[tuple[str, str], ...] = ()
) -> tuple[Credit, ...]:
    """Credits from every Cast-like section (and its subsections) of a wiki page."""
    spans = [(s.start, s.end) for s in secs if _normal_title(s.title) in CAST_TITLES]
    actors = starring(box)
    for span in spans:  # first pass: names the unambiguous lines give
        actors.update(c.actor for c in _line_credits(text, span))
    found: dict[tuple[int, int], Credit] = {}
    for span in spans:
        for credit in _line_credits(text, span, actors):
            found.setdefault((credit.start, credit.end), credit)
    return tuple(sorted(found.values(), key=lambda c: c.start))
