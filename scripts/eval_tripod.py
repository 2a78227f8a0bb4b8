#!/usr/bin/env python3
"""Cross-validated turning point evaluation on TRIPOD synopses.

    python scripts/eval_tripod.py ../shared/eval/tripod/synopses_train.csv            # through the CLI
    python scripts/eval_tripod.py ../shared/eval/tripod/synopses_train.csv --direct   # in-process, no NLP

Each synopsis is written to a temporary file (one sentence per line) and analysed once: by default with
``narrative analyze FILE --sentences-per-line --out DIR --format json`` (``--jobs N`` runs N at a time),
with ``--direct`` as a minimal Story built from the lines (sentences and paragraphs only). Then k-fold
cross-validation BY FILM (a film's annotators ``Film_0``, ``Film_1`` stay in one fold): the model
(position priors, gap priors, weights, cue words with ``--cues``; `scripts/fit_tp_priors.py`) is fitted on the other
folds and `narrative.structure.turning_points(story, model)` — the very function the pipeline's structure
step calls — predicts the held-out films. Nothing is ever scored on what it was fitted on.

Printed: exact-match accuracy (TA), hit within one sentence (±1) and D = mean |predicted − gold| / number
of sentences, overall and per turning point, for the model and, in the same run, for fixed positions
10/25/50/75/95 % and for the learned position priors alone.

Gold TP index i counts the synopsis' sentences (0-based). In some rows ``synopsis_raw`` holds a paragraph
per line and the gold indices point past its last line; the indices count the sentences of
``synopsis_segmented``, so those rows are fed their segmented sentences (``--source auto``, the default;
``--source raw`` uses the raw lines always and drops rows whose gold is out of range).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import fit_tp_priors as F  # noqa: E402

from narrative.model import TURNING_POINT_KINDS, Story  # noqa: E402
from narrative.structure import TPModel, turning_points  # noqa: E402

FIXED = (0.10, 0.25, 0.50, 0.75, 0.95)


def fixed_positions(n: int) -> list[int]:
    """Fixed 10/25/50/75/95 % positions (index = round(p · (n − 1)))."""
    return [int(round(p * (n - 1))) for p in FIXED]


def metrics(preds: Sequence[Sequence[int]], golds: Sequence[Sequence[int]], ns: Sequence[int]) -> dict:
    per = []
    for k in range(5):
        ta = sum(p[k] == g[k] for p, g in zip(preds, golds)) / len(preds)
        w1 = sum(abs(p[k] - g[k]) <= 1 for p, g in zip(preds, golds)) / len(preds)
        d = sum(abs(p[k] - g[k]) / n for p, g, n in zip(preds, golds, ns)) / len(preds)
        per.append((ta, w1, d))
    overall = tuple(sum(x[j] for x in per) / 5 for j in range(3))
    return {"overall": overall, "per_tp": per}


def _run_cli(args: tuple[str, str, str]) -> tuple[str, Optional[str]]:
    path, outdir, exe = args
    cmd = exe.split() + ["analyze", path, "--sentences-per-line", "--out", outdir, "--format", "json"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        return path, (res.stderr.strip().splitlines() or ["failed"])[-1]
    return path, None


def _find_json(outdir: Path) -> Path:
    found = sorted(outdir.rglob("*.json"))
    if not found:
        raise FileNotFoundError(f"no JSON written in {outdir}")
    for f in found:
        if f.name.endswith("story.json"):
            return f
    return found[0]


def load_stories(rows: Sequence[F.Row], direct: bool, jobs: int, exe: str, keep: Optional[str],
                 reuse: bool = False) -> list[Story]:
    if direct:
        return [F.story_from_text(r.text, r.name) for r in rows]
    from narrative.serialize import from_dict

    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="tripod-"))
    work.mkdir(parents=True, exist_ok=True)
    tasks = []
    for i, r in enumerate(rows):
        txt = work / f"{i:03d}.txt"
        out = work / f"{i:03d}"
        if reuse and out.exists() and txt.exists() and txt.read_text(encoding="utf-8") == r.text \
                and any(out.rglob("*.json")):
            tasks.append((str(txt), str(out), ""))
            continue
        txt.write_text(r.text, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        tasks.append((str(txt), str(out), exe))
    t0 = time.time()
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        failures = [(p, e) for p, e in pool.map(_run_cli, [t for t in tasks if t[2]]) if e]
    if failures:
        for p, e in failures[:5]:
            print(f"CLI failed on {p}: {e}", file=sys.stderr)
        raise SystemExit(f"{len(failures)} of {len(rows)} synopses failed in the CLI")
    print(f"analysed {len(rows)} synopses through the CLI in {time.time() - t0:.0f}s", file=sys.stderr)
    stories = []
    for _, out, _ in tasks:
        with open(_find_json(Path(out)), encoding="utf-8") as fh:
            stories.append(from_dict(json.load(fh)))
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return stories


def cross_validate(rows: Sequence[F.Row], stories: Sequence[Story], k: int, seed: int,
                   fit_kw: dict) -> tuple[list[list[int]], list[list[int]]]:
    """Predictions by the full model and by the learned position priors alone, each film held out once."""
    films = sorted({r.film for r in rows})
    random.Random(seed).shuffle(films)
    fold_of = {f: i % k for i, f in enumerate(films)}
    prepared = [F.prepare(s, r.film, r.gold) for s, r in zip(stories, rows)]
    preds: list[list[int]] = [[] for _ in rows]
    prior_preds: list[list[int]] = [[] for _ in rows]
    for f in range(k):
        train = [p for p, r in zip(prepared, rows) if fold_of[r.film] != f]
        model = F.fit(train, **fit_kw)
        pos_only = _position_only(model)
        for i, (s, r) in enumerate(zip(stories, rows)):
            if fold_of[r.film] != f:
                continue
            index = {sent.index: j for j, sent in enumerate(s.sentences)}
            preds[i] = [index[tp.sentence] for tp in turning_points(s, model)]
            prior_preds[i] = [index[tp.sentence] for tp in turning_points(s, pos_only)]
    return preds, prior_preds


def _position_only(model: TPModel) -> TPModel:
    from dataclasses import replace

    w = tuple(tuple([1.0] + [0.0] * (len(row) - 1)) for row in model.weights)
    return replace(model, weights=w, cues=tuple({} for _ in model.cues))


def _print(title: str, m: dict) -> None:
    ta, w1, d = m["overall"]
    print(f"{title:<28} TA {ta:6.3f}   ±1 {w1:6.3f}   D {d:6.3f}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Cross-validated TRIPOD turning point evaluation.")
    ap.add_argument("csv")
    ap.add_argument("--direct", action="store_true", help="no CLI: minimal stories built from the lines")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="CLI runs at a time")
    ap.add_argument("--cli", default=f"{sys.executable} -m narrative.cli",
                    help="command that runs the narrative CLI (default: %(default)s)")
    ap.add_argument("--keep", help="keep the CLI's inputs and outputs in this folder")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: reuse outputs already there for unchanged inputs")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--repeats", type=int, default=1, help="repeat CV with other fold splits and average")
    ap.add_argument("--source", choices=("auto", "raw", "segmented"), default="auto")
    ap.add_argument("--l2", type=float, default=0.1)
    ap.add_argument("--bandwidth", type=float, default=0.05)
    ap.add_argument("--gap-weight", type=float, default=0.5)
    ap.add_argument("--soft", type=float, default=0.1, help="weight of each neighbour of a gold sentence in the fit")
    ap.add_argument("--smooth", type=float, default=0.1, help="smoothing of the distributions before decoding")
    ap.add_argument("--cues", action="store_true", help="learn cue words too (off by default, as in the fit)")
    ap.add_argument("--features", help="comma-separated subset of features to use (ablation)")
    ap.add_argument("--json", help="write the figures as JSON here")
    args = ap.parse_args(argv)

    rows = F.read_rows(args.csv, args.source)
    kept = [r for r in rows if r.n >= 1 and all(0 <= g < r.n for g in r.gold)]
    if len(kept) < len(rows):
        print(f"dropped {len(rows) - len(kept)} rows whose gold indices exceed their sentences", file=sys.stderr)
    rows = kept
    stories = load_stories(rows, args.direct, args.jobs, args.cli, args.keep, args.reuse)
    for r, s in zip(rows, stories):
        if len(s.sentences) != r.n:
            raise SystemExit(f"{r.name}: the analysis found {len(s.sentences)} sentences, the file has {r.n} "
                             "lines (is --sentences-per-line honoured?)")
    fit_kw = dict(l2=args.l2, bandwidth=args.bandwidth, gap_weight=args.gap_weight, soft=args.soft, smooth=args.smooth,
                  use_cues=args.cues,
                  use=args.features.split(",") if args.features else None)
    golds = [list(r.gold) for r in rows]
    ns = [r.n for r in rows]

    results = {"model": [], "priors": []}
    for rep in range(args.repeats):
        preds, prior_preds = cross_validate(rows, stories, args.folds, args.seed + rep, fit_kw)
        results["model"].append(metrics(preds, golds, ns))
        results["priors"].append(metrics(prior_preds, golds, ns))

    def avg(ms: list[dict]) -> dict:
        return {"overall": tuple(sum(m["overall"][j] for m in ms) / len(ms) for j in range(3)),
                "per_tp": [tuple(sum(m["per_tp"][k][j] for m in ms) / len(ms) for j in range(3))
                           for k in range(5)]}

    model_m = avg(results["model"])
    prior_m = avg(results["priors"])
    fixed_m = metrics([fixed_positions(n) for n in ns], golds, ns)
    mode = "direct (sentences only)" if args.direct else "CLI"
    print(f"TRIPOD {Path(args.csv).name}: {len(rows)} synopses, {len({r.film for r in rows})} films, "
          f"{args.folds}-fold CV by film x{args.repeats}, analysis: {mode}")
    _print("fixed 10/25/50/75/95 %", fixed_m)
    _print("learned position priors", prior_m)
    _print("model (cross-validated)", model_m)
    print("per turning point (model):")
    for kind, (ta, w1, d) in zip(TURNING_POINT_KINDS, model_m["per_tp"]):
        print(f"  {kind:<20} TA {ta:6.3f}   ±1 {w1:6.3f}   D {d:6.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"fixed": fixed_m, "priors": prior_m, "model": model_m,
                                               "rows": len(rows), "mode": mode}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
