#!/usr/bin/env python3
"""Count the interactions the builtin engine finds over a CSV of plot summaries, by mode.

    python scripts/count_interactions.py ../shared/eval/character_types/summaries.csv [--out found.jsonl]

Prints the total, the directed (direct, reported, recalled) and co-presence counts; `--out` writes one
JSON line per interaction (row index, sentence, source, target, type, mode) to compare two versions.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import warnings
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _interactions(item: tuple[int, str]) -> list[tuple]:
    from narrative.pipeline import STEPS, analyze

    warnings.simplefilter("ignore")
    index, text = item
    story = analyze(text, engine="builtin", steps=STEPS[:5])
    return [(index, x.sentence, x.source, x.target, x.type, x.mode) for x in story.interactions]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path, help="a CSV with a `summary` column")
    ap.add_argument("--out", type=Path, help="write every interaction as a JSON line")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    csv.field_size_limit(1 << 30)
    with open(args.csv, newline="", encoding="utf-8") as fh:
        texts = [row["summary"] for row in csv.DictReader(fh)]
    with Pool(args.jobs) as pool:
        found = [x for part in pool.map(_interactions, list(enumerate(texts)), chunksize=20) for x in part]
    modes = Counter(x[5] for x in found)
    directed = sum(n for mode, n in modes.items() if mode != "copresence")
    print(f"plots: {len(texts)}  interactions: {len(found)}  directed: {directed} "
          f"({', '.join(f'{m} {modes[m]}' for m in ('direct', 'reported', 'recalled'))})  "
          f"co-presence: {modes['copresence']}")
    if args.out:
        args.out.write_text("".join(json.dumps(x) + "\n" for x in found), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
