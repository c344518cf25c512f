"""Extraction: read a report and say what happened, where, when, who did it to whom, how many
were hurt, and who claims what — each value with the mentions it came from (issue 3).

>>> from trucewatch.extract import extract, to_json   # doctest: +SKIP
"""

from __future__ import annotations

from trucewatch.extract.output import to_json
from trucewatch.extract.pipeline import build_pipeline, extract, extract_many
from trucewatch.extract.spans import Extraction

__all__ = ["Extraction", "build_pipeline", "extract", "extract_many", "to_json"]
