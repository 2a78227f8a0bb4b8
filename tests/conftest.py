"""Shared fixtures: small hand-built plots and the Aloners seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "aloners"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def aloners_story():
    """The seeds analysed once with the builtin engine (all steps)."""
    from narrative.pipeline import analyze

    return analyze(SEEDS, engine="builtin")
