"""Turning points (TRIPOD), the six stages they delimit, and Freytag's five parts.

The five turning points of Papalampidi et al. (2019) — opportunity, change of plans, point of no return,
major setback, climax — are found by a feature-based scorer and a dynamic-programming decode:

1. Every sentence gets a feature vector from the plot's own signals (`sentence_features`): its relative
   position, cue words typical of each turning point (a short hand-written list per kind; a model may also
   carry words whose log-odds of appearing in turning-point sentences were learned from development data,
   the shipped one does not: see ``scripts/fit_tp_priors.py``), its valence and
   the valence shift around it, the protagonist's arc at its event, how many characters it names, its
   length, whether it opens a paragraph or an event, the interactions in it, what it brings that the
   rest of the plot keeps (stems and names first seen there that recur), and how much more central it is
   than its neighbours (tf-idf cosine with the rest of the synopsis, against the two sentences either
   side: of a stretch of plot, annotators mark the sentence that carries its main thread). Four position
   features are specific to each kind: the log-density of its relative position counted in sentences and in
   characters, and the log-probabilities of its index counted from the start and from the end (an
   opportunity tends to come a few sentences in, a climax a few sentences before the end, whatever the
   synopsis' length).
2. For each kind ``k`` a linear score ``w_k · f(i)`` becomes a distribution over the synopsis' sentences
   (softmax); the weights, the position priors (smoothed densities of the relative position of each kind)
   and any learned cue words live in a `TPModel` (``narrative/data/tp_model.json``), fitted by
   ``scripts/fit_tp_priors.py`` on development data only (TRIPOD's training synopses, analysed by the
   pipeline; ``scripts/eval_tripod.py`` cross-validates the same fit by film).
3. Each distribution is smoothed a little over neighbouring sentences (``smooth``, 0.1 in the shipped
   model, which is also fitted on soft targets: the gold sentence and, a little, its neighbours), then
   a dynamic program picks five strictly increasing sentences maximising the summed log-probabilities
   plus a Gaussian log-prior on the relative gaps between consecutive turning points (`decode`).

Stages: the turning point sentence closes the stage it ends (``setup`` runs from the first sentence to the
opportunity inclusive, ..., ``final_push`` ends with the climax, ``aftermath`` is what follows it). A stage
that holds no sentence has ``end_sentence == start_sentence - 1``.

Freytag: ``exposition`` = setup (up to the opportunity), ``rising_action`` up to the climax's event,
``climax`` = the climax sentence's event (clipped after the major setback), ``resolution`` = the last event
(or the last sentence) when it comes after the climax, ``falling_action`` what lies between.

Everything here is a pure function of a `Story`; the model is read from JSON (no numpy at run time).
The environment variable ``NARRATIVE_TP_MODEL`` (a path) replaces the shipped model.
"""
from __future__ import annotations

import functools
import json
import math
import operator
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

from .model import (FREYTAG_PARTS, STAGE_NAMES, TURNING_POINT_KINDS, Arc, Event, Stage, Story, Structure,
                    TurningPoint)

__all__ = [
    "turning_points",
    "stages",
    "freytag",
    "analyze_structure",
    "TPModel",
    "load_tp_model",
    "default_tp_model",
    "sentence_features",
    "char_positions",
    "tp_feature_matrix",
    "decode",
    "SHARED_FEATURES",
    "SEED_CUES",
    "tokens",
]

DEFAULT_MODEL_PATH = Path(__file__).parent / "data" / "tp_model.json"
GRID = 101  # the position priors are stored as log-densities on GRID points of [0, 1]

# Hand-written cue stems per kind (see `tokens` for the stemming); general to any plot.
SEED_CUES: Mapping[str, frozenset[str]] = {
    "opportunity": frozenset("""offer invit meet met discover learn find found receiv hire assign arriv propos
        chanc opportun job ask encount introduc recruit approach new""".split()),
    "change_of_plans": frozenset("""decid plan agre begin began start instead goal realiz chang must attempt
        set out tri determin convinc""".split()),
    "point_of_no_return": frozenset("""decid agre commit kiss sleep slept marri accept join escap love reveal
        fully promis sign enter""".split()),
    "major_setback": frozenset("""die dy dead death kill murder arrest betray lose lost leav left break broke
        fail captur kidnap fire shot injur discov revea destroy abandon devastat""".split()),
    "climax": frozenset("""final confront kill fight fought battl save rescu escap shoot shot duel showdown
        defeat stop chase race destroy""".split()),
}

