#!/usr/bin/env python3
"""Benchmark the `narrative` pipeline (builtin engine): per-stage timings, throughput, memory, start-up.

What it measures, all in one run on this machine:

* per-stage timings on the Aloners seeds (ingest, annotate, link, segment, interactions, arc, structure,
  JSON export, rendering), each pipeline step timed on its own (`step.run(ctx)`), median of 5 runs (1 with ``--quick``);
* words per second over the Wikipedia plots of ``../shared/eval/character_types/summaries.csv`` in one
  process (= per core), text to JSON without rendering, and the same texts through a bare regex
  tokenisation pass (``re.findall(r"\\w+|[^\\w\\s]", text)``), the practical floor for pure Python; the ratio
  of the two is the "× floor" figure;
* peak RSS for one story in a fresh interpreter (VmHWM on Linux, ``ru_maxrss`` elsewhere: on Linux
  ``ru_maxrss`` survives fork+exec and would report the parent's peak), and RSS after every 100 plots of
  the corpus run (also a fresh interpreter) to show whether memory stays flat;
* ``narrative --help`` wall time (median of 5 runs in subprocesses);
* growth: one plot's paragraphs concatenated 1×, 4× and 16×, seconds and µs per word; and 16, 64 and 256
  distinct corpus plots concatenated into one text (the cast grows with the text, which the repeated
  plot does not show: a cost quadratic in the number of characters appears only there).

Analysis stages are timed on the process CPU clock (``--clock wall`` for wall time), so the figures are
per core even when other work shares the machine.

Steps whose module is not importable yet (``narrative.arc``, ``narrative.structure``) are left out and the
report says so; steps that need them are left out too.

Usage::

    python scripts/bench.py              # full run (about a minute), human-readable report
    python scripts/bench.py --quick      # smoke run (a few seconds)
    python scripts/bench.py --markdown   # the tables for docs/benchmark.md / the README
    python scripts/bench.py --json       # machine-readable results
    python scripts/bench.py --markdown --save results.json   # both from one run

Only the standard library and the package itself are used.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds" / "aloners"
PLOTS = ROOT.parent / "shared" / "eval" / "character_types" / "summaries.csv"
TOKEN = re.compile(r"\w+|[^\w\s]")
ENGINE = "builtin"

# Analysis stages are timed on the process CPU clock by default: the figures are per core and stay
# comparable when other work shares the machine. `--clock wall` uses wall time instead. Rendering (which
# runs `dot` in child processes), start-up and the whole-run totals are always wall time.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
CLOCK_NAME = "cpu"


def clock() -> float:
    return CLOCKS[CLOCK_NAME]()

# Targets from the issue (builtin engine, analysis to JSON without rendering).
TARGET_WPS = 100_000        # words/s per core over the corpus
TARGET_RATIO = 30.0         # analysis time / bare tokenisation time
TARGET_RSS_MB = 200.0       # peak RSS for one story
TARGET_HELP_S = 0.3         # `narrative --help`

STAGE_LABELS = {
    "ingest": "ingest",
    "annotate": "annotate",
    "characters": "link (characters)",
    "events": "segment (events)",
    "interactions": "interactions",
    "arcs": "arc",
    "structure": "structure",
    "json": "JSON export",
    "render": "rendering (svg+png+pdf)",
}


# --------------------------------------------------------------------------------------------- helpers
def _rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return _peak_mb()


def _peak_mb() -> float:
    """Peak RSS of this process in MB.

    On Linux this is VmHWM from /proc/self/status: ``ru_maxrss`` survives fork+exec, so in a subprocess
    started by a bigger parent it reports the parent's peak, not the child's. Elsewhere ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB on Linux


def _words(text: str) -> int:
    return len(text.split())


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    dot = shutil.which("dot")
    dot_version = None
    if dot:
        try:
            dot_version = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=10).stderr.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    from narrative import __version__

    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable, "memory_gb": mem,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "os": f"{platform.system()} {platform.release()}", "narrative": __version__, "dot": dot_version}


