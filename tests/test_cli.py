"""The `narrative` command: analyze, batch, validate, render, and bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from narrative.cli import main

PLOT = "Ana works at a bakery. Her boss scolds her.\n\nThe next day, Ana meets Tom. Tom invites Ana to dinner.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "narrative", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_cli_analyze_writes_a_valid_story(tmp_path):
    plot = tmp_path / "bakery.txt"
    plot.write_text(PLOT, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(plot), "--out", str(out), "--engine", "builtin", "--format", "json"]) == 0
    doc = json.loads((out / "bakery.story.json").read_text("utf-8"))
    assert doc["generator"]["engine"] == "builtin"
    assert doc["protagonist"] == "ana"
    assert main(["validate", str(out / "bakery.story.json")]) == 0


def test_cli_help_imports_nothing_heavy():
    code = ("import sys, contextlib, io\n"
            "from narrative.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main(['--help'])\n"
            "    except SystemExit: pass\n"
            "heavy = [m for m in ('networkx', 'jsonschema', 'stanza', 'torch', 'graphviz', 'vaderSentiment')\n"
            "         if m in sys.modules]\n"
            "print(heavy)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.stdout.strip() == "[]", res.stdout + res.stderr


@pytest.mark.parametrize("command", ["analyze", "batch", "validate", "render", "models"])
def test_cli_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as err:
        main([command, "--help"])
    assert err.value.code == 0
    assert "usage: narrative " + command in capsys.readouterr().out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Ana rencontre Zoé à la gare.".encode("latin-1"))
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    return {"empty": empty, "blank": blank, "binary": binary, "latin1": latin1, "no text": folder, "50 MB": huge,
            "missing": tmp_path / "no-such-file.txt"}


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "latin1", "no text", "50 MB", "missing"])
def test_cli_bad_input_one_line_exit_2_no_output(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    res = run("analyze", str(path), "--out", str(out), "--engine", "builtin")
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("narrative: error:"), res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_cli_unwritable_out_is_one_line_exit_2(tmp_path):
    plot = tmp_path / "p.txt"
    plot.write_text(PLOT)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = run("analyze", str(plot), "--out", str(blocker / "sub"), "--engine", "builtin", "--format", "json")
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_cli_validate_reports_paths_of_errors(tmp_path, capsys):
    bad = tmp_path / "bad.story.json"
    bad.write_text('{"id": "x"}')
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "invalid" in err and "$" in err
    notjson = tmp_path / "broken.json"
    notjson.write_text("{not json")
    assert main(["validate", str(notjson)]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_cli_batch_goes_on_past_bad_files_and_fails_at_the_end(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PLOT)
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    out = tmp_path / "out"
    res = run("batch", str(corpus), "--out", str(out), "--engine", "builtin", "--format", "json", "--jobs", "1")
    assert res.returncode == 1
    assert (out / "good.story.json").exists()
    assert "1 failed" in res.stderr and "bad.txt" in res.stderr


def test_cli_batch_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(PLOT)
    out = tmp_path / "out"
    assert run("batch", str(corpus), "--out", str(out), "--engine", "builtin", "--format", "json").returncode == 0
    res = run("batch", str(corpus), "--out", str(out), "--engine", "builtin", "--format", "json")
    assert res.returncode == 0 and "1 up to date" in res.stderr


def test_cli_render_rerenders_a_corrected_story(tmp_path):
    plot = tmp_path / "bakery.txt"
    plot.write_text(PLOT)
    out = tmp_path / "out"
    assert main(["analyze", str(plot), "--out", str(out), "--engine", "builtin", "--format", "json"]) == 0
    path = out / "bakery.story.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["events"][0]["title"] = "A teacher's title"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    assert main(["render", str(path), "--format", "json,dot"]) == 0
    assert "A teacher's title" in path.read_text("utf-8")
    doc["events"][0]["start"] = -5
    path.write_text(json.dumps(doc))
    assert main(["render", str(path)]) == 2


def test_cli_committed_seed_outputs_are_what_the_run_command_produces(seeds_dir):
    """outputs/aloners/ must be regenerated (scripts/run_seeds.sh) whenever the analysis changes."""
    from narrative.export.dot import DIAGRAMS, to_dot
    from narrative.export.json import to_json
    from narrative.pipeline import analyze

    out = seeds_dir.parents[1] / "outputs" / "aloners"
    story = analyze(seeds_dir, engine="builtin")
    assert (out / "aloners.story.json").read_text("utf-8") == to_json(story)
    for name in DIAGRAMS:
        assert (out / f"aloners.{name}.dot").read_text("utf-8") == to_dot(story, name)


def test_cli_outputs_do_not_depend_on_hash_seed(tmp_path, seeds_dir):
    """Every text output is byte-identical across interpreter runs (set order varies with the seed)."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run([sys.executable, "-m", "narrative", "analyze", str(seeds_dir), "--out", str(out),
                              "--engine", "builtin", "--format", "json,dot,gexf,graphml,nodelink,html,svg,png,pdf"],
                             capture_output=True, text=True, env=env, timeout=300)
        assert res.returncode == 0, res.stderr
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0].keys() == outs[1].keys()
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], name


def test_cli_models_without_action_reports_status(capsys):
    assert main(["models"]) == 0
    assert "stanza" in capsys.readouterr().out


def test_cli_negative_jobs_is_a_usage_error(tmp_path):
    res = run("batch", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "-1")
    assert res.returncode == 2 and "whole number" in res.stderr