SHARED_FEATURES = (
    "valence",          # VADER compound of the sentence
    "negative",         # min(valence, 0)
    "shift_in",         # valence − mean valence of the 3 sentences before
    "context",          # mean valence of the 5-sentence window around it
    "context_rank",     # (context − min) / (max − min) over the synopsis: 0 at the darkest stretch
    "arc",              # protagonist arc value at the sentence's event (0 without an arc)
    "arc_drop",         # arc value − value at the previous event
    "characters",       # distinct characters named (z-score within the synopsis)
    "length",           # words (z-score within the synopsis)
    "paragraph_start",  # first sentence of a paragraph
    "event_start",      # first sentence of an event
    "interactions",     # interactions in the sentence (log1p)
    "negative_interactions",
    "protagonist",      # the protagonist is mentioned
    "main_characters",  # how many of the three most mentioned characters it names
    "violence",         # a word of death or violence (kill, die, shoot, murder...)
    "clauses",          # commas and semicolons (z-score within the synopsis)
    "shift_out",        # mean valence of the 2 sentences after − its valence
    "new_recurring",    # log1p of the stems first seen here that occur in ≥ 3 sentences (a new thread)
    "forward_overlap",  # share of its stems that occur again later
    "backward_overlap", # share of its stems already seen before
    "new_names",        # capitalised names first seen here that occur in ≥ 3 sentences (a new character)
    "local_central",    # centrality (tf-idf cosine with the rest of the synopsis) − the mean centrality of
                        # the two sentences either side, z-scored: the sentence that stands for its stretch
)
_VIOLENCE = frozenset("""kill die dy dead death murder shot shoot stab wound fight fought attack explod destroy
    execut bomb gun strangl drown crash""".split())
KIND_FEATURES = ("position", "position_start", "position_end", "seed_cues", "learned_cues", "position_chars")
MAX_OFFSET = 80  # offset priors cover sentences 0..79 from the start and from the end


# ----------------------------------------------------------------------------------------------- model

@dataclass(frozen=True)
class TPModel:
    """Parameters of the turning point scorer (see the module docstring)."""
    position: tuple[tuple[float, ...], ...]          # per kind: log-density on GRID points of [0, 1]
    weights: tuple[tuple[float, ...], ...]           # per kind: weights of KIND_FEATURES + SHARED_FEATURES
    cues: tuple[Mapping[str, float], ...] = ()       # per kind: learned stem -> log-odds weight
    offset_start: tuple[tuple[float, ...], ...] = ()  # per kind: log-prob of the index from the start
    offset_end: tuple[tuple[float, ...], ...] = ()    # per kind: log-prob of the index from the end
    gap_mean: tuple[float, ...] = (0.15, 0.2, 0.2, 0.15)   # relative gaps between consecutive TPs
    gap_sd: tuple[float, ...] = (0.1, 0.12, 0.12, 0.1)
    gap_weight: float = 0.0
    position_chars: tuple[tuple[float, ...], ...] = ()  # per kind: log-density of the position in characters
    smooth: float = 0.25  # decode on (1−2s)·p(i) + s·p(i−1) + s·p(i+1): favours sentences near others likely
    info: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": list(TURNING_POINT_KINDS),
            "features": list(KIND_FEATURES + SHARED_FEATURES),
            "position": [[round(v, 5) for v in row] for row in self.position],
            "weights": [[round(v, 6) for v in row] for row in self.weights],
            "cues": [{k: round(v, 4) for k, v in sorted(c.items())} for c in self.cues],
            "offset_start": [[round(v, 5) for v in row] for row in self.offset_start],
            "offset_end": [[round(v, 5) for v in row] for row in self.offset_end],
            "gap_mean": [round(v, 5) for v in self.gap_mean],
            "gap_sd": [round(v, 5) for v in self.gap_sd],
            "gap_weight": round(self.gap_weight, 5),
            "position_chars": [[round(v, 5) for v in row] for row in self.position_chars],
            "smooth": round(self.smooth, 5),
            "info": dict(self.info),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TPModel":
        feats = tuple(data.get("features", KIND_FEATURES + SHARED_FEATURES))
        names = KIND_FEATURES + SHARED_FEATURES
        weights = []
        for row in data["weights"]:
            by = dict(zip(feats, row))
            weights.append(tuple(float(by.get(n, 0.0)) for n in names))
        return cls(
            position=tuple(tuple(float(v) for v in row) for row in data["position"]),
            weights=tuple(weights),
            cues=tuple({str(k): float(v) for k, v in c.items()} for c in data.get("cues", [{}] * 5)),
            offset_start=tuple(tuple(float(v) for v in row) for row in data.get("offset_start", [])),
            offset_end=tuple(tuple(float(v) for v in row) for row in data.get("offset_end", [])),
            gap_mean=tuple(float(v) for v in data.get("gap_mean", (0.15, 0.2, 0.2, 0.15))),
            gap_sd=tuple(float(v) for v in data.get("gap_sd", (0.1, 0.12, 0.12, 0.1))),
            gap_weight=float(data.get("gap_weight", 0.0)),
            position_chars=tuple(tuple(float(v) for v in row) for row in data.get("position_chars", [])),
            smooth=float(data.get("smooth", 0.25)),
            info=dict(data.get("info", {})),
        )


