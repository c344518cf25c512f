"""CSV archives and JSON Lines: one report per row, each row's bytes and repairs kept.

Both readers stream: a file is read line by line, decoded per line (so a cp1252 byte in row 512 is
repaired and recorded for row 512 only), and a bad row is rejected with its row or line number while
the rest of the file goes on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from trucewatch.ingest.decode import BinaryInput, decode_bytes
from trucewatch.ingest.records import Rejected, ReportDraft

MAX_CELL_CHARS = 10_000_000  # one report's text; anything longer is not a news report
MAX_COLUMNS = 1_000
MAX_LINE_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which columns hold which report fields; other named columns are kept as annotations."""

    name: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    id: str | None = None
    language: str | None = None
    annotations: tuple[str, ...] = ()
    required: frozenset[str] = field(default_factory=frozenset)

    def matches(self, header: list[str]) -> bool:
        return self.required <= set(header)


# FA-KES (Abu Salem et al., ICWSM 2019): `date` and `location` are crowd annotations of the main
# event, not the publication, so they are kept as annotations and never used as `published`.
FAKES = ColumnMapping(
    name="fakes",
    text="article_content",
    title="article_title",
    source="source",
    id="unit_id",
    annotations=("date", "location", "labels", "unit_id"),
    required=frozenset(
        {"unit_id", "article_title", "article_content", "source", "date", "location"}
    ),
)

_TEXT_NAMES = ("text", "content", "body", "article_content", "article", "message")
_FIELD_NAMES = {
    "title": ("title", "headline", "article_title"),
    "source": ("source", "outlet", "sender", "publisher"),
    "published": ("published", "published_at", "publication_date", "pubdate", "date"),
    "url": ("url", "link"),
    "id": ("id", "external_id", "unit_id"),
    "language": ("language", "lang"),
}

BUILTIN_MAPPINGS: dict[str, ColumnMapping] = {"fakes": FAKES}


def guess_mapping(header: list[str]) -> ColumnMapping | None:
    """A built-in mapping the header fits, else one from common column names, else None."""
    for mapping in BUILTIN_MAPPINGS.values():
        if mapping.matches(header):
            return mapping
    lowered = {h.strip().lower(): h for h in header}
    text = next((lowered[n] for n in _TEXT_NAMES if n in lowered), None)
    if text is None:
        return None
    found = {
        key: next((lowered[n] for n in names if n in lowered), None)
        for key, names in _FIELD_NAMES.items()
    }
    return ColumnMapping(name="guessed", text=text, **found)


