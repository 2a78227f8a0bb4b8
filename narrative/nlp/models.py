"""Stanza model management: where the models live, which are on disk, downloading them.

Everything here except `download` works from the files on disk alone: it never
imports stanza or torch, so checking for models is cheap and safe on the builtin path.

Layout of a stanza resources folder (what stanza.download writes)::

    <dir>/resources.json                      the catalogue of packages
    <dir>/<lang>/<processor>/<package>.pt     one model file per processor
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
from pathlib import Path
from typing import Any, Optional

from narrative.errors import EngineUnavailable

__all__ = [
    "REQUIRED_PROCESSORS",
    "OPTIONAL_PROCESSORS",
    "DOWNLOAD_COMMAND",
    "stanza_version",
    "resources_dir",
    "status",
    "models_ready",
    "coref_ready",
    "format_status",
    "download",
]

#: processors the stanza engine needs, in pipeline order
REQUIRED_PROCESSORS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: processors used when present (coref also needs the `transformers` and `peft` packages)
OPTIONAL_PROCESSORS: tuple[str, ...] = ("coref",)
DOWNLOAD_COMMAND = "narrative models download --lang {lang}"


def stanza_version() -> Optional[str]:
    """The installed stanza version, or None; read from package metadata, not by importing."""
    if importlib.util.find_spec("stanza") is None:
        return None
    try:
        return importlib.metadata.version("stanza")
    except importlib.metadata.PackageNotFoundError:  # importable but not pip-installed
        return "unknown"


def _stanza_default_dir() -> Path:
    """The folder stanza >= 1.10 downloads to by default (a platformdirs cache folder)."""
    version = stanza_version() or "unknown"
    try:
        from platformdirs import user_cache_dir  # a stanza dependency; light
        base = Path(user_cache_dir("stanza", "StanfordNLP", version))
    except ImportError:
        base = Path.home() / ".cache" / "stanza" / version
    return base / "resources"


def resources_dir(dir: str | os.PathLike[str] | None = None) -> Path:
    """The stanza resources folder to use.

    In order: `dir` when given; $STANZA_RESOURCES_DIR; ~/stanza_resources when it holds a
    resources.json (older stanza's default); otherwise the default of the installed stanza.
    """
    if dir is not None:
        return Path(dir).expanduser()
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    legacy = Path.home() / "stanza_resources"
    if (legacy / "resources.json").is_file():
        return legacy
    return _stanza_default_dir()


def _load_resources(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _expected_files(resources: dict[str, Any], lang: str, processor: str) -> list[tuple[str, str]]:
    """(processor, package) model files the default package of `lang` needs for `processor`."""
    lang_res = resources.get(lang)
    if not isinstance(lang_res, dict):
        return []
    default = lang_res.get("packages", {}).get("default", {})
    packages = default.get(processor) or default.get("optional", {}).get(processor)
    if not packages:
        return []
    out: list[tuple[str, str]] = []
    for package in [packages] if isinstance(packages, str) else list(packages):
        out.append((processor, package))
        spec = lang_res.get(processor, {}).get(package, {})
        for dep in spec.get("dependencies", []) if isinstance(spec, dict) else []:
            if isinstance(dep, dict) and "model" in dep and "package" in dep:
                out.append((dep["model"], dep["package"]))
    return out


def _processor_present(root: Path, resources: dict[str, Any], lang: str, processor: str) -> bool:
    folder = root / lang / processor
    expected = _expected_files(resources, lang, processor)
    if expected:
        return all((root / lang / proc / f"{pkg}.pt").is_file() for proc, pkg in expected)
    return folder.is_dir() and any(folder.glob("*.pt"))


def status(lang: str = "en", dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What the stanza engine would find here, without importing stanza.

    Keys: lang, resources_dir, resources_json (bool), stanza (version or "not installed"),
    processors ({name: bool} for required and optional processors), missing (required ones
    not on disk), coref_packages (bool: transformers and peft importable), ready (bool).
    """
    root = resources_dir(dir)
    resources = _load_resources(root)
    procs = {p: _processor_present(root, resources, lang, p)
             for p in REQUIRED_PROCESSORS + OPTIONAL_PROCESSORS}
    missing = [p for p in REQUIRED_PROCESSORS if not procs[p]]
    has_json = (root / "resources.json").is_file()
    version = stanza_version()
    return {
        "lang": lang,
        "resources_dir": str(root),
        "resources_json": has_json,
        "stanza": version or "not installed",
        "processors": procs,
        "missing": missing,
        "coref_packages": all(importlib.util.find_spec(m) is not None
                              for m in ("transformers", "peft")),
        "ready": version is not None and has_json and not missing,
    }


def models_ready(lang: str = "en", dir: str | os.PathLike[str] | None = None) -> bool:
    """True when stanza is installed and every required model of `lang` is on disk."""
    return bool(status(lang, dir)["ready"])


def coref_ready(info: dict[str, Any]) -> bool:
    """True when a `status()` result allows adding the coref processor."""
    return bool(info["processors"].get("coref")) and bool(info["coref_packages"])


def format_status(info: dict[str, Any]) -> str:
    """A few human-readable lines describing a `status()` result."""
    lines = [
        f"stanza: {info['stanza']}",
        f"resources dir: {info['resources_dir']}",
        f"resources.json: {'present' if info['resources_json'] else 'missing'}",
    ]
    for name, present in info["processors"].items():
        note = "" if name in REQUIRED_PROCESSORS else " (optional)"
        lines.append(f"  {name:<9} {'on disk' if present else 'missing'}{note}")
    if info["processors"].get("coref") and not info["coref_packages"]:
        lines.append("  coref model present but `transformers`/`peft` are not installed: coref off")
    if info["ready"]:
        lines.append(f"ready: the stanza engine can run for '{info['lang']}'")
    elif info["stanza"] == "not installed":
        lines.append('not ready: install the extra with  pip install -e ".[stanza]"')
    else:
        lines.append("not ready: run  " + DOWNLOAD_COMMAND.format(lang=info["lang"]))
    return "\n".join(lines)


def download(lang: str = "en", dir: str | os.PathLike[str] | None = None,
             coref: bool = False) -> dict[str, Any]:
    """Download the stanza models the engine needs for `lang` (plus coref if asked).

    Returns the new `status()`. Raises EngineUnavailable when stanza is missing or the
    download fails (for instance without network access).
    """
    if stanza_version() is None:
        raise EngineUnavailable('stanza is not installed: pip install -e ".[stanza]" '
                                "(on CPU-only machines install torch first)")
    import stanza  # deliberately lazy: slow, pulls in torch

    root = resources_dir(dir)
    processors = ",".join(REQUIRED_PROCESSORS + (("coref",) if coref else ()))
    try:
        stanza.download(lang, model_dir=str(root), processors=processors,
                        logging_level="WARN")
    except Exception as exc:  # network errors, HTTP errors, unknown language...
        if any(k.__name__ in ("ConnectionError", "Timeout") for k in type(exc).__mro__):
            reason = "the stanza model hub cannot be reached (the download needs network access)"
        else:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            reason = reason if len(reason) <= 160 else reason[:157] + "..."
        raise EngineUnavailable(
            f"could not download stanza models for '{lang}' into {root}: {reason}") from exc
    return status(lang, root)