def load_tp_model(path: str | os.PathLike[str]) -> TPModel:
    """Read a `TPModel` from a JSON file written by ``scripts/fit_tp_priors.py``
    (`InputError` in one line when the file is missing or not such a model)."""
    from .errors import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            return TPModel.from_json(json.load(fh))
    except OSError as err:
        raise InputError(f"turning-point model {path}: cannot read it ({err.strerror or err})") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        raise InputError(f"turning-point model {path}: not a model written by scripts/fit_tp_priors.py "
                         f"({type(err).__name__}: {err})") from None


def _fallback_model() -> TPModel:
    """Fixed priors (10/25/50/75/95 %) when no fitted model is available."""
    position = []
    for centre in (0.10, 0.25, 0.50, 0.75, 0.95):
        row = []
        for g in range(GRID):
            x = g / (GRID - 1)
            row.append(-0.5 * ((x - centre) / 0.08) ** 2)
        position.append(tuple(row))
    n = len(KIND_FEATURES) + len(SHARED_FEATURES)
    weights = tuple(tuple([1.0, 0.0, 0.0, 0.3] + [0.0] * (n - 4)) for _ in TURNING_POINT_KINDS)
    return TPModel(tuple(position), weights, tuple({} for _ in TURNING_POINT_KINDS), info={"fitted": False})


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> TPModel:
    return load_tp_model(path)


def default_tp_model() -> TPModel:
    """The model named by ``NARRATIVE_TP_MODEL``, else the shipped one, else fixed priors."""
    env = os.environ.get("NARRATIVE_TP_MODEL")
    if env:
        return _load_cached(str(Path(env).resolve()))
    if DEFAULT_MODEL_PATH.exists():
        return _load_cached(str(DEFAULT_MODEL_PATH))
    return _fallback_model()


# ------------------------------------------------------------------------------------------- features

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_STOP = frozenset("""the a an and or but of to in on at by for with from as is are was were be been being it its
this that these those he she they him her them his hers their theirs who whom which what when where while
than then so not no into onto up out over after before about has have had do does did will would can could
there here also s""".split())


def _stem(word: str) -> str:
    """`word` (lower case) crudely stemmed: a possessive 's and one common suffix removed."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    for suf in ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly", "e", "y"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    return w


class _Stems(dict):
    """Lower-cased word -> its `_stem`, or "" for a stop word (a stem is never empty), remembered
    since plots repeat their words."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 1 << 15:  # bounded (a few MB): memory stays flat over a corpus
            self.clear()
        stem = "" if word in _STOP else _stem(word)
        self[word] = stem
        return stem


_stem_or_stop = _Stems().__getitem__


def tokens(text: str) -> list[str]:
    """Lower-cased, crudely stemmed content words of `text` ("decides" → "decid", "killed" → "kill")."""
    return list(filter(None, map(_stem_or_stop, _WORD.findall(text.lower()))))


# the leading lookahead rejects most positions before the lookbehinds are tried
_CAP = re.compile(r"(?=[A-Z])(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)")
_NOT_NAMES = frozenset("""The A An He She They It His Her Their When After Before While As In On At Later Meanwhile
Then However Although Back Now One Two Soon During Upon With Without Eventually Finally That This There""".split())