def load_plots(path: Path, limit: Optional[int]) -> list[str]:
    csv.field_size_limit(2**31 - 1)
    with open(path, newline="", encoding="utf-8") as fh:
        texts = [row["summary"] for row in csv.DictReader(fh) if (row.get("summary") or "").strip()]
    return texts[:limit] if limit else texts


# --------------------------------------------------------------------------------------------- pipeline
def plan_steps() -> tuple[list, dict[str, str]]:
    """The steps of `narrative.pipeline.STEPS` that can run here, and why the others cannot.

    A step is out when running it raises ImportError (its module has not landed yet); any step whose
    requirements are then unmet is out too. The probe runs on a two-sentence story.
    """
    from narrative.ingest import Bundle, parse_source
    from narrative.pipeline import STEPS, Context
    from narrative.model import Generator, Story
    from narrative.nlp.registry import get_engine

    eng = get_engine(ENGINE)
    src = parse_source("Anna meets Ben at the station. Ben helps Anna carry her bags.", name="probe")
    bundle = Bundle(id=src.id, title="probe", sources=(src,))
    ctx = Context(story=Story(id=bundle.id, title=bundle.title, generator=Generator("narrative", "0", eng.name),
                              sources=tuple(bundle.sources)), engine=eng, layers={"sources"})
    ok, skipped = [], {}
    for step in STEPS:
        lacking = sorted(step.requires - ctx.layers)
        if lacking:
            skipped[step.name] = "needs " + ", ".join(lacking)
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ctx = step.run(ctx)
        except ImportError as err:
            skipped[step.name] = f"not importable ({err})"
            continue
        except Exception:  # a bug on the probe text: keep the step, the corpus run will count failures
            pass
        ctx.layers |= step.provides
        ok.append(step)
    return ok, skipped


def new_context(bundle: Any, engine: Any) -> Any:
    from narrative import __version__
    from narrative.model import Generator, Story
    from narrative.pipeline import Context

    story = Story(id=bundle.id, title=bundle.title, generator=Generator("narrative", __version__, engine.name),
                  sources=tuple(bundle.sources))
    return Context(story=story, engine=engine, layers={"sources"})


def run_steps(bundle: Any, engine: Any, steps: list, times: dict[str, float]) -> Any:
    """Run `steps` one by one on `bundle`, adding each step's wall time to `times`; the story."""
    ctx = new_context(bundle, engine)
    for step in steps:
        t = clock()
        ctx = step.run(ctx)
        times[step.name] = times.get(step.name, 0.0) + clock() - t
        ctx.layers |= step.provides
    return ctx.story


def plain_bundle(text: str, name: str) -> Any:
    from narrative.ingest import Bundle, parse_source

    src = parse_source(text, name=name)
    return Bundle(id=src.id, title=src.title or name, sources=(src,))


def analysed_text(story: Any) -> str:
    """The text the pipeline annotated: the primary source's body (or all of it)."""
    src = story.sources[0]
    if src.body is not None:
        return src.text[src.body[0]:src.body[1]]
    return src.text


