"""Engine selection by name: "builtin", "stanza" or "auto".

Nothing here imports stanza or torch: availability is judged from the installed package
metadata and the model files on disk (`narrative.nlp.models.status`).
"""
from __future__ import annotations

from typing import Any

from narrative.errors import EngineUnavailable
from narrative.nlp import models
from narrative.nlp.base import Engine

__all__ = ["ENGINE_NAMES", "get_engine", "stanza_available"]

ENGINE_NAMES: tuple[str, ...] = ("auto", "builtin", "stanza")
_STANZA_OPTIONS = frozenset({"lang", "dir", "use_gpu", "processors"})


def stanza_available(lang: str = "en", dir: Any = None) -> bool:
    """True when stanza is installed and its `lang` models are on disk."""
    return models.models_ready(lang, dir)


def _stanza(opts: dict[str, Any]) -> Engine:
    lang = opts.get("lang", "en")
    info = models.status(lang, opts.get("dir"))
    if info["stanza"] == "not installed":
        raise EngineUnavailable(
            'the stanza engine needs the stanza package: pip install -e ".[stanza]", then '
            + models.DOWNLOAD_COMMAND.format(lang=lang))
    if not info["ready"]:
        what = ", ".join(info["missing"]) if info["resources_json"] else "all models"
        raise EngineUnavailable(
            f"stanza models for '{lang}' are not in {info['resources_dir']} (missing: {what}); "
            f"run: {models.DOWNLOAD_COMMAND.format(lang=lang)}")
    from narrative.nlp.stanza_engine import StanzaEngine
    return StanzaEngine(**{k: v for k, v in opts.items() if k in _STANZA_OPTIONS})


def _builtin(opts: dict[str, Any]) -> Engine:
    from narrative.nlp.builtin import BuiltinEngine
    return BuiltinEngine(**{k: v for k, v in opts.items() if k not in _STANZA_OPTIONS})


def get_engine(name: str = "auto", **opts: Any) -> Engine:
    """The engine called `name`.

    "builtin": the pure-Python offline engine. "stanza": the neural engine, or
    EngineUnavailable saying how to get it. "auto": stanza when it is installed and its
    models are on disk, else builtin. Options lang, dir, use_gpu, processors go to stanza;
    any others go to the builtin engine.
    """
    key = (name or "auto").strip().lower()
    if key == "builtin":
        return _builtin(opts)
    if key == "stanza":
        return _stanza(opts)
    if key == "auto":
        if stanza_available(opts.get("lang", "en"), opts.get("dir")):
            return _stanza(opts)
        return _builtin(opts)
    raise EngineUnavailable(f"unknown engine '{name}': choose one of {', '.join(ENGINE_NAMES)}")
