#!/usr/bin/env python3
"""Score the character linker on the labelled characters of Wikipedia film plots.

Usage: python scripts/eval_characters.py ../shared/eval/character_types [--limit N] [--show-unmatched 20]

Prints: recall of labelled characters (a label matches, as a whole word, a found
character's name or alias), main-character precision (of the k most important found
characters, k = labels in that plot, the share that match a label), protagonist
accuracy (the found protagonist matches a labelled Hero), characters per plot, and
the linker's speed in words per second (annotate + link, builtin engine).
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrative.pipeline import STEPS, analyze  # noqa: E402

csv.field_size_limit(10**8)


def matches(label: str, character) -> bool:
    pattern = re.compile(r"(?<!\w)" + re.escape(label.casefold()) + r"(?!\w)")
    return any(pattern.search(n.casefold()) for n in (character.name, *character.aliases))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--set", default="", help="only this split, as named in summaries.csv's `set` column "
                                               "(train or valid); an unknown name is an error")
    ap.add_argument("--show-unmatched", type=int, default=0, help="print N sampled found characters matching no label")
    ap.add_argument("--show-misses", type=int, default=0, help="print N missed labels with context")
    args = ap.parse_args()

    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(args.folder / "character_labels.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            labels[row["document_id"]].append((row["character_name"], row["character_type"]))
    with open(args.folder / "summaries.csv", newline="", encoding="utf-8") as f:
        docs = [r for r in csv.DictReader(f) if (not args.set or r["set"] == args.set) and r["document_id"] in labels]
    if args.set and not docs:
        ap.error(f"no plot is in split {args.set!r}")
    if args.limit:
        docs = docs[: args.limit]

    found_total = recall_hit = recall_n = prec_hit = prec_n = prot_hit = prot_n = 0
    words = 0
    elapsed = 0.0
    unmatched: list[tuple[str, str, int]] = []
    misses: list[tuple[str, str]] = []
    for row in docs:
        text = row["summary"]
        words += len(text.split())
        t0 = time.perf_counter()
        story = analyze(text, engine="builtin", steps=STEPS[:2], name="plot")
        elapsed += time.perf_counter() - t0
        chars = story.characters
        found_total += len(chars)
        gold = labels[row["document_id"]]
        names = {n for n, _ in gold}
        for name in names:
            recall_n += 1
            if any(matches(name, c) for c in chars):
                recall_hit += 1
            elif len(misses) < 10**6:
                misses.append((name, row["document_id"]))
        k = len(names)
        for c in chars[:k]:
            prec_n += 1
            prec_hit += any(matches(n, c) for n in names)
        heroes = {n for n, t in gold if t == "Hero"}
        if heroes:
            prot_n += 1
            prot = next((c for c in chars if c.id == story.protagonist), None)
            prot_hit += prot is not None and any(matches(h, prot) for h in heroes)
        for c in chars:
            if not any(matches(n, c) for n in names):
                unmatched.append((row["document_id"], c.name, len(c.mentions)))

    print(f"plots: {len(docs)}  words: {words}")
    print(f"recall of labelled characters: {recall_hit / max(1, recall_n):.3f} ({recall_hit}/{recall_n})")
    print(f"main-character precision@k:   {prec_hit / max(1, prec_n):.3f} ({prec_hit}/{prec_n})")
    print(f"protagonist is a labelled Hero: {prot_hit / max(1, prot_n):.3f} ({prot_hit}/{prot_n})")
    print(f"found characters per plot:     {found_total / max(1, len(docs)):.1f}")
    print(f"speed (annotate + link):       {words / elapsed:,.0f} words/s over {elapsed:.1f} s")
    rng = random.Random(0)
    if args.show_unmatched:
        for doc, name, n in rng.sample(unmatched, min(args.show_unmatched, len(unmatched))):
            print(f"  unmatched: {name!r} ({n} mentions) in {doc[:10]}")
    if args.show_misses:
        for name, doc in rng.sample(misses, min(args.show_misses, len(misses))):
            print(f"  missed: {name!r} in {doc[:10]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
