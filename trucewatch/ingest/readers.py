"""The reader registry: which reader handles which input, and walking files and folders."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from trucewatch.ingest.html import read_html
from trucewatch.ingest.records import Rejected, ReportDraft
from trucewatch.ingest.tabular import ColumnMapping, read_csv, read_jsonl
from trucewatch.ingest.text import read_text

MAX_DOCUMENT_BYTES = 50_000_000  # one text or HTML report; archives are streamed instead

Drafts = Iterator[ReportDraft | Rejected]


def _whole_file(
    reader: Callable[[bytes, str], Drafts],
) -> Callable[[Path, ColumnMapping | None], Drafts]:
    def read(path: Path, _mapping: ColumnMapping | None) -> Drafts:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            yield Rejected(
                str(path),
                "file",
                f"{size:,} bytes, over the {MAX_DOCUMENT_BYTES:,} limit for one report",
            )
            return
        yield from reader(path.read_bytes(), str(path))

    return read


def _csv(path: Path, mapping: ColumnMapping | None) -> Drafts:
    with path.open("rb") as stream:
        yield from read_csv(stream, str(path), mapping)


def _jsonl(path: Path, _mapping: ColumnMapping | None) -> Drafts:
    with path.open("rb") as stream:
        yield from read_jsonl(stream, str(path))


READERS: dict[str, Callable[[Path, ColumnMapping | None], Drafts]] = {
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
    """The reader for a file, by suffix, then by a look at its first bytes."""
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    with path.open("rb") as stream:
        head = stream.read(2048).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text" if head else None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files inside folders named (sorted; hidden files and READMEs skipped)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith(".") for part in relative.parts)
                if child.is_file() and not hidden and child.stem.upper() != "README":
                    yield child
        else:
            yield path


def read_drafts(
    paths: Iterable[str | Path], fmt: str = "auto", mapping: ColumnMapping | None = None
) -> Drafts:
    """Every draft report and rejection in ``paths``, in a stable order."""
    for path in iter_files(paths):
        if not path.exists():
            yield Rejected(str(path), "file", "no such file or folder")
            continue
        kind = detect_format(path) if fmt == "auto" else fmt
        if kind is None:
            yield Rejected(str(path), "file", "empty file")
            continue
        try:
            yield from READERS[kind](path, mapping)
        except OSError as exc:
            yield Rejected(str(path), "file", f"could not be read: {exc.strerror or exc}")
