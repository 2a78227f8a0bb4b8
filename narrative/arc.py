"""A character's arc: one point per event, a value in [−1, 1] made of components a teacher can explain.

For each event (in story order) three components are measured for the character:

- ``valence`` — how good or bad what happens to and around it is, by the VADER lexicon
  (`narrative.valence`): "to" is the clauses of the event's sentences that hold one of its mentions
  (a sentence is cut into clauses at commas, semicolons, colons, dashes, brackets and words such as
  *but, while, because, after, when, who*), weight 3/4; "around" is the rest of the event's text,
  weight 1/4 (whichever exists alone when the other is empty);
- ``social`` — its connectedness: ``(positive − negative) / (all + 1)`` over the interactions in the event
  that have it as source or target, direct ones counting 1, reported or recalled ones 1/2, mere
  co-presence 0 (the +1 keeps a single interaction from counting as much as several);
- ``agency`` — acting versus being acted upon: ``(as source − as target) / (directed + 1)`` over the
  directed interactions in the event that involve it, with the same mode weights.

``raw`` is the weighted mean of the components that have evidence in the event, with the weights
``valence 0.6, social 0.25, agency 0.15``: what happens carries most of a character's fortune, how the
others treat it comes next, and whether it drives the action or suffers it is a smaller correction.
A component without evidence (no interaction, no directed interaction) is left out and the weights of
the others are rescaled, so an event without interactions is judged by its valence alone. An event in
which the character is not mentioned continues the arc at its previous raw level (``present = 0``); the
events before its first appearance take the level of that appearance, and the shape is read from there on.

``value`` smooths ``raw`` with a small window (1/4, 1/2, 1/4) that keeps the turns: a point that is the
lowest (highest) within two events on each side, and 0.3 below (above) the opposite extreme there, keeps
its raw value, so a clear dip or peak is not flattened away. Values are clipped to [−1, 1].

`arc_shape` names which of the six emotional arcs of Reagan et al. (2016) the curve follows: it fits the
curve by one, two or three straight segments and reads the shape off their directions (up, down-up,
up-down-up...), with the share of the curve's variance the fit explains as the confidence.
"""
from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from typing import Optional, Sequence

from .model import Arc, ArcPoint, Story

__all__ = ["character_arc", "protagonist_arc", "arc_shape", "ARC_SHAPES", "WEIGHTS", "smooth"]

ARC_SHAPES = ("rags_to_riches", "riches_to_rags", "man_in_a_hole", "icarus", "cinderella", "oedipus")
WEIGHTS = {"valence": 0.6, "social": 0.25, "agency": 0.15}
OWN_SENTENCE_WEIGHT = 0.75
KEEP_PROMINENCE = 0.15
MODE_WEIGHTS = {"direct": 1.0, "reported": 0.5, "recalled": 0.5, "copresence": 0.0}
# The lookahead only lets through a character that can start a match (a cut or the first letter of a
# word below, in either case), so most positions are rejected before the alternation is tried.
_CLAUSE = re.compile(r"(?=[,;:–—()\[\]abstuwyABSTUWY])"
                     r"(?:[,;:–—()\[\]]|\b(?:but|while|although|though|whereas|because|as|after|before|until|"
                     r"when|whenever|which|who|whom|whose|where|so|yet)\b)", re.I)


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


_CHUNK_WORDS = 200  # VADER's cost grows with the square of a text's length: score long texts in chunks


def _valence_of(parts: Sequence[str], valence) -> float:
    """Valence of the parts joined; texts over `_CHUNK_WORDS` words are scored in chunks of whole
    parts and averaged by length (an event of a few sentences is scored as one text)."""
    text = " ".join(parts)
    if len(text.split()) <= _CHUNK_WORDS:  # the words of the parts: joining by spaces merges none
        return valence(text)
    chunks: list[list[str]] = [[]]
    words = 0
    for part in parts:
        n = len(part.split())
        if words and words + n > _CHUNK_WORDS:
            chunks.append([])
            words = 0
        chunks[-1].append(part)
        words += n
    if len(chunks) == 1:
        return valence(" ".join(chunks[0]))
    sizes = [sum(len(p.split()) for p in c) for c in chunks]
    return sum(valence(" ".join(c)) * n for c, n in zip(chunks, sizes)) / max(1, sum(sizes))


