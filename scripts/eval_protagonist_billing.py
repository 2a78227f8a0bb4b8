#!/usr/bin/env python3
"""Cross-check the protagonist against the cast billing order of the TRIPOD films.

Usage: python scripts/eval_protagonist_billing.py ../shared/eval/tripod [--show 10]

A second, independent look at `story.protagonist` (the main measure is `scripts/eval_characters.py` on
crowd-labelled Heroes): each TRIPOD synopsis (one per film, its first annotator's row; plain text, a blank
line between paragraphs) is linked with the builtin engine, and its protagonist is compared with the roles
of `imdb_meta/<film>_imdb_meta.txt`, whose `cast` rows list the cast in billing order. The lead is not always
the first-billed role, so both "first-billed" and "one of the first two billed" are printed. A role matches
when one of its words (a given name or a surname, as a whole word) is a word of the protagonist's name or of
one of its aliases. Nothing here is fitted: the billing is only read for scoring.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrative.pipeline import STEPS, analyze  # noqa: E402

csv.field_size_limit(10**8)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NOT_NAME = frozenset("""the a an of and mr mrs ms miss dr sir lady lord young old little big uncle aunt
father mother son daughter brother sister jr sr""".split())


def billed_roles(path: Path) -> list[str]:
    """The `cast` roles of an imdb_meta file, in billing order."""
    roles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] == "cast" and parts[2].strip():
            roles.append(parts[2].strip())
    return roles


def name_words(text: str) -> set[str]:
    """Capitalised words of a role or a name that can identify a person ("Kat Stratford" → kat, stratford)."""
    return {w.casefold() for w in _WORD.findall(text) if w[:1].isupper() and w.casefold() not in _NOT_NAME}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the tripod folder (synopses_train.csv and imdb_meta/)")
    ap.add_argument("--show", type=int, default=0, help="print N films where the protagonist is not first-billed")
    args = ap.parse_args()

    films: dict[str, str] = {}
    with open(args.folder / "synopses_train.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            film = re.sub(r"_\d+$", "", row["movie_name"])
            films.setdefault(film, row["synopsis_raw"])
    scored = first = top2 = 0
    wrong: list[str] = []
    for film, synopsis in sorted(films.items()):
        meta = args.folder / "imdb_meta" / f"{film}_imdb_meta.txt"
        roles = billed_roles(meta) if meta.is_file() else []
        if len(roles) < 2:
            continue
        text = "\n\n".join(p.replace("\n", " ") for p in re.split(r"\n\s*\n", synopsis.strip()))
        story = analyze(text, engine="builtin", steps=STEPS[:2], name="plot")
        prot = next((c for c in story.characters if c.id == story.protagonist), None)
        words = set().union(*(name_words(n) for n in (prot.name, *prot.aliases))) if prot else set()
        hits = [bool(words & name_words(r)) for r in roles[:2]]
        scored += 1
        first += hits[0]
        top2 += any(hits)
        if not hits[0]:
            wrong.append(f"  {film}: ours {prot.name if prot else None!r}; billed {roles[0]!r}, {roles[1]!r}")
    print(f"films: {scored}")
    print(f"protagonist is the first-billed role:        {first / max(1, scored):.3f} ({first}/{scored})")
    print(f"protagonist is one of the first two billed:  {top2 / max(1, scored):.3f} ({top2}/{scored})")
    for line in wrong[:args.show]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
