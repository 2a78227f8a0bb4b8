"""`narrative.batch.run_batch`: local worker processes, resume, failures that do not stop the corpus, and the
Dask executor against a real `distributed.LocalCluster` on loopback."""
from __future__ import annotations

import importlib.util
import json
import os
import time
from pathlib import Path

import pytest

from narrative.batch import BatchSummary, run_batch
from narrative.cli import main
from narrative.errors import InputError
from narrative.export.json import read_json

PLOTS = {
    "bakery.txt": "Ana works at a bakery. Her boss scolds her.\n\n"
                  "The next day, Ana meets Tom. Tom invites Ana to dinner.\n",
    "harbour.txt": "Captain Mira sails into the harbour. Her first mate, Joss, warns her about the storm.\n\n"
                   "Mira ignores Joss. The storm wrecks the ship, and Joss saves Mira from the sea.\n",
    "exam.md": "Leo studies for the exam with his sister Nina. Nina quizzes Leo every night.\n\n"
               "On the day of the exam, Leo panics. Nina calms him down, and Leo passes.\n",
}
# A story given as a folder (one plot file inside): batch treats each sub-folder as one story.
FOLDER_STORY = ("garden", "plot.txt",
                "Old Rosa tends her garden. Her neighbour Victor poisons the roses.\n\n"
                "Rosa catches Victor. Victor apologises and helps Rosa replant the garden.\n")
IDS = ["bakery", "exam", "garden", "harbour"]

# `run_batch` runs every pipeline step; while `narrative/arc.py` has not landed each story fails with
# "No module named 'narrative.arc'", so the tests that need stories analysed wait for it.
needs_pipeline = pytest.mark.skipif(importlib.util.find_spec("narrative.arc") is None,
                                    reason="narrative.arc is not importable yet: batch runs every step")