# --------------------------------------------------------------------------------------------- workers
def worker_one() -> dict[str, Any]:
    """Fresh interpreter: peak RSS after importing the package and after one story to JSON."""
    t = time.perf_counter()
    import narrative.pipeline  # noqa: F401
    from narrative.export.json import to_json
    from narrative.ingest import read_story
    from narrative.nlp.registry import get_engine

    import_s = time.perf_counter() - t
    after_import = _peak_mb()
    steps, _ = plan_steps()
    engine = get_engine(ENGINE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        story = run_steps(read_story(SEEDS), engine, steps, {})
        to_json(story)
    return {"import_s": import_s, "peak_after_import_mb": after_import, "peak_after_story_mb": _peak_mb(),
            "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def worker_corpus(path: Path, limit: Optional[int]) -> dict[str, Any]:
    """Fresh interpreter: every plot text → JSON, stage by stage; the tokenisation floor; RSS samples."""
    from narrative.export.json import to_json
    from narrative.nlp.registry import get_engine

    texts = load_plots(path, limit)
    steps, skipped = plan_steps()
    engine = get_engine(ENGINE)
    times: dict[str, float] = {"ingest": 0.0}
    times.update({s.name: 0.0 for s in steps})
    times["json"] = 0.0
    per_plot: list[tuple[float, int]] = []
    failures: list[str] = []
    rss = [_rss_sample(0)]
    words = 0
    warnings.simplefilter("ignore")
    wall, cpu = time.perf_counter(), time.process_time()
    for i, text in enumerate(texts, 1):
        n = _words(text)
        t0 = clock()
        try:
            bundle = plain_bundle(text, f"plot{i}")
            t1 = clock()
            times["ingest"] += t1 - t0
            story = run_steps(bundle, engine, steps, times)
            t2 = clock()
            to_json(story)
            times["json"] += clock() - t2
            words += n
            per_plot.append((clock() - t0, n))
        except Exception as err:  # count and go on: one bad plot must not stop the benchmark
            failures.append(f"plot {i}: {type(err).__name__}: {str(err)[:200]}")
        if i % 100 == 0 or i == len(texts):
            rss.append(_rss_sample(i))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # The floor: the same texts through a bare regex tokenisation pass, best of 3 (same process, same run).
    floor = []
    ok_texts = texts if not failures else [t for i, t in enumerate(texts, 1)
                                           if not any(f.startswith(f"plot {i}:") for f in failures)]
    for _ in range(3):
        t = clock()
        tokens = 0
        for text in ok_texts:
            tokens += len(TOKEN.findall(text))
        floor.append(clock() - t)
    secs = sorted(s for s, _ in per_plot)
    return {"plots": len(texts), "analysed": len(per_plot), "words": words, "tokens": tokens, "wall_s": wall, "cpu_s": cpu,
            "stage_s": times, "floor_s": min(floor), "failures": failures, "skipped_steps": skipped,
            "rss": rss, "peak_mb": _peak_mb(),
            "plot_s_median": statistics.median(secs) if secs else None, "plot_s_max": secs[-1] if secs else None,
            "largest_plot_words": max((n for _, n in per_plot), default=0)}


def _rss_sample(plots: int) -> dict[str, Any]:
    sample = {"plots": plots, "rss_mb": round(_rss_mb(), 1), "peak_mb": round(_peak_mb(), 1)}
    # The builtin tagger memoises (word, first, previous tag) in a bounded lru_cache; its size explains
    # most of the RSS growth over a corpus, so it is reported next to the RSS when it is there.
    try:
        from narrative.nlp import builtin

        info = builtin._tag.cache_info()
        sample["tag_cache"] = info.currsize
        sample["tag_cache_max"] = info.maxsize
    except (ImportError, AttributeError):
        pass
    return sample


def _spawn(args: list[str], timeout: float = 900) -> dict[str, Any]:
    args = [*args, "--clock", CLOCK_NAME]
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=str(ROOT))
    if proc.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------- parts
def bench_aloners(steps: list, repeat: int, render: bool) -> dict[str, Any]:
    from narrative.export import write_all
    from narrative.export.json import to_json
    from narrative.export.render import dot_available
    from narrative.ingest import read_story
    from narrative.nlp.registry import get_engine

    engine = get_engine(ENGINE)
    samples: dict[str, list[float]] = {}
    story = None
    to_json(run_steps(read_story(SEEDS), engine, steps, {}))  # warm-up: lazy imports, schema compilation
    for _ in range(repeat):
        t = clock()
        bundle = read_story(SEEDS)
        samples.setdefault("ingest", []).append(clock() - t)
        times: dict[str, float] = {}
        story = run_steps(bundle, engine, steps, times)
        for k, v in times.items():
            samples.setdefault(k, []).append(v)
        t = clock()
        to_json(story)
        samples.setdefault("json", []).append(clock() - t)
    stage = {k: statistics.median(v) for k, v in samples.items()}
    json_parts = _json_parts(story, repeat)
    text = analysed_text(story)
    floor = min(_time(lambda: TOKEN.findall(text)) for _ in range(20))
    render_s, render_note = None, None
    if render:
        if dot_available():
            with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = time.perf_counter()
                written = write_all(story, tmp, ["svg", "png", "pdf"])
                render_s = time.perf_counter() - t
                render_note = f"{len(written)} files"
        else:
            render_note = "dot not installed"
    words = _words(text)
    analysis = sum(stage.values())
    return {"words": words, "sentences": len(story.sentences), "characters": len(story.characters),
            "events": len(story.events), "interactions": len(story.interactions), "stage_s": stage,
            "analysis_s": analysis, "words_per_s": words / analysis, "floor_s": floor, "ratio": analysis / floor,
            "render_s": render_s, "render_note": render_note, "repeat": repeat, "json_parts_s": json_parts}


def _json_parts(story: Any, repeat: int) -> dict[str, float]:
    """What `to_json` spends its time on: building the dict, validating it, dumping it (medians)."""
    try:
        from narrative.export.json import dumps
        from narrative.schema import validate
        from narrative.serialize import to_dict
    except ImportError:
        return {}
    parts: dict[str, list[float]] = {"to_dict": [], "validate": [], "dumps": []}
    for _ in range(repeat):
        t0 = clock()
        doc = to_dict(story)
        t1 = clock()
        validate(doc, where="bench")
        t2 = clock()
        dumps(doc)
        t3 = clock()
        parts["to_dict"].append(t1 - t0)
        parts["validate"].append(t2 - t1)
        parts["dumps"].append(t3 - t2)
    return {k: statistics.median(v) for k, v in parts.items()}


def _time(fn) -> float:
    t = clock()
    fn()
    return clock() - t


def bench_growth(steps: list, factors: tuple[int, ...], repeat: int,
                 plots: Optional[list[str]] = None) -> list[dict[str, Any]]:
    """The Aloners plot's paragraphs concatenated k times (or, given `plots`, the first k plots
    concatenated), as plain text, through the pipeline to JSON."""
    from narrative.export.json import to_json
    from narrative.ingest import body_paragraphs, read_story
    from narrative.nlp.registry import get_engine

    engine = get_engine(ENGINE)
    src = read_story(SEEDS).sources[0]
    base = "\n\n".join(src.text[a:b] for a, b in body_paragraphs(src))
    rows = []
    for k in factors:
        text = "\n\n".join(plots[:k] if plots is not None else [base] * k)
        best = None
        for _ in range(repeat):
            gc.collect()
            t = clock()
            story = run_steps(plain_bundle(text, f"growth{k}"), engine, steps, {})
            to_json(story)
            s = clock() - t
            best = s if best is None else min(best, s)
        n = _words(text)
        rows.append({"factor": k, "words": n, "seconds": best, "us_per_word": best / n * 1e6})
    for row in rows:
        row["relative"] = row["us_per_word"] / rows[0]["us_per_word"]
    return rows


def bench_help(runs: int) -> dict[str, Any]:
    exe = shutil.which("narrative")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "narrative", "--help"]

    def timed(c: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
        return time.perf_counter() - t

    timed(cmd)  # warm the file cache once
    help_runs = [timed(cmd) for _ in range(runs)]
    bare = [timed([sys.executable, "-c", "pass"]) for _ in range(runs)]
    return {"command": " ".join(["narrative" if exe else "python -m narrative", "--help"]),
            "median_s": statistics.median(help_runs), "max_s": max(help_runs), "runs": runs,
            "python_startup_s": statistics.median(bare)}


# --------------------------------------------------------------------------------------------- report
def run(quick: bool, plots_path: Path, limit: Optional[int]) -> dict[str, Any]:
    started = time.perf_counter()
    res: dict[str, Any] = {"machine": machine(), "quick": quick, "clock": CLOCK_NAME,
                           "command": "python scripts/bench.py" + (" --quick" if quick else "")
                           + ("" if CLOCK_NAME == "cpu" else f" --clock {CLOCK_NAME}"),
                           "load_before": _load()}
    steps, skipped = plan_steps()
    res["steps"] = [s.name for s in steps]
    res["skipped_steps"] = skipped
    res["aloners"] = bench_aloners(steps, repeat=1 if quick else 5, render=True)
    res["one_story"] = _spawn(["--worker", "one"])
    if plots_path.exists():
        n = limit if limit else (60 if quick else None)
        res["corpus"] = _spawn(["--worker", "corpus", "--plots", str(plots_path)] + (["--limit", str(n)] if n else []))
        c = res["corpus"]
        c["analysis_s"] = sum(c["stage_s"].values())
        c["words_per_s"] = c["words"] / c["analysis_s"] if c["analysis_s"] else None
        c["ratio"] = c["analysis_s"] / c["floor_s"] if c["floor_s"] else None
        c["floor_words_per_s"] = c["words"] / c["floor_s"] if c["floor_s"] else None
        c["source"] = str(plots_path)
    else:
        res["corpus"] = None
        res["corpus_note"] = f"{plots_path} not found"
    res["growth"] = bench_growth(steps, (1, 4, 16), repeat=1 if quick else 2)
    if plots_path.exists():
        with open(plots_path, newline="", encoding="utf-8") as fh:
            plots = [row["summary"] for row in csv.DictReader(fh) if (row.get("summary") or "").strip()]
        res["growth_distinct"] = bench_growth(steps, (4, 16) if quick else (16, 64, 256), repeat=1, plots=plots)
    res["help"] = bench_help(3 if quick else 5)
    res["bench_s"] = time.perf_counter() - started
    res["load_after"] = _load()
    return res


def _load() -> Optional[list[float]]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _ms(s: Optional[float]) -> str:
    return "—" if s is None else f"{s * 1000:,.1f}"


def _status(ok: Optional[bool]) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def _fmt_load(load: Optional[list[float]]) -> str:
    return "?" if not load else " ".join(f"{x:.1f}" for x in load)


def markdown(res: dict[str, Any]) -> str:
    m, a, c, h = res["machine"], res["aloners"], res.get("corpus"), res["help"]
    one = res["one_story"]
    out = [f"Machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), "
           f"{m['memory_gb']} GB RAM, {m['os']}, {m['python']}, narrative {m['narrative']}"
           + (f", {m['dot']}" if m.get("dot") else "") + ".",
           f"Command: `{res['command']}` (engine `{ENGINE}`; run took {res['bench_s']:.0f} s; "
           f"load average before/after {_fmt_load(res.get('load_before'))} / {_fmt_load(res.get('load_after'))}).",
           "Analysis stages are timed on the " + ("process CPU clock (`time.process_time`), so the figures are "
                                                   "per core even on a shared machine"
                                                   if res["clock"] == "cpu" else "wall clock")
           + "; rendering and start-up are wall time.", ""]
    if res["skipped_steps"]:
        out.append("Steps not measured: " + "; ".join(f"`{k}` — {v}" for k, v in res["skipped_steps"].items())
                   + ". Every figure below is for the steps " + ", ".join(f"`{s}`" for s in res["steps"]) + ".")
        out.append("")
    # Targets
    out += ["| Measure | Result | Target | Status |", "|---|---:|---:|---|"]
    if c:
        out.append(f"| Words/s per core, {c['analysed']} plots, text → JSON | {c['words_per_s']:,.0f} | "
                   f"≥ {TARGET_WPS:,} | {_status(c['words_per_s'] >= TARGET_WPS)} |")
        out.append(f"| Words/s, same run on the wall clock (elapsed {c['wall_s']:.0f} s) | "
                   f"{c['words'] / c['wall_s']:,.0f} | — | — |")
        out.append(f"| Analysis time ÷ bare tokenisation time ({c['analysed']} plots) | {c['ratio']:,.0f}× | "
                   f"≤ {TARGET_RATIO:.0f}× | {_status(c['ratio'] <= TARGET_RATIO)} |")
    out.append(f"| Words/s per core, Aloners plot ({a['words']:,} words) | {a['words_per_s']:,.0f} | — | — |")
    out.append(f"| Analysis ÷ tokenisation, Aloners plot | {a['ratio']:,.0f}× | ≤ {TARGET_RATIO:.0f}× | "
               f"{_status(a['ratio'] <= TARGET_RATIO)} |")
    out.append(f"| Peak RSS, one story (fresh process) | {one['peak_after_story_mb']:.0f} MB "
               f"(import alone: {one['peak_after_import_mb']:.0f} MB) | ≤ {TARGET_RSS_MB:.0f} MB | "
               f"{_status(one['peak_after_story_mb'] <= TARGET_RSS_MB)} |")
    if c:
        rss = c["rss"]
        first = next((r for r in rss if r["plots"] > 0), rss[0])
        growth = rss[-1]["rss_mb"] - first["rss_mb"]
        out.append(f"| RSS over the batch (after plot {first['plots']} → after plot {rss[-1]['plots']}) | "
                   f"{first['rss_mb']:.0f} → {rss[-1]['rss_mb']:.0f} MB (peak {c['peak_mb']:.0f} MB) | flat | "
                   f"{_status(growth <= 0.1 * first['rss_mb'] + 5)} |")
    out.append(f"| `{h['command']}` (median of {h['runs']}) | {h['median_s']:.3f} s "
               f"(bare `python -c pass`: {h['python_startup_s']:.3f} s) | ≤ {TARGET_HELP_S} s | "
               f"{_status(h['median_s'] <= TARGET_HELP_S)} |")
    g = res["growth"]
    worst = max(r["relative"] for r in g)
    out.append(f"| Growth 1× → {g[-1]['factor']}× input, time per word | {worst:.2f}× of 1× at worst | "
               f"linear (≈ 1×) | {_status(worst <= 1.5)} |")
    gd = res.get("growth_distinct")
    if gd:
        worst = max(r["relative"] for r in gd)
        out.append(f"| Growth {gd[0]['factor']} → {gd[-1]['factor']} distinct plots in one text, time per word | "
                   f"{worst:.2f}× of {gd[0]['factor']} plots at worst | linear (≈ 1×) | {_status(worst <= 1.5)} |")
    out.append("")
    # Stages
    head = "| Stage | Aloners plot (ms, median of %d) |" % a["repeat"]
    sep = "|---|---:|"
    if c:
        head += f" {c['analysed']} plots (s) | share |"
        sep += "---:|---:|"
    out += [head, sep]
    order = ["ingest"] + res["steps"] + ["json"]
    for name in order:
        row = f"| {STAGE_LABELS.get(name, name)} | {_ms(a['stage_s'].get(name))} |"
        if c:
            s = c["stage_s"].get(name, 0.0)
            row += f" {s:,.2f} | {s / c['analysis_s'] * 100:.1f} % |"
        out.append(row)
        if name == "json":
            for part, secs in a.get("json_parts_s", {}).items():
                out.append(f"| &nbsp;&nbsp;↳ {part} | {_ms(secs)} |" + (" | |" if c else ""))
    row = f"| **text → JSON** | **{_ms(a['analysis_s'])}** |"
    if c:
        row += f" **{c['analysis_s']:,.2f}** | 100 % |"
    out.append(row)
    row = f"| bare tokenisation floor | {_ms(a['floor_s'])} |"
    if c:
        row += f" {c['floor_s']:,.3f} | — |"
    out.append(row)
    rs = "—" if a["render_s"] is None else f"{a['render_s'] * 1000:,.0f} ({a['render_note']})"
    if a["render_s"] is None and a["render_note"]:
        rs = a["render_note"]
    out.append(f"| {STAGE_LABELS['render']} | {rs} |" + (" — | — |" if c else ""))
    out.append("")
    out.append(f"Aloners plot: {a['words']:,} words, {a['sentences']} sentences, {a['characters']} characters, "
               f"{a['events']} events, {a['interactions']} interactions.")
    if c:
        out.append(f"Corpus: {c['analysed']} of {c['plots']} plots analysed, {c['words']:,} words "
                   f"(largest {c['largest_plot_words']:,}); per plot median {c['plot_s_median'] * 1000:,.0f} ms, "
                   f"max {c['plot_s_max'] * 1000:,.0f} ms; tokenisation floor "
                   f"{c['floor_words_per_s']:,.0f} words/s; {len(c['failures'])} failures.")
        out.append("RSS after every 100 plots (MB): "
                   + ", ".join(f"{r['plots']}: {r['rss_mb']:.0f}" for r in c["rss"]) + ".")
        last = c["rss"][-1]
        if "tag_cache" in last:
            out.append(f"Entries in the builtin tagger's lru_cache (`narrative.nlp.builtin._tag`, bounded at "
                       f"{last['tag_cache_max']:,}): " + ", ".join(f"{r['plots']}: {r['tag_cache']:,}"
                                                            for r in c["rss"]) + ".")
    elif res.get("corpus_note"):
        out.append(f"Corpus not measured: {res['corpus_note']}.")
    out.append("")
    out += ["| Input | Words | Seconds | µs per word | vs 1× |", "|---|---:|---:|---:|---:|"]
    for r in g:
        out.append(f"| {r['factor']}× Aloners plot | {r['words']:,} | {r['seconds']:.3f} | "
                   f"{r['us_per_word']:.1f} | {r['relative']:.2f} |")
    if gd:
        out.append("")
        out += [f"| Input | Words | Seconds | µs per word | vs {gd[0]['factor']} plots |", "|---|---:|---:|---:|---:|"]
        for r in gd:
            out.append(f"| {r['factor']} distinct plots, one text | {r['words']:,} | {r['seconds']:.3f} | "
                       f"{r['us_per_word']:.1f} | {r['relative']:.2f} |")
    return "\n".join(out) + "\n"


def text_report(res: dict[str, Any]) -> str:
    lines = ["narrative benchmark" + (" (quick)" if res["quick"] else ""), ""]
    m = res["machine"]
    for k in ("cpu", "cores", "usable_cores", "memory_gb", "os", "python", "narrative", "dot"):
        lines.append(f"  {k:13s} {m.get(k)}")
    lines.append("")
    lines.append(markdown(res))
    c = res.get("corpus")
    if c and c["failures"]:
        lines.append("Failures:")
        lines += [f"  {f}" for f in c["failures"][:20]]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fast smoke run (60 plots, one repeat)")
    ap.add_argument("--markdown", action="store_true", help="print the markdown tables only")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--plots", type=Path, default=PLOTS, help="CSV of plots (column `summary`)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N plots")
    ap.add_argument("--save", type=Path, help="also write the results as JSON to this file")
    ap.add_argument("--clock", choices=tuple(CLOCKS), default="cpu",
                    help="clock for the analysis stages: process CPU time (default) or wall time")
    ap.add_argument("--worker", choices=("one", "corpus"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    global CLOCK_NAME
    CLOCK_NAME = args.clock
    if args.worker == "one":
        print(json.dumps(worker_one()))
        return 0
    if args.worker == "corpus":
        print(json.dumps(worker_corpus(args.plots, args.limit)))
        return 0
    res = run(args.quick, args.plots, args.limit)
    if args.save:
        args.save.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(res, indent=2))
    elif args.markdown:
        print(markdown(res), end="")
    else:
        print(text_report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