def _proper_names(text: str) -> set[str]:
    """Capitalised words not opening the sentence: a proxy for named characters when no linker ran."""
    return {name for name in _CAP.findall(text.strip()) if name not in _NOT_NAMES}


def _zscore(values: Sequence[float]) -> list[float]:
    if not values:
        return []
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / len(values)
    sd = math.sqrt(var) or 1.0
    return [(v - mean) / sd for v in values]


def _event_of_sentence(story: Story) -> dict[int, Event]:
    out: dict[int, Event] = {}
    for ev in story.events:
        for s in ev.sentences:
            out.setdefault(s, ev)
    return out


def _protagonist_arc(story: Story) -> Optional[Arc]:
    if story.protagonist is None:
        return None
    for arc in story.arcs:
        if arc.character == story.protagonist:
            return arc
    if not story.events:
        return None
    from .arc import protagonist_arc

    return protagonist_arc(story)


def sentence_features(story: Story) -> tuple[list[list[float]], list[list[str]], list[float]]:
    """Per sentence: the SHARED_FEATURES vector, its cue tokens, and its relative position in [0, 1]."""
    from .valence import valence

    n = len(story.sentences)
    if n == 0:
        return [], [], []
    texts = [story.text_of(s) for s in story.sentences]
    toks = [tokens(t) for t in texts]
    names = [_proper_names(t) for t in texts]
    counts_of_terms = _term_counts(toks)
    val = [valence(t) for t in texts]

    # characters per sentence: the linker's mentions, else capitalised names
    if story.characters:
        chars: list[set[str]] = [set() for _ in range(n)]
        for ch in story.characters:
            for m in ch.mentions:
                if 0 <= m.sentence < n:
                    chars[m.sentence].add(ch.id)
    else:
        chars = [set(x) for x in names]
    counts: dict[str, int] = {}
    for c in chars:
        for x in c:
            counts[x] = counts.get(x, 0) + 1
    main = {x for x, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]}
    prot = [0.0] * n
    if story.protagonist is not None:
        for ch in story.characters:
            if ch.id == story.protagonist:
                for m in ch.mentions:
                    if 0 <= m.sentence < n:
                        prot[m.sentence] = 1.0

    inter = [0.0] * n
    neg_inter = [0.0] * n
    for it in story.interactions:
        if 0 <= it.sentence < n:
            inter[it.sentence] += 1
            if it.valence == "negative":
                neg_inter[it.sentence] += 1

    ev_of = _event_of_sentence(story)
    event_start = [0.0] * n
    for ev in story.events:
        if ev.sentences and 0 <= min(ev.sentences) < n:
            event_start[min(ev.sentences)] = 1.0

    arc_val = [0.0] * n
    arc_drop = [0.0] * n
    arc = _protagonist_arc(story)
    if arc is not None and arc.points:
        by_event = {p.event: p.value for p in arc.points}
        order = [p.event for p in arc.points]
        prev_of = {e: order[i - 1] for i, e in enumerate(order) if i > 0}
        for i in range(n):
            event = ev_of.get(i)
            if event is not None and event.id in by_event:
                arc_val[i] = by_event[event.id]
                if event.id in prev_of:
                    arc_drop[i] = by_event[event.id] - by_event[prev_of[event.id]]

    context = []
    for i in range(n):
        window = val[max(0, i - 2): i + 3]
        context.append(sum(window) / len(window))
    lo, hi = min(context), max(context)
    span = (hi - lo) or 1.0

    par_start = [1.0 if i == 0 or story.sentences[i].paragraph != story.sentences[i - 1].paragraph else 0.0
                 for i in range(n)]
    if all(v == 1.0 for v in par_start) or sum(par_start) == 1.0:
        par_start = [0.0] * n  # one paragraph per sentence, or a single paragraph: no signal
    chars_z = _zscore([float(len(c)) for c in chars])
    len_z = _zscore([float(len(t.split())) for t in texts])
    clause_z = _zscore([float(t.count(",") + t.count(";")) for t in texts])
    novelty = _novelty(toks, texts, counts_of_terms, names)
    loc_cen = _zscore(_local(_centrality(toks, counts_of_terms)))

    shift_in, shift_out = [], []
    for i, v in enumerate(val):
        before = val[max(0, i - 3): i]
        shift_in.append(v - (sum(before) / len(before)) if before else 0.0)
        after = val[i + 1: i + 3]
        shift_out.append((sum(after) / len(after) - v) if after else 0.0)
    columns = (  # one list per SHARED_FEATURES entry, in its order
        val,
        [min(v, 0.0) for v in val],
        shift_in,
        context,
        [(c - lo) / span for c in context],
        arc_val,
        arc_drop,
        chars_z,
        len_z,
        par_start,
        event_start,
        list(map(math.log1p, inter)),
        list(map(math.log1p, neg_inter)),
        prot,
        [float(len(c & main)) for c in chars],
        [0.0 if _VIOLENCE.isdisjoint(t) else 1.0 for t in toks],
        clause_z,
        shift_out,
        *zip(*novelty),  # new_recurring, forward_overlap, backward_overlap, new_names
        loc_cen,
    )
    feats = [list(row) for row in zip(*columns)]
    rel = [i / (n - 1) if n > 1 else 0.5 for i in range(n)]
    return feats, toks, rel


