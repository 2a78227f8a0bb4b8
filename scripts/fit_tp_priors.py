#!/usr/bin/env python3
"""Fit the turning point model (`narrative.structure.TPModel`) on TRIPOD-style development data.

    python scripts/fit_tp_priors.py ../shared/eval/tripod/synopses_train.csv \
        --out narrative/data/tp_model.json

What is learned, all from the training rows only:
- position priors: per kind, a Gaussian kernel density of the gold relative positions, mixed with a
  uniform floor, stored as log-densities on 101 points of [0, 1];
- gap priors: mean and spread of the relative gaps between consecutive gold turning points;
- cue words (only with ``--cues``): per kind, stems whose log-odds of occurring in that kind's gold
  sentences rather than in other sentences (informative Dirichlet prior, Monroe et al. 2008) is clearly
  positive (z > 1.64, at least 3 sentences); the training rows see cue scores computed without their
  own film (cross-fitting), so the weights do not trust the cues more than unseen plots warrant. Off by
  default: on TRIPOD's 84 development films the cross-fitted cues get a weight near zero (no gain on
  held-out films, while they lift the fit on the training films), and the lexicons they leave in the
  model hold words of single films (a character's first name, a film's setting);
- position in characters: the same density over each sentence's start counted in characters;
- weights: per kind, an L2-regularised conditional logit (softmax over the sentences of a synopsis)
  fitted by gradient descent with numpy (numpy is used here only, never at run time) on soft targets:
  the gold sentence 0.8, each neighbour 0.1 (``--soft``); each distribution is smoothed a little
  over its neighbours before decoding (``--smooth 0.1``: best on the cross-validated figures). Each
  film weighs as one (`film_weights`: the stories of a film annotated three times a third each), so
  the films annotated several times do not pull the weights towards their own sentences.

Each synopsis is analysed by the pipeline exactly as ``narrative analyze FILE --sentences-per-line``
does (characters, events, interactions, arc: the features the model sees at run time); ``--direct``
fits on bare sentences instead (no NLP; for a quick look only, its weights do not suit analysed plots).

The module is also imported by `scripts/eval_tripod.py`, which calls `fit` inside each fold.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from narrative.model import Generator, Sentence, Source, Story  # noqa: E402
from narrative.structure import (GRID, KIND_FEATURES, MAX_OFFSET, SHARED_FEATURES, TPModel,  # noqa: E402
                                 char_positions, sentence_features, tp_feature_matrix)

csv.field_size_limit(1 << 30)

_SEG = re.compile(r"\[STR_SENT\](.*?)\[END_SENT\]", re.S)


# ------------------------------------------------------------------------------------------------ data

@dataclass
class Row:
    name: str          # movie_name as in the CSV (Film_0)
    film: str          # the film (annotator suffix removed): the unit of cross-validation
    text: str          # one sentence per line, a blank line between paragraphs
    n: int             # sentences
    gold: tuple[int, ...]
    source: str        # raw | segmented


def read_rows(path: str | Path, source: str = "auto") -> list[Row]:
    """Rows of a TRIPOD CSV. `source`: raw (synopsis_raw lines), segmented, or auto.

    auto uses synopsis_raw when its non-blank lines are as many as the [STR_SENT] sentences of
    synopsis_segmented (the sentences the gold indices count), else the segmented sentences, one a line:
    in some rows synopsis_raw holds whole paragraphs per line and the gold indices point past its end.
    """
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            raw = rec["synopsis_raw"]
            lines = [ln for ln in raw.split("\n") if ln.strip()]
            segs = [" ".join(s.split()) for s in _SEG.findall(rec.get("synopsis_segmented") or "")]
            use = source
            if source == "auto":
                use = "raw" if (not segs or len(lines) == len(segs)) else "segmented"
            if use == "raw":
                text = "\n".join(ln.rstrip() for ln in raw.strip("\n").split("\n"))
                text = re.sub(r"\n\s*\n+", "\n\n", text) + "\n"
                n = len(lines)
            else:
                text = "\n".join(segs) + "\n"
                n = len(segs)
            gold = tuple(int(float(rec[f"tp{i}"])) for i in range(1, 6))
            name = rec["movie_name"]
            film = re.sub(r"_\d+$", "", name)
            rows.append(Row(name, film, text, n, gold, use))
    return rows


def story_from_text(text: str, story_id: str = "synopsis") -> Story:
    """A minimal Story: one sentence per non-blank line, paragraphs split by blank lines (no NLP)."""
    sents = []
    para = 0
    pos = 0
    blank = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            blank = True
            continue
        if blank and sents:
            para += 1
        blank = False
        lead = len(line) - len(line.lstrip())
        sents.append(Sentence(len(sents), "plot", start + lead, start + len(line.rstrip()), para))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    src = Source(id="plot", name=story_id, kind="plot", sha256=sha, text=text)
    return Story(id="synopsis", title=story_id, generator=Generator("narrative", "dev", "builtin"),
                 sources=(src,), sentences=tuple(sents))


def analyse_rows(rows: Sequence[Row], engine: str = "auto") -> list[Story]:
    """Each row's synopsis analysed as ``narrative analyze FILE --sentences-per-line`` analyses it
    (the structure step's own output is not used: the features come from the other steps)."""
    import tempfile

    from narrative.pipeline import analyze

    out = []
    with tempfile.TemporaryDirectory(prefix="tripod-fit-") as tmp:
        for i, r in enumerate(rows):
            path = Path(tmp) / f"{i:03d}.txt"
            path.write_text(r.text, encoding="utf-8")
            story = analyze(path, engine=engine, sentences_per_line=True)
            if len(story.sentences) != r.n:
                raise SystemExit(f"{r.name}: the analysis found {len(story.sentences)} sentences, "
                                 f"the file has {r.n} lines")
            out.append(story)
    return out


# ---------------------------------------------------------------------------------------------- fitting

@dataclass
class Prepared:
    """A story's model-independent features, computed once."""
    film: str
    shared: list[list[float]]
    toks: list[list[str]]
    rel: list[float]
    gold: tuple[int, ...]
    crel: Optional[list[float]] = None  # relative positions in characters (`char_positions`)


def prepare(story: Story, film: str, gold: Sequence[int]) -> Prepared:
    shared, toks, rel = sentence_features(story)
    return Prepared(film, shared, toks, rel, tuple(gold), char_positions(story))


def film_weights(data: Sequence[Prepared]) -> list[float]:
    """Each story's weight in the fit of the weights: 1 / (stories of its film), so a film annotated
    three times weighs as one (its annotators agree on most turning points)."""
    per_film = Counter(p.film for p in data)
    return [1.0 / per_film[p.film] for p in data]


def fit_position(data: Sequence[Prepared], bandwidth: float = 0.05, floor: float = 0.02,
                 chars: bool = False) -> list[list[float]]:
    """Per kind: log-density of the gold relative positions, counted in sentences (or in characters)."""
    grid = np.linspace(0.0, 1.0, GRID)
    out = []
    for k in range(5):
        pts = np.array([(p.crel if chars and p.crel else p.rel)[min(p.gold[k], len(p.rel) - 1)]
                        for p in data if len(p.rel) > 1])
        dens = np.zeros(GRID)
        for x in pts:
            # reflect at the borders so the density does not leak out of [0, 1]
            for c in (x, -x, 2 - x):
                dens += np.exp(-0.5 * ((grid - c) / bandwidth) ** 2)
        dens /= max(dens.sum() / (GRID - 1), 1e-12)
        dens = (1 - floor) * dens + floor
        out.append([float(v) for v in np.log(dens)])
    return out


def fit_offsets(data: Sequence[Prepared], from_end: bool, bandwidth: float = 1.0,
                floor: float = 0.002) -> list[list[float]]:
    """Per kind: smoothed log-probabilities of the index counted from the start (or the end)."""
    xs = np.arange(MAX_OFFSET)
    out = []
    for k in range(5):
        counts = np.zeros(MAX_OFFSET)
        for p in data:
            n = len(p.rel)
            off = (n - 1 - p.gold[k]) if from_end else p.gold[k]
            c = min(off, MAX_OFFSET - 1)
            counts += np.exp(-0.5 * ((xs - c) / bandwidth) ** 2) + np.exp(-0.5 * ((xs + c + 1) / bandwidth) ** 2)
        prob = counts / counts.sum()
        prob = (1 - floor * MAX_OFFSET) * prob + floor
        out.append([float(v) for v in np.log(prob)])
    return out


def fit_gaps(data: Sequence[Prepared]) -> tuple[list[float], list[float]]:
    gaps = [[] for _ in range(4)]
    for p in data:
        n = len(p.rel)
        if n < 6:
            continue
        for j in range(4):
            gaps[j].append((p.gold[j + 1] - p.gold[j]) / (n - 1))
    means = [float(np.mean(g)) if g else 0.2 for g in gaps]
    sds = [max(float(np.std(g)), 0.03) if g else 0.1 for g in gaps]
    return means, sds


def fit_cues(data: Sequence[Prepared], z_min: float = 1.64, min_films: float = 3.0,
             alpha: float = 1.0) -> list[dict[str, float]]:
    """Per kind: stem -> log-odds weight of appearing in that kind's gold sentences vs the others.

    Counts are per film (a film annotated three times weighs as one), so one film's words cannot pass
    the threshold alone; a stem needs to occur in that kind's sentences of at least `min_films` films.
    """
    per_film: dict[str, int] = Counter(p.film for p in data)
    out = []
    for k in range(5):
        pos: dict[str, float] = defaultdict(float)
        neg: dict[str, float] = defaultdict(float)
        n_pos = n_neg = 0.0
        for p in data:
            wt = 1.0 / per_film[p.film]
            g = p.gold[k]
            for i, toks in enumerate(p.toks):
                uniq = set(toks)
                if i == g:
                    n_pos += wt
                    for t in uniq:
                        pos[t] += wt
                else:
                    n_neg += wt
                    for t in uniq:
                        neg[t] += wt
        cues = {}
        for w, yp in pos.items():
            if yp < min_films:
                continue
            yn = neg.get(w, 0.0)
            lp = math.log((yp + alpha) / (n_pos - yp + alpha))
            ln = math.log((yn + alpha) / (n_neg - yn + alpha))
            delta = lp - ln
            z = delta / math.sqrt(1 / (yp + alpha) + 1 / (yn + alpha))
            if z > z_min:
                cues[w] = delta
        out.append(cues)
    return out


def _cross_fitted_cues(data: Sequence[Prepared], folds: int = 5, **kw: Any) -> list[list[dict[str, float]]]:
    """For each prepared story, the cue lexicons learned without its film."""
    films = sorted({p.film for p in data})
    fold_of = {f: i % folds for i, f in enumerate(films)}
    lex = []
    for f in range(folds):
        lex.append(fit_cues([p for p in data if fold_of[p.film] != f], **kw))
    return [lex[fold_of[p.film]] for p in data]


def _soft_targets(n: int, g: int, soft: float) -> np.ndarray:
    """The gold sentence with weight 1 − 2·soft, each neighbour with `soft` (folded back at the ends):
    annotators disagree by a sentence often, so the neighbours of a gold sentence are not wrong."""
    t = np.zeros(n)
    t[g] = 1.0 - 2 * soft
    t[g - 1 if g > 0 else g] += soft
    t[g + 1 if g + 1 < n else g] += soft
    return t


def _softmax_fit(mats: Sequence[np.ndarray], golds: Sequence[int], l2: float, iters: int = 400,
                 lr: float = 0.5, init: Optional[np.ndarray] = None, soft: float = 0.0,
                 sample_weights: Optional[Sequence[float]] = None) -> np.ndarray:
    """Weights maximising Σ_i c_i Σ_s t_i(s) log softmax(X_i w)[s] − l2 |w|² (full-batch gradient ascent,
    Adam steps), t_i the soft targets around gold i (`_soft_targets`; one-hot when soft = 0), c_i the
    story's weight (`sample_weights`, rescaled to average 1; all 1 when None).

    All stories are stacked in one matrix and the per-story softmax runs segment-wise (`reduceat`)."""
    d = mats[0].shape[1]
    X = np.vstack(mats)
    starts = np.cumsum([0] + [len(m) for m in mats[:-1]])
    seg = np.repeat(np.arange(len(mats)), [len(m) for m in mats])
    sw = np.ones(len(mats)) if sample_weights is None else np.asarray(sample_weights, dtype=float)
    sw = sw * (len(mats) / sw.sum())
    target_sum = sum(c * (_soft_targets(len(M), g, soft) @ M) for M, g, c in zip(mats, golds, sw))
    row_w = np.repeat(sw, [len(m) for m in mats])
    w = np.zeros(d) if init is None else init.copy()
    m = np.zeros(d)
    v = np.zeros(d)
    b1, b2, eps = 0.9, 0.999, 1e-8
    N = len(mats)
    for t in range(1, iters + 1):
        s = X @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        p = np.exp(s)
        p /= np.add.reduceat(p, starts)[seg]
        grad = (target_sum - (p * row_w) @ X) / N - 2 * l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad ** 2
        mh = m / (1 - b1 ** t)
        vh = v / (1 - b2 ** t)
        w += lr * 0.1 * mh / (np.sqrt(vh) + eps)
    return w


def fit(data: Sequence[Prepared], l2: float = 0.1, bandwidth: float = 0.05, gap_weight: float = 0.5,
        use_cues: bool = False, use: Optional[Iterable[str]] = None, info: Optional[dict] = None,
        soft: float = 0.1, smooth: float = 0.1) -> TPModel:
    """Fit a `TPModel` on prepared training stories (see the module docstring)."""
    data = [p for p in data if len(p.rel) >= 2 and all(0 <= g < len(p.rel) for g in p.gold)]
    position = fit_position(data, bandwidth)
    position_chars = fit_position(data, bandwidth, chars=True)
    gap_mean, gap_sd = fit_gaps(data)
    names = KIND_FEATURES + SHARED_FEATURES
    mask = np.ones(len(names))
    if use is not None:
        allowed = set(use) | {"position"}
        mask = np.array([1.0 if nm in allowed else 0.0 for nm in names])
    if not use_cues:
        mask[names.index("learned_cues")] = 0.0
    final_cues = fit_cues(data) if use_cues else [{} for _ in range(5)]
    train_cues = _cross_fitted_cues(data) if use_cues else [[{} for _ in range(5)] for _ in data]
    off_start = fit_offsets(data, from_end=False)
    off_end = fit_offsets(data, from_end=True)
    shell = TPModel(tuple(tuple(r) for r in position), tuple(tuple([0.0] * len(names)) for _ in range(5)),
                    offset_start=tuple(tuple(r) for r in off_start), offset_end=tuple(tuple(r) for r in off_end),
                    position_chars=tuple(tuple(r) for r in position_chars))
    sw = film_weights(data)
    weights = []
    for k in range(5):
        mats, golds = [], []
        for p, cues in zip(data, train_cues):
            X = np.array(tp_feature_matrix(p.shared, p.toks, p.rel, shell, k, cues=cues[k], crel=p.crel))
            mats.append(X * mask)
            golds.append(p.gold[k])
        init = np.zeros(len(names))
        init[0] = 1.0
        w = _softmax_fit(mats, golds, l2, init=init, soft=soft, sample_weights=sw) * mask
        weights.append(tuple(float(x) for x in w))
    return TPModel(position=tuple(tuple(r) for r in position), weights=tuple(weights),
                   cues=tuple(final_cues), offset_start=shell.offset_start, offset_end=shell.offset_end,
                   gap_mean=tuple(gap_mean), gap_sd=tuple(gap_sd),
                   gap_weight=gap_weight, position_chars=shell.position_chars, smooth=smooth,
                   info=dict(info or {}, fitted=True, stories=len(data),
                             films=len({p.film for p in data}), l2=l2, bandwidth=bandwidth, soft=soft))


# ------------------------------------------------------------------------------------------------- main

def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", help="TRIPOD-style CSV (movie_name, synopsis_raw, synopsis_segmented, tp1..tp5)")
    ap.add_argument("--out", default=str(ROOT / "narrative" / "data" / "tp_model.json"))
    ap.add_argument("--source", choices=("auto", "raw", "segmented"), default="auto")
    ap.add_argument("--l2", type=float, default=0.1)
    ap.add_argument("--bandwidth", type=float, default=0.05)
    ap.add_argument("--gap-weight", type=float, default=0.5)
    ap.add_argument("--soft", type=float, default=0.1, help="weight of each neighbour of a gold sentence in the fit")
    ap.add_argument("--smooth", type=float, default=0.1, help="smoothing of the distributions before decoding")
    ap.add_argument("--cues", action="store_true", help="learn cue words too (see the module docstring)")
    ap.add_argument("--engine", default="auto", help="NLP engine of the analysis (default: %(default)s, as the CLI)")
    ap.add_argument("--direct", action="store_true", help="bare sentences, no analysis (not for the shipped model)")
    args = ap.parse_args(argv)
    rows = [r for r in read_rows(args.csv, args.source) if r.n >= 1 and all(0 <= g < r.n for g in r.gold)]
    stories = ([story_from_text(r.text, r.name) for r in rows] if args.direct
               else analyse_rows(rows, args.engine))
    data = [prepare(s, r.film, r.gold) for s, r in zip(stories, rows)]
    model = fit(data, l2=args.l2, bandwidth=args.bandwidth, gap_weight=args.gap_weight,
                use_cues=args.cues, soft=args.soft, smooth=args.smooth,
                info={"data": Path(args.csv).name, "source": args.source,
                      "analysis": "direct (sentences only)" if args.direct else f"pipeline ({args.engine})"})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out} ({len(data)} synopses, {model.info['films']} films)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
