"""Ingest reads only real files inside what it is given (issue 18, items 1 and 2).

A link out of the folder must not be followed; a device or a FIFO has no size to check and must be
refused by name, promptly, instead of growing without end or waiting for a writer forever.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.test_hostile_readers import within
from trucewatch.cli import app
from trucewatch.ingest.files import read_at_most
from trucewatch.ingest.readers import read_drafts
from trucewatch.ingest.records import Rejected
from trucewatch.ingest.run import ingest
from trucewatch.scale.partitions import plan_partitions, read_partition
from trucewatch.store import open_store
from trucewatch.store.schema import reports

SECRET = "root:x:0:0:secret-marker-7f3a:/root:/bin/bash"
GOOD = "Shelling was reported in Harasta on Friday evening."


@pytest.fixture
def folder_with_links(tmp_path: Path) -> Path:
    """``d/`` holds a real report, a link to a file outside, and a link to a folder outside."""
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "passwd").write_text(SECRET)
    (outside / "inner" / "also.txt").write_text(SECRET + " (in a folder)")
    d = tmp_path / "d"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    (d / "leak.txt").symlink_to(outside / "passwd")
    (d / "tree").symlink_to(outside / "inner", target_is_directory=True)
    (d / "dangling.txt").symlink_to(outside / "gone.txt")
    return d


@contextmanager
def memory_cap(extra: int = 512 * 2**20) -> Iterator[None]:
    """Let this process map at most ``extra`` more bytes, so a reader that reads a device without
    end fails with MemoryError here instead of taking the machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (mapped + extra, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _texts(store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(reports.c.text)).scalars())


def test_links_in_a_folder_are_refused_by_name_and_not_read(store, folder_with_links):
    summary = ingest(store, [folder_with_links])
    assert _texts(store) == [GOOD]
    refused = {Path(r.origin).name: r.reason for r in summary.rejections}
    assert set(refused) == {"leak.txt", "tree", "dangling.txt"}
    assert all("symbolic link" in reason for reason in refused.values())


def test_a_link_named_on_the_command_line_is_refused_too(store, folder_with_links):
    summary = ingest(store, [folder_with_links / "leak.txt"])
    assert _texts(store) == []
    assert summary.rejections[0].origin.endswith("leak.txt")


def test_the_cli_summary_names_the_refused_link(tmp_path, folder_with_links):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder_with_links), "--db", db])
    assert result.exit_code == 0, result.output
    assert "new 1" in result.output
    assert "leak.txt" in result.output and "symbolic link" in result.output
    store = open_store(db)
    assert SECRET not in "".join(_texts(store))
    store.close()


def test_the_dask_partitions_refuse_links_as_the_single_process_read_does(folder_with_links):
    items = [
        item for part in plan_partitions([folder_with_links]) for item in read_partition(part)[0]
    ]
    assert [Path(i.origin).name for i in items if not isinstance(i, Rejected)] == ["good.txt"]
    assert all(SECRET not in getattr(i, "text", "") for i in items)
    refused = sorted(Path(i.origin).name for i in items if isinstance(i, Rejected))
    assert refused == ["dangling.txt", "leak.txt", "tree"]


@pytest.mark.parametrize("fmt", ["text", "html", "csv", "jsonl", "auto"])
def test_a_device_is_refused_by_name_without_reading_it(fmt):
    with within(5), memory_cap():
        items = list(read_drafts(["/dev/zero"], fmt))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].origin == "/dev/zero"
    assert "device" in items[0].reason and "not a regular file" in items[0].reason


@pytest.mark.parametrize("fmt", ["text", "auto"])
def test_a_fifo_is_refused_by_name_without_waiting_for_a_writer(tmp_path, fmt):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD)
    with within(5):
        named = list(read_drafts([fifo], fmt))
        walked = list(read_drafts([tmp_path], fmt))
    assert isinstance(named[0], Rejected) and "FIFO" in named[0].reason
    by_name = {Path(i.origin).name: i for i in walked}
    assert isinstance(by_name["pipe.txt"], Rejected) and "FIFO" in by_name["pipe.txt"].reason
    assert not isinstance(by_name["good.txt"], Rejected)


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, resource.RLIM_INFINITY))


@pytest.mark.slow  # spawns a process
def test_the_cli_refuses_dev_zero_and_exits(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    command = [sys.executable, "-m", "trucewatch.cli", "ingest", "/dev/zero", "--format", "text"]
    # In a child with 2 GB of address space and a time limit: before the fix it grew forever.
    result = subprocess.run(
        [*command, "--db", db], capture_output=True, text=True, timeout=120, preexec_fn=_capped
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


class _Endless(io.RawIOBase):
    """A stream that never ends (like a file still being written), counting what it gives."""

    given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"x" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_a_whole_file_read_stops_one_byte_past_the_limit():
    raw = _Endless()
    assert read_at_most(io.BufferedReader(raw, buffer_size=1), 1000) is None
    assert raw.given <= 1001
    assert read_at_most(io.BytesIO(b"y" * 1000), 1000) == b"y" * 1000