def words_of(story) -> int:
    """How `run_batch` counts words: whitespace-separated words of the analysed sentences."""
    return sum(len(story.source(s.source).text[s.start:s.end].split()) for s in story.sentences)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in PLOTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    sub = folder / FOLDER_STORY[0]
    sub.mkdir()
    (sub / FOLDER_STORY[1]).write_text(FOLDER_STORY[2], encoding="utf-8")
    (folder / ".hidden.txt").write_text("Hidden files are not stories.", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # not a text extension: ignored
    return folder


def batch(folder: Path, out: Path, **kwargs) -> BatchSummary:
    kwargs.setdefault("jobs", 2)
    return run_batch(str(folder), str(out), engine="builtin", formats=["json"], progress=False, **kwargs)


def story_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


@needs_pipeline
def test_batch_writes_every_story_with_two_jobs(corpus, tmp_path):
    out = tmp_path / "out"
    summary = batch(corpus, out, jobs=2)
    assert summary.failures == []
    assert (summary.stories, summary.skipped) == (4, 0)
    assert summary.seconds > 0
    # exactly one validated story document per story, and nothing else (no temporary files left behind)
    assert story_files(out) == [f"{sid}.story.json" for sid in IDS]
    stories = {sid: read_json(out / f"{sid}.story.json") for sid in IDS}
    for sid, story in stories.items():
        assert story.id == sid
        assert story.generator.engine == "builtin"
        assert story.sentences and story.characters
    assert summary.words == sum(words_of(s) for s in stories.values()) > 0
    names = {c.name for c in stories["harbour"].characters}
    assert {"Mira", "Joss"} <= {n.split()[-1] for n in names}


@needs_pipeline
def test_batch_report_gives_the_counts(corpus, tmp_path):
    summary = batch(corpus, tmp_path / "out", jobs=2)
    report = summary.report()
    assert report.startswith("4 stories analysed, 0 up to date, 0 failed")
    assert f"{summary.words:,} words" in report


@needs_pipeline
def test_batch_jobs_one_and_two_write_the_same_documents(corpus, tmp_path):
    batch(corpus, tmp_path / "one", jobs=1)
    batch(corpus, tmp_path / "two", jobs=2)
    for sid in IDS:
        name = f"{sid}.story.json"
        assert (tmp_path / "one" / name).read_text("utf-8") == (tmp_path / "two" / name).read_text("utf-8")


@needs_pipeline
def test_batch_resume_skips_stories_already_done(corpus, tmp_path):
    out = tmp_path / "out"
    first = batch(corpus, out)
    assert first.stories == 4
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    again = batch(corpus, out)
    assert (again.stories, again.skipped, again.failures, again.words) == (0, 4, [], 0)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == mtimes  # nothing rewritten
    assert "0 stories analysed, 4 up to date" in again.report()

    # an edited input is analysed again, and only that one
    edited = corpus / "bakery.txt"
    edited.write_text(PLOTS["bakery.txt"] + "\nAna opens her own bakery.\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(edited, (later, later))
    third = batch(corpus, out)
    assert (third.stories, third.skipped) == (1, 3)
    assert "opens her own bakery" in read_json(out / "bakery.story.json").sources[0].text

    # force=True analyses everything again
    forced = batch(corpus, out, force=True)
    assert (forced.stories, forced.skipped) == (4, 0)


@needs_pipeline
def test_batch_failure_on_a_bad_file_does_not_stop_the_others(corpus, tmp_path):
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (corpus / "latin1.txt").write_bytes("Jos\xe9 meets Ana.".encode("latin-1"))
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    summary = batch(corpus, out, jobs=2)
    assert summary.stories == 4
    failed = {Path(path).name: message for path, message in summary.failures}
    assert sorted(failed) == ["binary.txt", "empty.txt", "latin1.txt"]
    assert [p for p, _ in summary.failures] == sorted(p for p, _ in summary.failures)  # reported in order
    for message in failed.values():
        assert "Traceback" not in message and "internal error" not in message
    assert "binary" in failed["binary.txt"]
    assert "UTF-8" in failed["latin1.txt"]
    # the good stories are all there, the bad ones left nothing behind
    assert story_files(out) == [f"{sid}.story.json" for sid in IDS]
    report = summary.report()
    assert "3 failed" in report and "failed: " in report and "latin1.txt" in report

    # failed stories are retried on the next run; the done ones are skipped
    again = batch(corpus, out, jobs=2)
    assert (again.stories, again.skipped, len(again.failures)) == (0, 4, 3)


def test_batch_empty_folder_does_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    summary = batch(tmp_path / "empty", tmp_path / "out")
    assert (summary.stories, summary.skipped, summary.words, summary.failures) == (0, 0, 0, [])


def test_batch_not_a_folder_is_an_input_error(tmp_path):
    plot = tmp_path / "plot.txt"
    plot.write_text(PLOTS["bakery.txt"], encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        batch(plot, tmp_path / "out")


def test_batch_dask_without_scheduler_is_a_clear_error(corpus, tmp_path):
    with pytest.raises(InputError, match="--scheduler"):
        batch(corpus, tmp_path / "out", executor="dask")
    assert not list(tmp_path.glob("out/*"))  # nothing written


def test_batch_cli_dask_without_scheduler_exits_2_with_one_line(corpus, tmp_path, capsys):
    code = main(["batch", str(corpus), "--out", str(tmp_path / "out"), "--engine", "builtin",
                 "--format", "json", "--executor", "dask", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("narrative: error:") and "--scheduler" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------------------------- Dask
@pytest.fixture(scope="module")
def dask_cluster():
    """A real scheduler and one single-threaded worker process, on loopback only."""
    distributed = pytest.importorskip("distributed", reason="Dask `distributed` is not installed")
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster


@needs_pipeline
def test_batch_dask_executor_runs_on_a_local_cluster(dask_cluster, corpus, tmp_path):
    address = dask_cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    (corpus / "binary.txt").write_bytes(b"\x00\x01 not text")
    out = tmp_path / "dask"
    summary = batch(corpus, out, executor="dask", scheduler=address)
    assert summary.stories == 4
    assert [Path(p).name for p, _ in summary.failures] == ["binary.txt"]
    assert story_files(out) == [f"{sid}.story.json" for sid in IDS]
    # the same documents as a local run
    local = tmp_path / "local"
    batch(corpus, local, jobs=1)
    for sid in IDS:
        name = f"{sid}.story.json"
        assert json.loads((out / name).read_text("utf-8")) == json.loads((local / name).read_text("utf-8"))
    assert summary.words == sum(words_of(read_json(out / f"{sid}.story.json")) for sid in IDS)
    # resume works the same on Dask
    again = batch(corpus, out, executor="dask", scheduler=address)
    assert (again.stories, again.skipped, len(again.failures)) == (0, 4, 1)


@needs_pipeline
def test_batch_cli_dask_executor_with_scheduler(dask_cluster, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["batch", str(corpus), "--out", str(out), "--engine", "builtin", "--format", "json",
                 "--executor", "dask", "--scheduler", dask_cluster.scheduler_address, "--quiet"])
    assert code == 0, capsys.readouterr().err
    assert "4 stories analysed" in capsys.readouterr().err
    assert story_files(out) == [f"{sid}.story.json" for sid in IDS]


@pytest.mark.slow
def test_batch_dask_unreachable_scheduler_is_a_clear_error(corpus, tmp_path):
    pytest.importorskip("distributed", reason="Dask `distributed` is not installed")
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        batch(corpus, tmp_path / "out", executor="dask", scheduler=f"tcp://127.0.0.1:{port}")


def test_batch_two_files_of_one_story_name_do_not_overwrite(tmp_path):
    from narrative.batch import run_batch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plot = "Ana meets Tom. Tom smiles at Ana.\n"
    (corpus / "x.md").write_text(plot)
    (corpus / "x.txt").write_text(plot)
    (corpus / "故事.txt").write_text(plot)
    (corpus / "история.txt").write_text(plot)
    summary = run_batch(str(corpus), str(tmp_path / "out"), jobs=1, engine="builtin", formats=["json"],
                        progress=False)
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 3 and summary.stories == 3
    assert len(summary.failures) == 1 and "overwrite" in summary.failures[0][1]
