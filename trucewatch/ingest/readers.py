"""The reader registry: which reader handles which input, and walking files and folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from trucewatch.ingest.files import NotAFile, open_input, read_at_most
from trucewatch.ingest.html import read_html
from trucewatch.ingest.records import Rejected, ReportDraft
from trucewatch.ingest.tabular import ColumnMapping, read_csv, read_jsonl
from trucewatch.ingest.text import read_text

MAX_DOCUMENT_BYTES = 50_000_000  # one text or HTML report; archives are streamed instead

Drafts = Iterator[ReportDraft | Rejected]


def _whole_file(
    reader: Callable[[bytes, str], Drafts],
) -> Callable[[BinaryIO, str, ColumnMapping | None], Drafts]:
    def read(stream: BinaryIO, origin: str, _mapping: ColumnMapping | None) -> Drafts:
        too_big = f"over the {MAX_DOCUMENT_BYTES:,} byte limit for one report"
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_DOCUMENT_BYTES:  # refused before a byte is read
            yield Rejected(origin, "file", f"{size:,} bytes, {too_big}")
            return
        data = read_at_most(stream, MAX_DOCUMENT_BYTES)  # it may have grown since
        if data is None:
            yield Rejected(origin, "file", f"grew while being read, {too_big}")
            return
        yield from reader(data, origin)

    return read


def _csv(stream: BinaryIO, origin: str, mapping: ColumnMapping | None) -> Drafts:
    yield from read_csv(stream, origin, mapping)


def _jsonl(stream: BinaryIO, origin: str, _mapping: ColumnMapping | None) -> Drafts:
    yield from read_jsonl(stream, origin)


READERS: dict[str, Callable[[BinaryIO, str, ColumnMapping | None], Drafts]] = {
    "text": _whole_file(read_text),
    "html": _whole_file(read_html),
    "csv": _csv,
    "jsonl": _jsonl,
}
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
FORMATS = ("auto", *READERS)


def detect_format(path: Path) -> str | None:
    """The reader for a file, by suffix, then by a look at its first bytes (NotAFile for a link,
    device, FIFO or folder)."""
    with open_input(path) as stream:
        return _format_of(path, stream)


def _format_of(path: Path, stream: BinaryIO) -> str | None:
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    head = stream.read(2048)
    stream.seek(0)
    head = head.lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text" if head else None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and entries inside folders named (sorted; hidden ones and READMEs skipped).

    A folder named is read wherever it is; inside it, a symbolic link is yielded as it is, not
    followed (to a folder or a file alike), so the reader refuses it by name and nothing outside
    the folder is read. Devices, FIFOs and sockets inside are yielded too, to be refused by name.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    found: list[Path] = []

    def unreadable(error: OSError) -> None:  # reported by the reader ("could not be read")
        found.append(Path(error.filename))

    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(folder)
        # os.walk lists a link to a folder among the folders, but does not enter it.
        links = [name for name in subfolders if (here / name).is_symlink()]
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in [*names, *links]:
            child = here / name
            relative = child.relative_to(root)
            hidden = any(part.startswith(".") for part in relative.parts)
            if not hidden and child.stem.upper() != "README":
                found.append(child)
    yield from sorted(found)


def read_drafts(
    paths: Iterable[str | Path],
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    *,
    walk: bool = True,
) -> Drafts:
    """Every draft report and rejection in ``paths``, in a stable order.

    ``walk=False`` reads each path as one file (folders, and links to them, are refused): for
    lists ``iter_files`` already made, so a link it found is not walked into later.
    """
    for path in iter_files(paths) if walk else map(Path, paths):
        origin = str(path)
        if not os.path.lexists(path):
            yield Rejected(origin, "file", "no such file or folder")
            continue
        try:
            stream = open_input(path)
        except NotAFile as exc:
            yield Rejected(origin, "file", str(exc))
            continue
        except OSError as exc:
            yield Rejected(origin, "file", f"could not be read: {exc.strerror or exc}")
            continue
        with stream:
            try:
                kind = _format_of(path, stream) if fmt == "auto" else fmt
                if kind is None:
                    yield Rejected(origin, "file", "empty file")
                    continue
                yield from READERS[kind](stream, origin, mapping)
            except OSError as exc:
                yield Rejected(origin, "file", f"could not be read: {exc.strerror or exc}")
