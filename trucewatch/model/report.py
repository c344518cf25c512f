"""Reports, their sources and the spans of text that support extracted values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class PublishedBasis(StrEnum):
    """How a report's publication time became known."""

    METADATA = "metadata"  # given by the input itself (HTML meta, a CSV/JSONL column, the user)
    URL = "url"  # a date path in the report's URL, e.g. /2016/06/21/
    DATELINE = "dateline"  # a date at the start of the text
    INFERRED = "inferred"  # not stated: a range deduced from the text, with a reason
    UNKNOWN = "unknown"  # nothing to go on


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet or sender of reports (a news site, a ministry, a hotline party)."""

    name: str
    kind: str = "outlet"


@dataclass(frozen=True, slots=True)
class Published:
    """A publication time: exact when known, otherwise a range with the reason it was inferred."""

    basis: PublishedBasis
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    reason: str | None = None

    @property
    def known(self) -> bool:
        return self.date is not None

    @classmethod
    def unknown(cls, reason: str = "no date in metadata, URL or text") -> Published:
        return cls(basis=PublishedBasis.UNKNOWN, reason=reason)


@dataclass(frozen=True, slots=True)
class Report:
    """One ingested document, its text as stored and the bytes exactly as received."""

    source: Source
    text: str
    title: str | None = None
    url: str | None = None
    published: Published = field(default_factory=Published.unknown)
    language: str = "en"
    origin: str | None = None  # file the report was read from
    row: int | None = None  # 0-based data row for tabular inputs, line for JSONL
    external_id: str | None = None  # id the input gave it (e.g. FA-KES unit_id)
    annotations: dict[str, str] = field(default_factory=dict)  # e.g. crowd labels kept verbatim
    repairs: tuple[str, ...] = ()  # what decoding had to fix
    raw: bytes = b""
    content_hash: str = ""
    id: str = ""  # stable identity derived from content_hash and source


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a report's stored text, [start, end), that supports an extracted value."""

    field: str
    start: int
    end: int
    text: str
    report_id: str | None = None
