"""Opening an input for reading: regular files only, never through a symbolic link.

A folder handed to ``ingest`` may hold what its sender put there: a link to ``/etc/passwd`` would
store the password file as a report every role can read, and a device (``/dev/zero``) or a FIFO
has no size to check, so it would grow without end or hang. The checks are made on the open file
descriptor (``O_NOFOLLOW``, then ``fstat``), not on the name first, so nothing can be swapped in
between the check and the read; ``O_NONBLOCK`` keeps the open of a FIFO from waiting for a writer.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

LINK_REFUSED = (
    "a symbolic link: not followed (ingest reads only real files; name the file it points to)"
)


class NotAFile(OSError):
    """The input is a symbolic link, a folder, a device, a FIFO or a socket: nothing to read."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_input(path: Path) -> BinaryIO:
    """``path`` opened for binary reading; NotAFile when it is a link or not a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        # ELOOP: the last part of the name is a symbolic link (O_NOFOLLOW refused it).
        if exc.errno in (errno.ELOOP, errno.EMLINK) or path.is_symlink():
            raise NotAFile(LINK_REFUSED) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{_kind(mode)}, not a regular file: ingest reads files only")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # an ordinary blocking file from here on
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_at_most(stream: BinaryIO, limit: int, chunk: int = 1 << 20) -> bytes | None:
    """The whole of ``stream`` if it holds at most ``limit`` bytes, else None, having read at
    most ``limit + 1`` bytes (a file that grows while it is read cannot take the memory)."""
    try:
        expected = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError):  # not a file descriptor: no size to go by
        expected = 0
    # One read of the size the file says it has (+1 to see whether it has grown) keeps the
    # memory at the file's size; a read of ``limit + 1`` would reserve the whole limit at once.
    parts = [stream.read(min(expected, limit) + 1)]
    total = len(parts[0])
    while parts[-1] and total <= limit:
        parts.append(stream.read(min(chunk, limit + 1 - total)))
        total += len(parts[-1])
    if total > limit:
        return None
    return parts[0] if len(parts) <= 2 and not parts[-1] else b"".join(parts)