class _Lines:
    """Decoded lines of a binary stream that remember their bytes, number and repairs."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.number = 0
        self.raw: list[bytes] = []
        self.repairs: list[str] = []

    def take(self) -> tuple[bytes, list[str]]:
        """The bytes and repairs of the lines consumed since the last call."""
        raw, repairs = b"".join(self.raw), self.repairs
        self.raw, self.repairs = [], []
        return raw, repairs

    def __iter__(self) -> Iterator[str]:
        for line in _bounded_lines(self._stream):
            self.number += 1
            if isinstance(line, int):
                raise _LineTooLong(self.number, line)
            self.raw.append(line)
            try:
                decoded = decode_bytes(line)
            except BinaryInput as exc:
                raise _BinaryLine(self.number, str(exc)) from exc
            self.repairs.extend(decoded.repairs)
            yield decoded.text


class _LineTooLong(Exception):
    def __init__(self, number: int, size: int) -> None:
        super().__init__(f"line {number} is {size:,} bytes, over the {MAX_LINE_BYTES:,} limit")
        self.number = number


class _BinaryLine(Exception):
    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"line {number}: {reason}")
        self.number = number


def read_csv(
    stream: BinaryIO, origin: str, mapping: ColumnMapping | None = None
) -> Iterator[ReportDraft | Rejected]:
    """Read a CSV archive; ``row`` is the 0-based data row, locations name the file line too."""
    csv.field_size_limit(MAX_CELL_CHARS)
    lines = _Lines(stream)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(origin, "file", "empty CSV file (no header row)")
        return
    except (csv.Error, _LineTooLong, _BinaryLine) as exc:
        yield Rejected(origin, "line 1", f"unreadable CSV header: {exc}", lines.take()[0])
        return
    lines.take()
    if len(header) > MAX_COLUMNS:
        yield Rejected(origin, "line 1", f"{len(header):,} columns, over the {MAX_COLUMNS} limit")
        return
    mapping = mapping or guess_mapping(header)
    if mapping is None or mapping.text not in header:
        yield Rejected(
            origin,
            "line 1",
            f"no text column in header {header[:12]}; give a column mapping",
            lines.take()[0],
        )
        return
    index = {name: i for i, name in enumerate(header)}
    row = -1
    while True:
        start_line = lines.number + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            where = f"row {row} (line {start_line})"
            if "field larger than field limit" in str(exc):
                # Inside an oversized quoted cell the parser has lost its place: every line that
                # follows would be misread, so the file stops here with one clear rejection.
                reason = f"malformed CSV: {exc}; the rest of the file is not read"
                yield Rejected(origin, where, reason, lines.take()[0])
                return
            yield Rejected(origin, where, f"malformed CSV: {exc}", lines.take()[0])
            continue
        except (_LineTooLong, _BinaryLine) as exc:
            row += 1
            yield Rejected(origin, f"row {row} (line {exc.number})", str(exc), lines.take()[0])
            return  # the reader's state is unknown after a refused line
        row += 1
        raw, repairs = lines.take()
        if not any(cell.strip() for cell in cells):
            continue  # blank line between records
        if len(cells) != len(header):
            yield Rejected(
                origin,
                f"row {row} (line {start_line})",
                f"{len(cells)} cells where the header has {len(header)}",
                raw,
            )
            continue
        values = {name: cells[i] for name, i in index.items()}
        if not values[mapping.text].strip():
            yield Rejected(origin, f"row {row} (line {start_line})", "empty text cell", raw)
            continue
        yield _draft_from_record(values, mapping, origin, row, raw, repairs)


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[ReportDraft | Rejected]:
    """Read JSON Lines: one object with a text field per line; ``row`` is the line index."""
    for number, line in enumerate(_limited_lines(stream), start=1):
        if isinstance(line, Rejected):
            yield Rejected(origin, f"line {number}", line.reason, line.raw)
            continue
        if not line.strip():
            continue
        try:
            decoded = decode_bytes(line)
            record = json.loads(decoded.text)
        except (BinaryInput, ValueError) as exc:
            yield Rejected(origin, f"line {number}", f"not a JSON object: {exc}", line)
            continue
        except RecursionError:
            yield Rejected(origin, f"line {number}", "not a JSON object: nested too deeply", line)
            continue
        if not isinstance(record, dict):
            yield Rejected(origin, f"line {number}", "not a JSON object", line)
            continue
        mapping = guess_mapping(list(record))
        values = {k: _as_text(v) for k, v in record.items()}
        if mapping is None or not values.get(mapping.text, "").strip():
            yield Rejected(
                origin, f"line {number}", "no report text (keys: text/content/body)", line
            )
            continue
        yield _draft_from_record(values, mapping, origin, number - 1, line, list(decoded.repairs))


def _bounded_lines(stream: BinaryIO) -> Iterator[bytes | int]:
    """The stream's lines; a line over MAX_LINE_BYTES is skipped unread and yields its size.

    Lines are read a megabyte at a time, so memory stays flat: a 200 MB line is never held whole.
    """
    chunk_size = 1 << 20
    while chunk := stream.readline(chunk_size):
        parts, size = [chunk], len(chunk)
        while not chunk.endswith(b"\n") and size <= MAX_LINE_BYTES:
            chunk = stream.readline(chunk_size)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        if size <= MAX_LINE_BYTES:
            yield parts[0] if len(parts) == 1 else b"".join(parts)
            continue
        parts.clear()
        while not chunk.endswith(b"\n") and (chunk := stream.readline(chunk_size)):
            size += len(chunk)
        yield size


def _limited_lines(stream: BinaryIO) -> Iterable[bytes | Rejected]:
    for line in _bounded_lines(stream):
        if isinstance(line, int):
            yield Rejected("", "", f"line is {line:,} bytes, over the {MAX_LINE_BYTES:,} limit")
        else:
            yield line


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _draft_from_record(
    values: dict[str, str],
    mapping: ColumnMapping,
    origin: str,
    row: int,
    raw: bytes,
    repairs: list[str],
) -> ReportDraft:
    def get(column: str | None) -> str | None:
        if column is None:
            return None
        value = values.get(column, "").strip()
        return value or None

    text = values.get(mapping.text, "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return ReportDraft(
        text=text,
        source=get(mapping.source),
        title=get(mapping.title),
        url=get(mapping.url),
        published=get(mapping.published),
        language=get(mapping.language),
        origin=origin,
        row=row,
        external_id=get(mapping.id),
        annotations={c: values.get(c, "") for c in mapping.annotations},
        repairs=repairs,
        raw=raw,
    )