def _local(values: Sequence[float], width: int = 2) -> list[float]:
    """Each value minus the mean of the values within `width` on either side (itself excluded)."""
    n = len(values)
    out = []
    for i in range(n):
        lo, hi = max(0, i - width), min(n, i + width + 1)
        k = hi - lo - 1
        out.append(values[i] - (sum(values[lo:hi]) - values[i]) / k if k else 0.0)
    return out


def _term_counts(toks: Sequence[Sequence[str]]) -> tuple[list[dict[str, int]], dict[str, int]]:
    """Each sentence's token counts (first-seen order) and the number of sentences holding each token."""
    tfs = []
    df: dict[str, int] = {}
    for t in toks:
        tf: dict[str, int] = {}
        for w in t:
            tf[w] = tf.get(w, 0) + 1
        for w in tf:
            df[w] = df.get(w, 0) + 1
        tfs.append(tf)
    return tfs, df


def _centrality(toks: Sequence[Sequence[str]],
                counts: Optional[tuple[list[dict[str, int]], dict[str, int]]] = None) -> list[float]:
    """Per sentence: cosine of its tf-idf vector with the tf-idf vector of the rest of the synopsis
    (itself left out, so words found nowhere else add nothing). `counts`: `_term_counts(toks)`."""
    n = len(toks)
    tfs, df = counts if counts is not None else _term_counts(toks)
    tf_doc: dict[str, int] = {}
    for tf in tfs:
        for w, c in tf.items():
            tf_doc[w] = tf_doc.get(w, 0) + c
    log = math.log
    idf2 = {w: log(n / c) ** 2 for w, c in df.items()}
    doc_sq = sum([c * c * idf2[w] for w, c in tf_doc.items()])
    out = []
    for tf in tfs:
        num = norm_sq = 0.0
        rest_sq = doc_sq
        for w, c in tf.items():
            i2 = idf2[w]
            total = tf_doc[w]
            rest = total - c
            num += c * rest * i2
            norm_sq += c * c * i2
            rest_sq -= (total * total - rest * rest) * i2
        out.append(num / math.sqrt(norm_sq * rest_sq) if norm_sq > 0 and rest_sq > 1e-12 else 0.0)
    return out


def _novelty(toks: Sequence[Sequence[str]], texts: Sequence[str],
             counts: Optional[tuple[list[dict[str, int]], dict[str, int]]] = None,
             names: Optional[Sequence[set[str]]] = None) -> list[tuple[float, float, float, float]]:
    """Per sentence: what it brings that the plot keeps (the four SHARED_FEATURES before local_central;
    `counts`: `_term_counts(toks)`, `names`: `_proper_names` of each text, when already at hand).

    A sentence that introduces words or names the rest of the synopsis keeps returning to opens a
    thread (a new goal, place or character): turning points tend to."""
    sets, total = counts if counts is not None else _term_counts(toks)
    if names is None:
        names = [_proper_names(t) for t in texts]
    name_total: dict[str, int] = {}
    for found in names:
        for x in found:
            name_total[x] = name_total.get(x, 0) + 1
    seen: dict[str, int] = {}
    seen_names: set[str] = set()
    out = []
    for st, nm in zip(sets, names):
        size = max(1, len(st))
        recur = fwd = bwd = 0
        for w in st:  # one pass; each word is counted before its own `seen` entry moves
            before = seen.get(w, 0)
            later = total[w] - before
            if before:
                bwd += 1
            elif total[w] >= 3:
                recur += 1
            if later > 1:
                fwd += 1
            seen[w] = before + 1
        new_names = sum(1 for x in nm if x not in seen_names and name_total[x] >= 3)
        out.append((math.log1p(recur), fwd / size, bwd / size, float(new_names)))
        seen_names |= nm
    return out


