"""Cutting ingest inputs into partitions a worker can read alone, and reading one.

A partition is either a group of whole files (text, HTML, small archives), or one slice of a big
CSV or JSON Lines archive that starts and ends on a record boundary. The driver finds boundaries
by streaming the file once (cheap: no decoding, no report building); workers do the real reading.
A slice is read with the same readers as a whole file and its row and line numbers shifted back
to the file's, so what comes out is exactly what a single-process read yields.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from trucewatch.ingest.files import open_input
from trucewatch.ingest.readers import detect_format, iter_files, read_drafts
from trucewatch.ingest.records import Rejected, ReportDraft
from trucewatch.ingest.tabular import (
    MAX_CELL_CHARS,
    MAX_LINE_BYTES,
    ColumnMapping,
    read_csv,
    read_jsonl,
)

CHUNK_BYTES = 8_000_000  # a slice of an archive: big enough to amortise, small enough to spread
FILES_PER_PARTITION = 64  # small files travel together


@dataclass(frozen=True, slots=True)
class FileGroup:
    """Whole files, read in order."""

    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Slice:
    """Bytes ``start``..``end`` of a CSV or JSONL archive, on record boundaries.

    ``header`` is the CSV header record's bytes (empty for JSONL); ``first_row`` and
    ``first_line`` are the file's row index and 1-based line number where the slice begins.
    """

    path: str
    kind: str
    start: int
    end: int
    header: bytes
    first_row: int
    first_line: int
    last: bool


Partition = FileGroup | Slice


def plan_partitions(
    paths: Iterable[str | Path],
    fmt: str = "auto",
    *,
    chunk_bytes: int = CHUNK_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Iterator[Partition]:
    """Partitions covering ``paths`` in the order a single-process read visits them (lazily)."""
    group: list[str] = []
    for path in iter_files(paths):
        kind = _splittable_kind(path, fmt, chunk_bytes)
        if kind is None:
            group.append(str(path))
            if len(group) >= files_per_partition:
                yield FileGroup(tuple(group))
                group = []
            continue
        if group:
            yield FileGroup(tuple(group))
            group = []
        yield from _slices(path, kind, chunk_bytes)
    if group:
        yield FileGroup(tuple(group))


def _splittable_kind(path: Path, fmt: str, chunk_bytes: int) -> str | None:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size <= chunk_bytes:
            return None
        kind = detect_format(path) if fmt == "auto" else fmt
    except OSError:
        return None  # the worker's read reports it exactly as a single-process read would
    return kind if kind in ("csv", "jsonl") else None


class _Records:
    """Byte lengths of a CSV's records, found by the csv module itself (quoted newlines too)."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.consumed = 0  # bytes handed to the csv reader so far
        self.line = 0
        self.too_long = False

    def lines(self) -> Iterator[str]:
        for raw in self._stream:
            if len(raw) > MAX_LINE_BYTES:
                self.too_long = True
                return
            self.consumed += len(raw)
            self.line += 1
            # latin-1 maps every byte to one character: quotes, commas and newlines are where
            # the real decoder puts them, and no byte can fail to decode.
            yield raw.decode("latin-1")