def smooth(raw: Sequence[float], prominence: float = KEEP_PROMINENCE) -> list[float]:
    """(1/4, 1/2, 1/4) moving average that keeps the turns.

    A point that is the lowest (highest) of the five around it, and lies at least ``2 · prominence``
    below (above) the highest (lowest) of them, keeps its raw value: a clear dip or peak stays where and
    as deep as it is, while noise between turns is averaged away.
    """
    n = len(raw)
    if n < 3:
        return list(raw)
    out = []
    for i in range(n):
        if i == 0:
            v = (2 * raw[0] + raw[1]) / 3
        elif i == n - 1:
            v = (2 * raw[-1] + raw[-2]) / 3
        else:
            v = 0.25 * raw[i - 1] + 0.5 * raw[i] + 0.25 * raw[i + 1]
        window = raw[max(0, i - 2): i + 3]
        is_min = raw[i] == min(window) and max(window) - raw[i] >= 2 * prominence
        is_max = raw[i] == max(window) and raw[i] - min(window) >= 2 * prominence
        out.append(raw[i] if (is_min or is_max) else v)
    return out


def character_arc(story: Story, character_id: str) -> Arc:
    """The arc of `character_id` over the story's events (see the module docstring)."""
    from .valence import valence

    story.character(character_id)  # KeyError for an unknown character
    ch = story.character(character_id)
    by_index = {s.index: s for s in story.sentences}
    inter_by_event: dict[str, list] = {}
    for it in story.interactions:
        if character_id in (it.source, it.target):
            inter_by_event.setdefault(it.event, []).append(it)

    mention_starts: dict[int, list[int]] = {}
    for m in ch.mentions:
        if m.sentence >= 0:
            mention_starts.setdefault(m.sentence, []).append(m.start)

    parts: list[tuple[str, dict[str, float]]] = []  # per event: its id and the components measured
    raws: list[float] = []
    previous = 0.0
    for ev in sorted(story.events, key=lambda e: e.index):
        to_parts: list[str] = []
        around_parts: list[str] = []
        for i in ev.sentences:
            sent = by_index.get(i)
            if sent is None:
                continue
            text = story.text_of(sent)
            starts = [st - sent.start for st in mention_starts.get(i, ())]
            for a, b in _clauses(text):
                part = text[a:b].strip(" ,;:–—()")
                if not part:
                    continue
                mentioned = bool(starts) and any(a <= st < b for st in starts)
                (to_parts if mentioned else around_parts).append(part)
        inters = [it for it in inter_by_event.get(ev.id, []) if MODE_WEIGHTS.get(it.mode, 1.0) > 0]
        present = bool(to_parts) or bool(inters)
        comps: dict[str, float] = {"present": 1.0 if present else 0.0}
        if not present:
            comps.update(valence=0.0, social=0.0, agency=0.0)
            raw = previous
        else:
            v_to = _valence_of(to_parts, valence) if to_parts else None
            v_around = _valence_of(around_parts, valence) if around_parts else None
            if v_to is None:
                val = v_around or 0.0
            elif v_around is None:
                val = v_to
            else:
                val = OWN_SENTENCE_WEIGHT * v_to + (1 - OWN_SENTENCE_WEIGHT) * v_around
            weight_of = [MODE_WEIGHTS.get(it.mode, 1.0) for it in inters]
            pos = sum(w for it, w in zip(inters, weight_of) if it.valence == "positive")
            neg = sum(w for it, w in zip(inters, weight_of) if it.valence == "negative")
            social = (pos - neg) / (sum(weight_of) + 1)
            directed = [(it, w) for it, w in zip(inters, weight_of) if it.directed and it.source != it.target]
            as_src = sum(w for it, w in directed if it.source == character_id)
            as_tgt = sum(w for it, w in directed if it.target == character_id)
            agency = (as_src - as_tgt) / (sum(w for _, w in directed) + 1)
            comps.update(valence=val, social=social, agency=agency)
            total = WEIGHTS["valence"] * val
            weight = WEIGHTS["valence"]
            if inters:
                total += WEIGHTS["social"] * social
                weight += WEIGHTS["social"]
            if directed:
                total += WEIGHTS["agency"] * agency
                weight += WEIGHTS["agency"]
            raw = total / weight
        raw = max(-1.0, min(1.0, raw))
        previous = raw
        raws.append(raw)
        parts.append((ev.id, {k: round(v, 6) for k, v in comps.items()}))
    first = next((i for i, (_, comps) in enumerate(parts) if comps["present"]), len(parts))
    if 0 < first < len(parts):  # before the character enters, its arc is where it enters, not at 0
        raws[:first] = [raws[first]] * first
    values = [max(-1.0, min(1.0, v)) for v in smooth(raws)]
    points = [ArcPoint(event=event, value=round(v, 6), components=comps, raw=round(r, 6))
              for (event, comps), v, r in zip(parts, values, raws)]
    shape, confidence = arc_shape(values[first:] if first < len(values) else values)  # the character's own curve
    return Arc(character=character_id, points=tuple(points), shape=shape, shape_confidence=confidence)