def char_positions(story: Story) -> list[float]:
    """Relative position of each sentence's start in characters of the plot (0 at the first sentence's
    start, 1 at the last one's end): long sentences carry more of the story than short ones."""
    sents = story.sentences
    if not sents:
        return []
    a, b = sents[0].start, sents[-1].end
    if len({s.source for s in sents}) > 1 or b <= a:  # offsets of several sources do not compare
        n = len(sents)
        return [i / (n - 1) if n > 1 else 0.5 for i in range(n)]
    return [min(max((s.start - a) / (b - a), 0.0), 1.0) for s in sents]


def _grid(r: float) -> tuple[int, int, float, float]:
    """The two grid points around the relative position `r`, and the weights of the lower and the upper
    one (the two weights of every kind's interpolation, computed once)."""
    x = min(max(r, 0.0), 1.0) * (GRID - 1)
    lo = int(x)  # x >= 0: truncation is the floor
    t = x - lo
    return lo, min(lo + 1, GRID - 1), 1 - t, t


def tp_feature_matrix(shared: Sequence[Sequence[float]], toks: Sequence[Sequence[str]], rel: Sequence[float],
                      model: TPModel, kind_index: int,
                      cues: Optional[Mapping[str, float]] = None,
                      uniq_tokens: Optional[Sequence[Mapping[str, None]]] = None,
                      crel: Optional[Sequence[float]] = None,
                      grids: Optional[tuple[Sequence[tuple[int, int, float, float]], ...]] = None
                      ) -> list[list[float]]:
    """Feature rows (KIND_FEATURES + SHARED_FEATURES) of every sentence for one turning point kind
    (`uniq_tokens`: `unique_tokens(toks)`, when already at hand; `crel`: `char_positions`, else `rel`;
    `grids`: `_grid` of each of `rel` and `crel`, when already at hand)."""
    crel = rel if crel is None else crel
    if grids is None:
        grids = ([_grid(r) for r in rel], [_grid(r) for r in crel])
    kinds = _kind_features(toks, model, kind_index, cues, uniq_tokens, grids)
    return [[*k, *f] for k, f in zip(kinds, shared)]


def _kind_features(toks: Sequence[Sequence[str]], model: TPModel, kind_index: int,
                   cues: Optional[Mapping[str, float]],
                   uniq_tokens: Optional[Sequence[Mapping[str, None]]],
                   grids: tuple[Sequence[tuple[int, int, float, float]], ...]) -> list[tuple[float, ...]]:
    """The KIND_FEATURES of every sentence for one turning point kind (arguments as `tp_feature_matrix`)."""
    kind = TURNING_POINT_KINDS[kind_index]
    seed = SEED_CUES[kind]
    learned = cues if cues is not None else (model.cues[kind_index] if model.cues else {})
    start = model.offset_start[kind_index] if model.offset_start else ()
    end = model.offset_end[kind_index] if model.offset_end else ()
    n = len(toks)
    position = model.position[kind_index]
    cpos = model.position_chars[kind_index] if model.position_chars else ()
    uniqs = (unique_tokens(toks) if uniq_tokens is None else uniq_tokens) if learned else ()
    rgrid, cgrid = grids
    last_start, last_end = len(start) - 1, len(end) - 1
    rows = []
    for i, tk in enumerate(toks):
        seed_hits = len(seed.intersection(tk))  # distinct cue stems: repeats in `tk` count once
        lc = sum([learned[t] for t in uniqs[i] if t in learned]) if learned else 0  # zeros left out: same sum
        ps = start[i if i < last_start else last_start] if start else 0.0
        j = n - 1 - i
        pe = end[j if j < last_end else last_end] if end else 0.0
        if cpos:
            lo, hi, u, t = cgrid[i]
            pc = cpos[lo] * u + cpos[hi] * t
        else:
            pc = 0.0
        lo, hi, u, t = rgrid[i]
        rows.append((position[lo] * u + position[hi] * t, ps, pe, float(seed_hits if seed_hits < 2 else 2),
                     lc, pc))
    return rows


