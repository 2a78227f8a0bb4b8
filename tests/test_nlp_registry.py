"""Engine selection and model status: judged from files on disk, never importing stanza."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from narrative.errors import EngineUnavailable
from narrative.nlp import models
from narrative.nlp.registry import ENGINE_NAMES, get_engine, stanza_available

REPO = Path(__file__).resolve().parents[1]
DOWNLOAD = "narrative models download --lang en"


def fake_resources(root: Path, processors=models.REQUIRED_PROCESSORS, *, deps: bool = True) -> Path:
    """A resources folder laid out like stanza.download leaves it (empty model files)."""
    default = {p: "combined" for p in models.REQUIRED_PROCESSORS}
    default["ner"] = ["ontonotes-ww-multi_charlm"]
    default["optional"] = {"coref": "udcoref_xlm-roberta-lora"}
    ner_deps = [{"model": "forward_charlm", "package": "1billion"}] if deps else []
    resources = {"en": {"lang_name": "English", "packages": {"default": default},
                        "ner": {"ontonotes-ww-multi_charlm": {"dependencies": ner_deps}}}}
    root.mkdir(parents=True, exist_ok=True)
    (root / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    for proc in processors:
        package = "ontonotes-ww-multi_charlm" if proc == "ner" else "combined"
        (root / "en" / proc).mkdir(parents=True, exist_ok=True)
        (root / "en" / proc / f"{package}.pt").write_bytes(b"")
    if deps:
        (root / "en" / "forward_charlm").mkdir(parents=True, exist_ok=True)
        (root / "en" / "forward_charlm" / "1billion.pt").write_bytes(b"")
    return root


@pytest.fixture
def stanza_installed(monkeypatch):
    monkeypatch.setattr(models, "stanza_version", lambda: "1.15.0")


@pytest.fixture
def stanza_missing(monkeypatch):
    monkeypatch.setattr(models, "stanza_version", lambda: None)


@pytest.fixture
def empty_resources(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    return tmp_path / "none"


def test_registry_builtin_engine():
    engine = get_engine("builtin")
    assert engine.name == "builtin"
    ann = engine.annotate("Mara trains Tom. She scolds him.")
    assert len(ann.sentences) == 2


def test_registry_stanza_without_models_names_download_command(empty_resources, stanza_installed):
    with pytest.raises(EngineUnavailable) as err:
        get_engine("stanza")
    message = str(err.value)
    assert DOWNLOAD in message and "\n" not in message
    assert str(empty_resources) in message


def test_registry_stanza_not_installed_names_extra_and_download(empty_resources, stanza_missing):
    with pytest.raises(EngineUnavailable, match=r'pip install -e "\.\[stanza\]"') as err:
        get_engine("stanza")
    assert DOWNLOAD in str(err.value)


def test_registry_stanza_partial_models_lists_missing(tmp_path, stanza_installed):
    root = fake_resources(tmp_path / "r", processors=("tokenize", "mwt", "pos"))
    with pytest.raises(EngineUnavailable, match="missing: lemma, depparse, ner") as err:
        get_engine("stanza", dir=root)
    assert DOWNLOAD in str(err.value)


def test_registry_auto_falls_back_to_builtin(empty_resources, stanza_installed):
    assert get_engine("auto").name == "builtin"
    assert get_engine().name == "builtin"
    assert not stanza_available()


def test_registry_auto_falls_back_without_stanza_package(tmp_path, stanza_missing):
    assert get_engine("auto", dir=fake_resources(tmp_path / "r")).name == "builtin"


def test_registry_auto_picks_stanza_when_models_on_disk(tmp_path, stanza_installed):
    root = fake_resources(tmp_path / "r")
    engine = get_engine("auto", dir=root, use_gpu=False)
    assert engine.name == "stanza"
    assert engine.dir == str(root) and engine.lang == "en"
    assert get_engine("stanza", dir=root).name == "stanza"


def test_registry_unknown_engine():
    with pytest.raises(EngineUnavailable, match="auto, builtin, stanza"):
        get_engine("spacy")
    assert ENGINE_NAMES == ("auto", "builtin", "stanza")


def test_models_status_reports_processors(tmp_path, stanza_installed):
    root = fake_resources(tmp_path / "r")
    info = models.status("en", root)
    assert info["ready"] and info["resources_json"] and info["missing"] == []
    assert info["resources_dir"] == str(root)
    assert info["stanza"] == "1.15.0"
    assert info["processors"] == {**{p: True for p in models.REQUIRED_PROCESSORS}, "coref": False}
    assert "ready" in models.format_status(info)


def test_models_status_needs_dependencies(tmp_path, stanza_installed):
    root = fake_resources(tmp_path / "r")
    (root / "en" / "forward_charlm" / "1billion.pt").unlink()
    info = models.status("en", root)
    assert info["missing"] == ["ner"] and not info["ready"]


def test_models_status_without_resources_json(tmp_path, stanza_installed):
    root = fake_resources(tmp_path / "r")
    (root / "resources.json").unlink()
    info = models.status("en", root)
    assert not info["resources_json"] and not info["ready"]
    assert all(info["processors"][p] for p in models.REQUIRED_PROCESSORS)  # files still seen
    text = models.format_status(info)
    assert "resources.json: missing" in text and DOWNLOAD in text


def test_models_format_status_without_stanza(tmp_path, stanza_missing):
    info = models.status("en", tmp_path)
    assert info["stanza"] == "not installed" and not info["ready"]
    assert 'pip install -e ".[stanza]"' in models.format_status(info)


def test_models_resources_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    assert models.resources_dir(tmp_path / "x") == tmp_path / "x"
    default = models.resources_dir()
    assert default.name == "resources" and "stanza" in str(default).lower()
    fake_resources(tmp_path / "stanza_resources")  # older stanza's default, when in use
    assert models.resources_dir() == tmp_path / "stanza_resources"
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "env"))
    assert models.resources_dir() == tmp_path / "env"


def test_models_download_without_stanza(tmp_path, stanza_missing):
    with pytest.raises(EngineUnavailable, match="stanza is not installed"):
        models.download("en", tmp_path)


def test_registry_builtin_path_never_imports_stanza_or_torch(tmp_path):
    code = (
        "import sys, narrative\n"
        "from narrative.nlp.registry import get_engine\n"
        "from narrative.nlp import models\n"
        "ann = get_engine('builtin').annotate('Mara trains Tom. She scolds him.')\n"
        "assert ann.sentences\n"
        "get_engine('auto'); models.format_status(models.status())\n"
        "import narrative.nlp.stanza_engine\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('stanza', 'torch'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                            "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0, result.stderr
