#!/usr/bin/env python3
"""Segmenter figures on TRIPOD synopses (one sentence per line, blank line between paragraphs).

Usage: python scripts/eval_segments.py ../shared/eval/tripod/synopses_train.csv

Prints the share of paragraph breaks that are also event boundaries, the share of event
boundaries that fall inside a paragraph, mean events and sentences per synopsis.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrative.pipeline import STEPS, analyze  # noqa: E402

csv.field_size_limit(10**8)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path)
    args = ap.parse_args()
    seen: set[str] = set()
    breaks = kept = inner = boundaries = events = sentences = n = 0
    with open(args.csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            film = row["movie_name"].rsplit("_", 1)[0]
            if film in seen:  # several annotators of one film share the synopsis
                continue
            seen.add(film)
            story = analyze(row["synopsis_raw"], engine="builtin", sentences_per_line=True, steps=STEPS[:3])
            starts = {e.sentences[0] for e in story.events}
            para = [s.paragraph for s in story.sentences]
            for i in range(1, len(para)):
                is_break = para[i] != para[i - 1]
                breaks += is_break
                kept += is_break and i in starts
                if i in starts:
                    boundaries += 1
                    inner += not is_break
            events += len(story.events)
            sentences += len(story.sentences)
            n += 1
    print(f"synopses: {n}")
    print(f"paragraph breaks that are event boundaries: {kept / max(1, breaks):.3f} ({kept}/{breaks})")
    print(f"event boundaries inside a paragraph:        {inner / max(1, boundaries):.3f} ({inner}/{boundaries})")
    print(f"mean events per synopsis:    {events / max(1, n):.1f}")
    print(f"mean sentences per synopsis: {sentences / max(1, n):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