def unique_tokens(toks: Sequence[Sequence[str]]) -> list[dict[str, None]]:
    """Each sentence's distinct tokens in first-seen order (so float sums over them do not depend on
    the hash seed)."""
    return [dict.fromkeys(t) for t in toks]


def _log_softmax(scores: Sequence[float]) -> list[float]:
    m = max(scores)
    z = m + math.log(sum(math.exp(s - m) for s in scores))
    return [s - z for s in scores]


def _scores(story: Story, model: TPModel) -> list[list[float]]:
    """Per kind, the log-probability of each sentence."""
    shared, toks, rel = sentence_features(story)
    uniqs = unique_tokens(toks) if any(model.cues) else None
    grids = ([_grid(r) for r in rel], [_grid(r) for r in char_positions(story)])
    n_kind = len(KIND_FEATURES)
    mul = operator.mul
    out = []
    for k in range(len(TURNING_POINT_KINDS)):
        kinds = _kind_features(toks, model, k, None, uniqs, grids)
        w = model.weights[k]
        w_kind, w_shared = w[:n_kind], w[n_kind:]
        # w · (kind features + shared features), summed left to right as one sum over the joined row
        scores = [sum(map(mul, w_shared, f), sum(map(mul, w_kind, kf))) for kf, f in zip(kinds, shared)]
        s = model.smooth
        if s > 0 and len(scores) > 1:
            m = max(scores)
            exp, log = math.exp, math.log
            e = [exp(v - m) for v in scores]
            z = sum(e)
            p = [v / z for v in e]
            last = len(p) - 1
            q = [(1 - 2 * s) * p[i] + s * (p[i - 1] if i > 0 else 0.0) + s * (p[i + 1] if i < last else 0.0)
                 for i in range(len(p))]
            logp = [log(v) if v > 1e-300 else log(1e-300) for v in q]
        else:
            logp = _log_softmax(scores)
        out.append(logp)
    return out


_DECODE_LIMIT = 300  # above this many sentences the quadratic decoder works on bins


