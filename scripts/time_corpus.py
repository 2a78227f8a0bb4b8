#!/usr/bin/env python3
"""Analyse the first N corpus plots to JSON with the checkout at ROOT, for paired whole-process timing.

    farm-bench -n 5 --vs "python scripts/time_corpus.py OTHER_CHECKOUT" -- python scripts/time_corpus.py .

Usage: python scripts/time_corpus.py ROOT [--plots CSV] [--limit N]   (defaults: the 795 plots, first 400)
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "character_types" / "summaries.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="the checkout whose `narrative` package to time")
    ap.add_argument("--plots", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from narrative.export.json import to_json
    from narrative.pipeline import analyze

    csv.field_size_limit(10**8)
    with open(args.plots, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[: args.limit]
    for row in rows:
        to_json(analyze(row["summary"], engine="builtin", name="plot"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
