"""Corpus-scale batch runs: one story per text file or sub-folder, N worker processes
(or a Dask cluster), atomic outputs, resume, a progress bar and a closing summary."""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from .errors import InputError, OutputError

__all__ = ["BatchSummary", "iter_stories", "analyze_one", "run_batch"]


@dataclass
class BatchSummary:
    stories: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"{self.stories} stories analysed, {self.skipped} up to date, {len(self.failures)} failed; "
                 f"{self.words:,} words in {self.seconds:.1f} s"
                 + (f" ({self.words / self.seconds:,.0f} words/s)" if self.seconds > 0 and self.words else "")]
        for path, message in self.failures:
            lines.append(f"  failed: {path}: {message}")
        return "\n".join(lines)


def iter_stories(folder: Path) -> Iterator[Path]:
    """Each visible text file and each sub-folder of `folder`, in name order (streamed)."""
    from .ingest.bundle import TEXT_EXTENSIONS

    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; `narrative batch` takes a folder of stories")
    with os.scandir(folder) as it:
        names = sorted(e.name for e in it if not e.name.startswith("."))
    for name in names:
        p = folder / name
        if p.is_dir() or p.suffix.lower() in TEXT_EXTENSIONS:
            yield p


def _story_id(path: Path) -> str:
    from .ingest import slugify

    return slugify(path.name, default="story")


def _newest_input(path: Path) -> float:
    if path.is_dir():
        return max((p.stat().st_mtime for p in path.iterdir() if p.is_file()), default=path.stat().st_mtime)
    return path.stat().st_mtime


def _up_to_date(path: Path, out: Path) -> bool:
    target = out / f"{_story_id(path)}.story.json"
    try:
        return target.stat().st_mtime >= _newest_input(path)
    except OSError:
        return False


def analyze_one(path: str, out: str, engine: str, sentences_per_line: bool, formats: Optional[Sequence[str]],
                options: Optional[dict] = None) -> tuple[str, int, Optional[str]]:
    """Analyse one story and write its outputs: (path, words, error message or None). Never raises."""
    import warnings

    from .errors import NarrativeError
    from .export import write_all
    from .pipeline import analyze

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            story = analyze(Path(path), engine=engine, sentences_per_line=sentences_per_line, options=options)
            write_all(story, out, formats)
        words = sum(len(story.source(s.source).text[s.start:s.end].split()) for s in story.sentences)
        return path, words, None
    except NarrativeError as err:
        return path, 0, str(err)
    except Exception as err:  # a bug on one story must not stop the corpus
        return path, 0, f"internal error: {type(err).__name__}: {err}"


class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.done = 0
        self.start = time.perf_counter()

    def tick(self, name: str) -> None:
        self.done += 1
        if self.enabled:
            rate = self.done / max(1e-9, time.perf_counter() - self.start)
            sys.stderr.write(f"\r\x1b[K[{self.done}] {rate:.1f} stories/s  {name[:50]}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def run_batch(folder: str, out: str, *, jobs: int = 0, engine: str = "auto", sentences_per_line: bool = False,
              formats: Optional[Sequence[str]] = None, force: bool = False, executor: str = "local",
              scheduler: Optional[str] = None, progress: bool = True, options: Optional[dict] = None) -> BatchSummary:
    """Analyse every story of `folder` into `out`; failures are collected, not raised."""
    src, dst = Path(folder), Path(out)
    if executor == "dask" and not scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    try:
        dst.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create {dst}: {err.strerror or err}") from None
    if not os.access(dst, os.W_OK):
        raise OutputError(f"{dst} is not writable")
    summary = BatchSummary()
    bar = _Progress(progress)
    t0 = time.perf_counter()
    todo = []
    owner: dict[str, Path] = {}
    for path in iter_stories(src):
        sid = _story_id(path)
        if sid in owner:  # "x.md" and "x.txt" would write the same outputs
            summary.failures.append((str(path), f"its outputs would overwrite those of {owner[sid].name} "
                                                 f"(both are story {sid!r}); rename one"))
            continue
        owner[sid] = path
        if not force and _up_to_date(path, dst):
            summary.skipped += 1
            continue
        todo.append(path)
    args = (str(dst), engine, sentences_per_line, list(formats) if formats else None, options)

    def record(result: tuple[str, int, Optional[str]]) -> None:
        path, words, error = result
        if error is None:
            summary.stories += 1
            summary.words += words
        else:
            summary.failures.append((path, error))
        bar.tick(Path(path).name)

    if executor == "dask":
        _run_dask(todo, args, scheduler, record)
    else:
        jobs = jobs or os.cpu_count() or 1
        if jobs == 1 or len(todo) <= 1:
            for path in todo:
                record(analyze_one(str(path), *args))
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                pending: set[Future] = set()
                futures: dict[Future, str] = {}
                for path in todo:  # bounded in-flight work keeps memory flat over a corpus
                    fut = pool.submit(analyze_one, str(path), *args)
                    futures[fut] = str(path)
                    pending.add(fut)
                    if len(pending) >= jobs * 4:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for f in finished:
                            record(_result(f, futures))
                for f in pending:
                    record(_result(f, futures))
    bar.close()
    summary.failures.sort()
    summary.seconds = time.perf_counter() - t0
    return summary


def _result(fut: Future, futures: dict) -> tuple[str, int, Optional[str]]:
    """A worker's result; a worker that died (killed, out of memory) fails its story, not the batch."""
    try:
        return fut.result()
    except Exception as err:  # BrokenProcessPool and the like
        return futures.get(fut, "?"), 0, f"worker failed: {type(err).__name__}: {err}"


def _run_dask(todo: list[Path], args: tuple, scheduler: Optional[str], record: Any) -> None:
    if not scheduler:
        raise InputError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--executor dask needs Dask: pip install 'narrative[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        futures = [client.submit(analyze_one, str(p), *args, pure=False) for p in todo]
        for fut in as_completed(futures):
            record(fut.result())
    finally:
        client.close()
