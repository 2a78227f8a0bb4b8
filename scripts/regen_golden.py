#!/usr/bin/env python3
"""Regenerate the golden export files in tests/golden/ from the hand-built fixture stories.

The tests only compare against these files; this script is the one thing that writes them.
Run it after an intended change to a diagram or the JSON shape, then review the diff:

    python scripts/regen_golden.py          # rewrite tests/golden/*
    python scripts/regen_golden.py --check  # exit 1 and list the files that would change
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fixtures.export.stories import hostile_story, small_story  # noqa: E402

from narrative.export.atomic import write_text  # noqa: E402
from narrative.export.dot import DIAGRAMS, to_dot  # noqa: E402
from narrative.export.json import to_json  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


def golden_files() -> dict[str, str]:
    """File name -> expected content, for every golden file."""
    files = {}
    for story in (small_story(), hostile_story()):
        files[f"{story.id}.story.json"] = to_json(story)
        for name in DIAGRAMS:
            files[f"{story.id}.{name}.dot"] = to_dot(story, name)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that differ")
    args = parser.parse_args(argv)
    stale = []
    for name, text in golden_files().items():
        path = GOLDEN / name
        if path.exists() and path.read_bytes() == text.encode("utf-8"):
            continue
        stale.append(name)
        if not args.check:
            write_text(path, text)
    verb = "differ" if args.check else "rewritten"
    print(f"{len(stale)} golden file(s) {verb}" + (": " + ", ".join(stale) if stale else ""))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