def _slices(path: Path, kind: str, chunk_bytes: int) -> Iterator[Slice]:
    with open_input(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if kind == "jsonl":
            yield from _jsonl_slices(stream, str(path), size, chunk_bytes)
        else:
            yield from _csv_slices(stream, str(path), size, chunk_bytes)


def _jsonl_slices(stream, path: str, size: int, chunk_bytes: int) -> Iterator[Slice]:
    start, offset, first_line = 0, 0, 1
    for line, raw in enumerate(stream, start=1):
        offset += len(raw)
        if offset - start >= chunk_bytes and offset < size:
            yield Slice(path, "jsonl", start, offset, b"", first_line - 1, first_line, False)
            start, first_line = offset, line + 1
    yield Slice(path, "jsonl", start, size, b"", first_line - 1, first_line, True)


def _csv_slices(stream, path: str, size: int, chunk_bytes: int) -> Iterator[Slice]:
    csv.field_size_limit(MAX_CELL_CHARS)
    records = _Records(stream)
    reader = csv.reader(records.lines())
    try:
        next(reader)
    except (StopIteration, csv.Error):
        yield Slice(path, "csv", 0, size, b"", 0, 1, True)  # header trouble: one whole read
        return
    stream.seek(0)
    header = stream.read(records.consumed)
    stream.seek(records.consumed)
    start, row, first_row, first_line = records.consumed, 0, 0, records.line + 1
    while True:
        try:
            next(reader)
        except (StopIteration, csv.Error):
            break  # the rest (an odd record included) goes to the last slice, read as one
        row += 1
        offset = records.consumed
        if offset - start >= chunk_bytes and offset < size:
            yield Slice(path, "csv", start, offset, header, first_row, first_line, False)
            start, first_row, first_line = offset, row, records.line + 1
    yield Slice(path, "csv", start, size, header, first_row, first_line, True)


class _SliceStream:
    """A binary stream over a slice (after the header, for CSV), noting whether the end was
    reached. Readers call ``readline(limit)``, as on a file, so long lines stay bounded."""

    def __init__(self, part: Slice) -> None:
        self._part = part
        self._header = io.BytesIO(part.header or b"")
        self._file: BinaryIO | None = None
        self._position = part.start
        self.exhausted = False

    def readline(self, limit: int = -1) -> bytes:
        line = self._header.readline(limit)
        if line:
            return line
        if self._file is None:
            self._file = open_input(Path(self._part.path))  # closed at the slice's end
            self._file.seek(self._part.start)
        left = self._part.end - self._position
        line = self._file.readline(left if limit < 0 else min(limit, left)) if left > 0 else b""
        self._position += len(line)
        if not line:
            self._file.close()
            self.exhausted = True
        return line

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


_CSV_PLACE = re.compile(r"^row (\d+) \(line (\d+)\)$")
_LINE_PLACE = re.compile(r"^line (\d+)$")


def read_partition(
    part: Partition, fmt: str = "auto", mapping: ColumnMapping | None = None
) -> tuple[list[ReportDraft | Rejected], bool]:
    """Drafts and rejections of one partition, numbered as in the whole file.

    The flag is True when the reader stopped before the slice's end (a line it refuses ends
    the read of a file): the driver then skips the file's later slices, as a single read would.
    """
    if isinstance(part, FileGroup):
        return list(read_drafts(part.paths, fmt, mapping, walk=False)), False
    stream = _SliceStream(part)
    header_lines = part.header.count(b"\n") if part.header else 0
    line_shift = part.first_line - 1 - header_lines
    items: list[ReportDraft | Rejected] = []
    if part.kind == "csv":
        for item in read_csv(stream, part.path, mapping):  # type: ignore[arg-type]
            items.append(_shift_csv(item, part.first_row, line_shift))
    else:
        for item in read_jsonl(stream, part.path):  # type: ignore[arg-type]
            items.append(_shift_jsonl(item, line_shift))
    return items, not stream.exhausted


def _shift_csv(item: ReportDraft | Rejected, rows: int, lines: int) -> ReportDraft | Rejected:
    if isinstance(item, ReportDraft):
        if item.row is not None:
            item.row += rows
        return item
    match = _CSV_PLACE.match(item.location)
    if match is None:
        return item  # header-level: the same in every slice
    location = f"row {int(match[1]) + rows} (line {int(match[2]) + lines})"
    return dataclasses.replace(item, location=location)


def _shift_jsonl(item: ReportDraft | Rejected, lines: int) -> ReportDraft | Rejected:
    if isinstance(item, ReportDraft):
        if item.row is not None:
            item.row += lines
        return item
    match = _LINE_PLACE.match(item.location)
    if match is None:
        return item
    return dataclasses.replace(item, location=f"line {int(match[1]) + lines}")
