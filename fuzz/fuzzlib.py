"""What every fuzz target checks, and the atheris entry point they share.

A reader may refuse anything, but only by yielding ``Rejected`` with its file, a location a person
can find ("file", "line N" or "row N (line M)") and a reason; it may never raise, hang or yield a
report a store cannot hold. The targets are plain functions so tests can call them without atheris.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable

from trucewatch.ingest.records import Rejected, ReportDraft, finish

ORIGIN = "fuzz-input"
LOCATION = re.compile(r"^(file|line \d+|row \d+ \(line \d+\))$")


def check_items(items: Iterable[object], origin: str = ORIGIN) -> list[ReportDraft]:
    """Assert every item is a storable draft or a located rejection; return the drafts."""
    drafts = []
    for item in items:
        if isinstance(item, Rejected):
            assert item.origin == origin, f"rejection names {item.origin!r}, not the file"
            assert LOCATION.match(item.location), f"unclear location {item.location!r}"
            assert isinstance(item.reason, str) and item.reason.strip(), "rejection with no reason"
            assert isinstance(item.raw, bytes)
        else:
            assert isinstance(item, ReportDraft), f"reader yielded {type(item).__name__}"
            assert item.text.strip(), "a report with no text"
            item.text.encode("utf-8")  # a lone surrogate could not be stored
            assert isinstance(item.raw, bytes)
            drafts.append(item)
    return drafts


def check_finish(drafts: Iterable[ReportDraft]) -> None:
    """Identity and publication time must resolve for anything a reader accepted."""
    for draft in drafts:
        report = finish(draft)
        assert report.id and len(report.content_hash) == 64


# A known bug: an exception type, or a type and a text found in its repr or in the name of the
# function that raised it.
Known = type[BaseException] | tuple[type[BaseException], str]


def is_known(exc: BaseException, known: tuple[Known, ...]) -> bool:
    """Whether ``exc`` is one of the open, reported bugs listed in ``known``."""
    where = traceback.extract_tb(exc.__traceback__)
    # The text may match the message or the function the exception was raised in.
    haystack = repr(exc) + (f" in {where[-1].name}" if where else "")
    for entry in known:
        kind, text = entry if isinstance(entry, tuple) else (entry, "")
        if isinstance(exc, kind) and text in haystack:
            return True
    return False


def tolerating(
    one_input: Callable[[bytes], None], known: tuple[Known, ...]
) -> Callable[[bytes], None]:
    """``one_input`` with the listed exceptions (open, reported bugs) passed over.

    A long run should look for new bugs, not stop at the first known one; docs/security.md
    lists each known bug and tests/test_hostile_readers.py keeps a failing test for it.
    """

    def target(data: bytes) -> None:
        try:
            one_input(data)
        except BaseException as exc:
            if not is_known(exc, known):
                raise

    return target


def run(one_input: Callable[[bytes], None], known: tuple[Known, ...] = ()) -> None:
    """Fuzz ``one_input`` with atheris (libFuzzer flags such as ``-runs=N`` come from argv).

    With ``FUZZ_TOLERATE_KNOWN=1`` the target's known bugs do not end the run. With
    ``FUZZ_NO_INSTRUMENT=1`` coverage instrumentation (some seconds of start-up) is skipped: the
    run is then blind random testing, which is all a quick check of the entry point needs.
    """
    import atheris

    if known and os.environ.get("FUZZ_TOLERATE_KNOWN") == "1":
        one_input = tolerating(one_input, known)
    if os.environ.get("FUZZ_NO_INSTRUMENT") != "1":
        atheris.instrument_all()  # coverage feedback for trucewatch and the parsers it calls
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