def decode(logp: Sequence[Sequence[float]], gap_mean: Sequence[float] = (), gap_sd: Sequence[float] = (),
           gap_weight: float = 0.0) -> list[int]:
    """Strictly increasing positions (one per row of `logp`) maximising the summed scores.

    With fewer sentences than rows, positions are non-decreasing instead. A Gaussian log-prior on the
    relative gap between consecutive positions is added with `gap_weight`.
    """
    k = len(logp)
    n = len(logp[0]) if k else 0
    if n == 0:
        return []
    if n > _DECODE_LIMIT:  # long texts: decode over bins of sentences, then pick within each bin
        size = -(-n // _DECODE_LIMIT)
        bins = [range(b, min(b + size, n)) for b in range(0, n, size)]
        coarse = [[max(row[i] for i in b) for b in bins] for row in logp]
        chosen = decode(coarse, gap_mean, gap_sd, gap_weight)
        return [max(bins[b], key=logp[j].__getitem__) for j, b in enumerate(chosen)]
    strict = n >= k
    step = 1 if strict else 0
    neg = float("-inf")
    denom = max(n - 1, 1)

    # the gap prior depends only on the distance between two positions: one table per transition
    gaps = []
    for j in range(k - 1):
        if gap_weight == 0.0 or j >= len(gap_mean):
            gaps.append([0.0] * n)
        else:
            mean, sd = gap_mean[j], gap_sd[j]
            gaps.append([-gap_weight * 0.5 * ((d / denom - mean) / sd) ** 2 for d in range(n)])

    best = [list(logp[0])] + [[neg] * n for _ in range(k - 1)]
    back = [[-1] * n for _ in range(k)]
    add = operator.add
    for j in range(1, k):
        prev, g, row, cur, arg = best[j - 1], gaps[j - 1], logp[j], best[j], back[j]
        rev = g[::-1]  # rev[n - 1 - d] = g[d]: the gaps i − p for p = 0, 1, ... read forwards
        for i in range(step, n):
            # prev[p] + g[i − p] for p = 0 .. i − step (map stops with the shorter gap slice); the first
            # best p, as a loop keeping strict gains
            cands = list(map(add, prev, rev[n - 1 - i:n - step]))
            cand_best = max(cands)
            if cand_best != neg:
                cur[i] = cand_best + row[i]
                arg[i] = cands.index(cand_best)
    last = max(range(n), key=lambda i: best[k - 1][i])
    path = [last]
    for j in range(k - 1, 0, -1):
        path.append(back[j][path[-1]])
    return path[::-1]


# ------------------------------------------------------------------------------------------ public API

def turning_points(story: Story, model: Optional[TPModel] = None) -> tuple[TurningPoint, ...]:
    """The five TRIPOD turning points in order (strictly increasing sentences when there are ≥ 5).

    Each carries its sentence, the event whose sentences contain it (None without events) and its score
    (the model's probability of that sentence for that kind). No sentences: no turning points.
    """
    n = len(story.sentences)
    if n == 0:
        return ()
    model = model or default_tp_model()
    logp = _scores(story, model)
    path = decode(logp, model.gap_mean, model.gap_sd, model.gap_weight)
    ev_of = _event_of_sentence(story)
    out = []
    for k, (kind, i) in enumerate(zip(TURNING_POINT_KINDS, path)):
        ev = ev_of.get(i)
        out.append(TurningPoint(kind=kind, sentence=story.sentences[i].index,
                                event=ev.id if ev is not None else None,
                                score=round(math.exp(logp[k][i]), 6)))
    return tuple(out)


def _events_in(story: Story, start: int, end: int) -> tuple[str, ...]:
    """Events that begin inside sentences [start, end]: each event belongs to exactly one stage."""
    return tuple(ev.id for ev in story.events if ev.sentences and start <= min(ev.sentences) <= end)


def _positions(story: Story, tps: Sequence[TurningPoint]) -> list[int]:
    pos = {s.index: i for i, s in enumerate(story.sentences)}
    return [pos.get(tp.sentence, 0) for tp in tps]


def _cut(story: Story, names: Sequence[str], ends: Sequence[int]) -> tuple[Stage, ...]:
    """Consecutive stages; stage j ends at ends[j] (inclusive), the last one at the last sentence."""
    n = len(story.sentences)
    out = []
    start = 0
    for j, name in enumerate(names):
        end = n - 1 if j == len(names) - 1 else max(min(ends[j], n - 1), start - 1)
        if j == 0:
            end = max(end, 0)  # the first part always holds the first sentence
        out.append(Stage(name=name, start_sentence=start, end_sentence=end,
                         events=_events_in(story, start, end) if end >= start else ()))
        start = end + 1
    return tuple(out)


def stages(story: Story, tps: Sequence[TurningPoint]) -> tuple[Stage, ...]:
    """The six TRIPOD stages; turning point k closes stage k, the aftermath follows the climax."""
    if not story.sentences:
        return ()
    ends = sorted(_positions(story, tps))[:5]
    return _cut(story, STAGE_NAMES, ends)


def freytag(story: Story, tps: Sequence[TurningPoint]) -> tuple[Stage, ...]:
    """Freytag's five parts derived from the turning points and the events (see the module docstring)."""
    n = len(story.sentences)
    if n == 0:
        return ()
    pos = sorted(_positions(story, tps))[:5]
    if len(pos) < 5:
        pos = pos + [n - 1] * (5 - len(pos))
    opp, setback, climax = pos[0], pos[3], pos[4]
    # the climax part: the climax sentence's event, starting after the major setback
    c0 = c1 = climax
    ev = _event_of_sentence(story).get(climax)
    if ev is not None:
        c0 = min(max(min(ev.sentences), setback + 1, opp + 1), climax)
        c1 = max(max(ev.sentences), climax)
    # the resolution: the last event when it starts after the climax part, else the last sentence
    last_ev = max(story.events, key=lambda e: e.index) if story.events else None
    if last_ev is not None and min(last_ev.sentences) > c1:
        r0 = min(last_ev.sentences)
    elif c1 < n - 1:
        r0 = n - 1
    else:
        r0 = n  # the climax ends the story: no resolution
    ends = [min(opp, c0 - 1), c0 - 1, c1, r0 - 1]
    return _cut(story, FREYTAG_PARTS, ends)


def analyze_structure(story: Story, model: Optional[TPModel] = None) -> Structure:
    """Turning points, the six stages and Freytag's parts of `story`."""
    tps = turning_points(story, model)
    return Structure(turning_points=tps, stages=stages(story, tps), freytag=freytag(story, tps))