def protagonist_arc(story: Story) -> Optional[Arc]:
    """The protagonist's arc, or None when the story has no protagonist."""
    if story.protagonist is None:
        return None
    return character_arc(story, story.protagonist)


# ------------------------------------------------------------------------------------------------ shape

def _resample(values: Sequence[float], m: int) -> list[float]:
    """`values` linearly interpolated at `m` evenly spaced points."""
    n = len(values)
    out = []
    for j in range(m):
        x = j * (n - 1) / (m - 1)
        lo = int(math.floor(x))
        hi = min(lo + 1, n - 1)
        t = x - lo
        out.append(values[lo] * (1 - t) + values[hi] * t)
    return out


def _template(shape: str, t: float) -> float:
    """An idealised curve of each shape on [0, 1] (for tests and illustrations)."""
    if shape == "rags_to_riches":
        return t
    if shape == "riches_to_rags":
        return -t
    if shape == "man_in_a_hole":  # fall then rise
        return math.cos(2 * math.pi * t)
    if shape == "icarus":  # rise then fall
        return -math.cos(2 * math.pi * t)
    if shape == "cinderella":  # rise, fall, rise
        return -math.cos(3 * math.pi * t)
    if shape == "oedipus":  # fall, rise, fall
        return math.cos(3 * math.pi * t)
    raise ValueError(shape)


_BY_DIRECTIONS = {(1,): "rags_to_riches", (-1,): "riches_to_rags", (-1, 1): "man_in_a_hole", (1, -1): "icarus",
                  (1, -1, 1): "cinderella", (-1, 1, -1): "oedipus"}
_FIT_POINTS = 12  # the curve is resampled to at most this many points before the segments are fitted
_MIN_MOVE = 0.2  # each segment must move the curve by at least this share of its range


def _inverse(a: list[list[float]]) -> Optional[list[list[float]]]:
    """The inverse of a small square matrix (Gauss-Jordan with partial pivoting), None if singular."""
    m = len(a)
    w = [row[:] + [1.0 if i == j else 0.0 for j in range(m)] for i, row in enumerate(a)]
    for c in range(m):
        p = max(range(c, m), key=lambda r: abs(w[r][c]))
        if abs(w[p][c]) < 1e-12:
            return None
        w[c], w[p] = w[p], w[c]
        pivot = w[c][c]
        w[c] = [x / pivot for x in w[c]]
        for r in range(m):
            if r != c and w[r][c]:
                f = w[r][c]
                w[r] = [x - f * z for x, z in zip(w[r], w[c])]
    return [row[m:] for row in w]


_Matrix = tuple[tuple[float, ...], ...]


@functools.lru_cache(maxsize=512)
def _design(n: int, knots: tuple[int, ...]) -> Optional[tuple[_Matrix, _Matrix]]:
    """For `n` evenly spaced points and hinges at `knots`: the design rows (1, t, (t − t_k)+ ...) and
    the least-squares projector (AᵀA)⁻¹Aᵀ, computed once per shape of problem."""
    t = [i / (n - 1) for i in range(n)]
    rows = [[1.0, ti] + [max(0.0, ti - t[j]) for j in knots] for ti in t]
    m = len(rows[0])
    inv = _inverse([[sum(r[i] * r[j] for r in rows) for j in range(m)] for i in range(m)])
    if inv is None:
        return None
    proj = tuple(tuple(sum(inv[i][k] * rows[p][k] for k in range(m)) for p in range(n)) for i in range(m))
    return tuple(tuple(r) for r in rows), proj


