#!/usr/bin/env python3
"""Analyse the first N corpus plots to JSON with the checkout at ROOT; with --vs, time it against another.

    python scripts/time_corpus.py .                          # one run (to time from outside)
    python scripts/time_corpus.py . --vs ../other-checkout   # paired timing: runs of the two alternated

With ``--vs OTHER``, each checkout is run ``--runs`` times (after one warm-up each) in fresh processes,
alternating A B A B..., and the child CPU time of every run is read from the operating system
(``os.wait4``). Printed: each side's median CPU seconds and the median of the pair-by-pair ratios A/B, with
their spread, so a comparison holds when a shared machine's speed drifts during the runs.

Usage: python scripts/time_corpus.py ROOT [--plots CSV] [--limit N] [--vs OTHER [--runs K]]
(defaults: the 795 plots, the first 400, 5 runs)
"""
from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "character_types" / "summaries.csv"


def analyse(root: Path, plots: Path, limit: int) -> None:
    """Text to JSON for the first `limit` plots, with the `narrative` package of `root`."""
    sys.path.insert(0, str(root.resolve()))
    from narrative.export.json import to_json
    from narrative.pipeline import analyze

    csv.field_size_limit(10**8)
    with open(plots, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    for row in rows:
        to_json(analyze(row["summary"], engine="builtin", name="plot"))


def cpu_seconds(cmd: list[str]) -> float:
    """Run `cmd` to the end; its user + system CPU seconds, as the kernel counted them."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def paired(a: list[str], b: list[str], runs: int) -> str:
    """Median CPU seconds of A and B over `runs` alternated runs, and the median A/B ratio with its spread."""
    cpu_seconds(a), cpu_seconds(b)  # warm the file cache
    ta, tb = [], []
    for _ in range(runs):
        ta.append(cpu_seconds(a))
        tb.append(cpu_seconds(b))
    ratios = sorted(x / y for x, y in zip(ta, tb))
    return (f"A median {statistics.median(ta):.2f} s CPU, B median {statistics.median(tb):.2f} s CPU; "
            f"A/B median {statistics.median(ratios):.3f} (spread {ratios[0]:.3f}-{ratios[-1]:.3f}, {runs} pairs)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="the checkout whose `narrative` package to time")
    ap.add_argument("--plots", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--vs", type=Path, help="another checkout to time against, runs alternated")
    ap.add_argument("--runs", type=int, default=5, help="pairs of runs with --vs (default 5)")
    args = ap.parse_args()
    if args.vs is None:
        analyse(args.root, args.plots, args.limit)
        return 0
    base = [sys.executable, __file__, "--plots", str(args.plots), "--limit", str(args.limit)]
    print(f"A = {args.root}, B = {args.vs}: " + paired(base + [str(args.root)], base + [str(args.vs)], args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
