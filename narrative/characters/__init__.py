"""Character detection and linking: names, roles, pronouns, relations, the protagonist."""
from __future__ import annotations

from .linker import link_characters

__all__ = ["link_characters"]
