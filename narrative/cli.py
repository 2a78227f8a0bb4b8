"""The `narrative` command: analyze, batch, validate, render, models.

Start-up stays light: only argparse is imported before a command runs.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

__all__ = ["main", "build_parser"]

EXIT_BAD_INPUT = 2


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("auto", "builtin", "stanza"), default="auto",
                   help="NLP engine: builtin (offline, default when stanza's models are absent), stanza, or auto")
    p.add_argument("--sentences-per-line", action="store_true",
                   help="input is pre-segmented: one sentence per line, a blank line between paragraphs")
    p.add_argument("--format", dest="formats", action="append", metavar="FMT",
                   help="output format (repeatable or comma-separated): json, dot, svg, png, pdf, gexf, graphml, "
                        "nodelink, html; default: all")
    p.add_argument("--tp-model", metavar="PATH", help="turning-point model (JSON) to use instead of the shipped one")


def _count(value: str) -> int:
    """A whole number ≥ 0 (0: one per core)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {value!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="narrative",
        description="Model plot structure and character interaction from plot summaries.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="analyse one story (a text file or a folder of its pages)",
                       description="Analyse one story and write its story JSON and diagrams.")
    p.add_argument("path", help="a plot text, a wiki-style page, or a folder holding one story's pages")
    p.add_argument("--out", default="outputs", metavar="DIR", help="output folder (default: outputs)")
    _add_analysis_options(p)

    p = sub.add_parser("batch", help="analyse every story in a folder",
                       description="Analyse every story in a folder: each text file, or each sub-folder, is one "
                                   "story. Goes on past bad files and exits non-zero at the end if any failed.")
    p.add_argument("folder")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--jobs", type=_count, default=0, metavar="N", help="worker processes (default: number of cores)")
    p.add_argument("--force", action="store_true", help="re-analyse stories whose outputs are newer than inputs")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask distributed cluster (needs --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_analysis_options(p)

    p = sub.add_parser("validate", help="check story JSON files against the schema",
                       description="Validate story JSON files against schemas/story.schema.json.")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = sub.add_parser("render", help="re-render diagrams and reports from a story JSON",
                       description="Re-render exports from a (possibly hand-corrected) story JSON, validating first.")
    p.add_argument("story", metavar="STORY.json")
    p.add_argument("--out", metavar="DIR", help="output folder (default: the JSON file's folder)")
    p.add_argument("--format", dest="formats", action="append", metavar="FMT")

    p = sub.add_parser("models", help="stanza model status and download",
                       description="Manage the stanza engine's models (needs `pip install narrative[stanza]`).")
    p.set_defaults(models_command="status", lang="en", dir=None)
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    s = msub.add_parser("status", help="say which stanza models are installed and where")
    s.add_argument("--lang", default="en")
    s.add_argument("--dir", metavar="DIR", help="stanza resources folder")
    d = msub.add_parser("download", help="download stanza's models (needs network)")
    d.add_argument("--lang", default="en")
    d.add_argument("--dir", metavar="DIR", help="stanza resources folder")
    return parser


def _formats(values: Optional[Sequence[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [f.strip() for v in values for f in v.split(",") if f.strip()]


def _analysis_options(args: argparse.Namespace) -> dict:
    options = {}
    if getattr(args, "tp_model", None):
        options["tp_model"] = args.tp_model
    return options


def _cmd_analyze(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .errors import InputError
    from .export import write_all
    from .pipeline import analyze

    formats = _formats(args.formats)
    _check_formats(formats)
    if not os.path.exists(args.path):
        raise InputError(f"{args.path}: no such file or folder")
    story = analyze(Path(args.path), engine=args.engine, sentences_per_line=args.sentences_per_line,
                    options=_analysis_options(args))
    paths = write_all(story, args.out, formats, on_warning=_warn)
    print(f"{story.id}: {len(story.sentences)} sentences, {len(story.characters)} characters, "
          f"{len(story.events)} events, {len(story.interactions)} interactions "
          f"({story.generator.engine} engine) -> {len(paths)} files in {args.out}")
    return 0


def _warn(message: str) -> None:
    print(f"narrative: warning: {message}", file=sys.stderr)


def _check_formats(formats: Optional[list[str]]) -> None:
    from .errors import OutputError
    from .export import FORMATS

    for f in formats or ():
        if f not in FORMATS:
            raise OutputError(f"unknown format {f!r}; choose from {', '.join(FORMATS)}")


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    formats = _formats(args.formats)
    _check_formats(formats)
    summary = run_batch(args.folder, args.out, jobs=args.jobs, engine=args.engine,
                        sentences_per_line=args.sentences_per_line, formats=formats, force=args.force,
                        executor=args.executor, scheduler=args.scheduler, progress=not args.quiet,
                        options=_analysis_options(args))
    print(summary.report(), file=sys.stderr)
    return 1 if summary.failures else 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .errors import NarrativeError, SchemaError
    from .export import read_json

    bad = 0
    for path in args.files:
        try:
            read_json(path)
        except SchemaError as err:
            bad += 1
            print(f"{path}: invalid", file=sys.stderr)
            for line in err.errors[:50]:
                print(f"  {line}", file=sys.stderr)
        except NarrativeError as err:
            bad += 1
            print(f"{path}: {err}", file=sys.stderr)
        else:
            print(f"{path}: valid")
    return EXIT_BAD_INPUT if bad else 0


def _cmd_render(args: argparse.Namespace) -> int:
    from .export import read_json, write_all

    formats = _formats(args.formats)
    _check_formats(formats)
    story = read_json(args.story)
    out = args.out or os.path.dirname(os.path.abspath(args.story))
    paths = write_all(story, out, formats, on_warning=_warn)
    print(f"{story.id}: {len(paths)} files in {out}")
    return 0


def _cmd_models(args: argparse.Namespace) -> int:
    from .nlp import models

    if args.models_command == "download":
        models.download(lang=args.lang, dir=args.dir)
        print(models.format_status(models.status(lang=args.lang, dir=args.dir)))
        return 0
    print(models.format_status(models.status(lang=args.lang, dir=getattr(args, "dir", None))))
    return 0


_COMMANDS = {"analyze": _cmd_analyze, "batch": _cmd_batch, "validate": _cmd_validate, "render": _cmd_render,
             "models": _cmd_models}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code (2 for bad input, with one line on stderr)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"narrative {__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "models" and args.models_command is None:
        args.models_command = "status"
    from .errors import NarrativeError

    try:
        return _COMMANDS[args.command](args)
    except NarrativeError as err:
        print(f"narrative: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("narrative: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("narrative: error: out of memory (is the input a plot summary?)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # a bug: one line, traceback on request
        if os.environ.get("NARRATIVE_DEBUG"):
            raise
        print(f"narrative: internal error: {type(err).__name__}: {err} (set NARRATIVE_DEBUG=1 for a traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
