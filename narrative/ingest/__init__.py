"""Ingestion: read plot pages, wiki-style film pages and web reviews into `Source` objects.

Every offset produced here indexes the text exactly as read by :func:`read_text_file`
(UTF-8, BOM removed, newlines untouched).
"""
from __future__ import annotations

from .bundle import FORMATS, Bundle, body_paragraphs, detect_format, parse_source, read_story
from .text import MAX_BYTES, TEXT_EXTENSIONS, line_spans, read_text_file, slugify
from .wiki import parse_credit_line

__all__ = [
    "MAX_BYTES",
    "FORMATS",
    "TEXT_EXTENSIONS",
    "Bundle",
    "read_text_file",
    "parse_source",
    "read_story",
    "body_paragraphs",
    "line_spans",
    "detect_format",
    "parse_credit_line",
    "slugify",
]