@functools.lru_cache(maxsize=128)
def _designs(n: int, k: int, span: int) -> tuple[tuple[tuple[int, ...], _Matrix, _Matrix], ...]:
    """(knots, design rows, projector) for every choice of `k` − 1 hinges among `n` points that leaves
    each segment at least `span` intervals, in the order they are tried (singular designs left out)."""
    out = []
    for knots in itertools.combinations(range(span, n - span), k - 1):
        if any(b - a < span for a, b in zip(knots, knots[1:])):
            continue
        design = _design(n, knots)
        if design is not None:
            out.append((knots, *design))
    return tuple(out)


def _segment_fit(values: Sequence[float], k: int,
                 span: int = 2) -> Optional[tuple[float, list[float], list[float], list[float]]]:
    """The best continuous fit of `values` by `k` straight segments, each over at least `span` intervals:
    (squared error, coefficients, slopes, bounds)."""
    n = len(values)
    best = None
    for knots, rows, proj in _designs(n, k, span):
        coef = [sum(map(operator.mul, row, values)) for row in proj]
        sse = sum((sum(map(operator.mul, row, coef)) - v) ** 2 for row, v in zip(rows, values))
        if best is None or sse < best[0]:
            slopes = list(itertools.accumulate(coef[1:]))
            best = (sse, coef, slopes, [0.0] + [j / (n - 1) for j in knots] + [1.0])
    return best


def _segments_at(coef: Sequence[float], bounds: Sequence[float], t: float) -> float:
    """The fitted segments' value at `t` in [0, 1]."""
    return coef[0] + coef[1] * t + sum(c * max(0.0, t - b) for c, b in zip(coef[2:], bounds[1:-1]))


def arc_shape(values: Sequence[float]) -> tuple[Optional[str], float]:
    """The one of the six Reagan et al. (2016) shapes the curve follows, and a confidence in [0, 1].

    The curve (resampled to at most 12 points) is fitted by one, two and three straight segments joined
    end to end (least squares, every choice of turning points tried; each segment over two intervals, or
    one when the curve has fewer than five points). A fit counts only if its segments
    alternate up and down and each moves the curve by at least a fifth of its range; among those, the
    one with the lowest BIC wins (a turn must pay for itself). Its directions name the shape: up is rags
    to riches, down riches to rags, down-up man in a hole, up-down Icarus, up-down-up Cinderella,
    down-up-down Oedipus. The confidence is the share of the curve's variance the fit explains (R²).
    Fewer than two points or a flat curve: ``(None, 0.0)``.
    """
    original = [float(v) for v in values]
    if len(original) < 2 or max(original) - min(original) < 1e-9:
        return None, 0.0
    vals = _resample(original, _FIT_POINTS) if len(original) > _FIT_POINTS else original
    n, m = len(vals), len(original)
    mean = sum(original) / m
    total = sum((v - mean) ** 2 for v in original)
    span = max(vals) - min(vals)
    best: Optional[tuple[float, str, float]] = None
    least = 2 if n >= 5 else 1  # intervals a segment spans at least
    for k in (1, 2, 3):
        if k > 1 and n < least * k + 1:
            break  # no room for k segments of `least` intervals each
        fit = _segment_fit(vals, k, least)
        if fit is None:
            continue
        sse, coef, slopes, bounds = fit
        directions = tuple(1 if s > 0 else -1 for s in slopes)
        if any(a == b for a, b in zip(directions, directions[1:])):
            continue  # two segments the same way: no turn between them
        if min(abs(s * (b - a)) for s, a, b in zip(slopes, bounds, bounds[1:])) < _MIN_MOVE * span:
            continue  # a segment that hardly moves is no stage of the arc
        bic = n * math.log(max(sse, 1e-12) / n) + 2 * k * math.log(n)
        if best is None or bic < best[0]:
            error = sum((_segments_at(coef, bounds, i / (m - 1)) - v) ** 2 for i, v in enumerate(original))
            best = (bic, _BY_DIRECTIONS[directions], 1.0 - error / total)  # R² on the curve as given
    if best is None:
        return None, 0.0
    return best[1], round(min(1.0, max(0.0, best[2])), 6)
