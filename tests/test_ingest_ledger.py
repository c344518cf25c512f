"""The run ledger remembers ids on disk: a repeat is known, repeated external ids listed."""

from __future__ import annotations

from trucewatch.ingest.ledger import RepeatedId, RunLedger


def test_a_report_id_is_new_once_per_run() -> None:
    with RunLedger() as ledger:
        assert ledger.first_time("a1") and ledger.first_time("b2")
        assert not ledger.first_time("a1")
    with RunLedger() as fresh:  # another run starts with nothing remembered
        assert fresh.first_time("a1")


def test_external_ids_on_several_rows_are_listed_with_their_rows_and_texts() -> None:
    with RunLedger() as ledger:
        ledger.note_row("fakes.csv", "u7", 12, "hash-x")
        ledger.note_row("fakes.csv", "u3", 4, "hash-y")
        ledger.note_row("fakes.csv", "u7", 3, "hash-x")
        ledger.note_row("fakes.csv", "u7", 40, "hash-z")
        ledger.note_row("other.csv", "u3", 1, "hash-y")  # same id in another file: not a repeat
        assert list(ledger.repeated_ids()) == [RepeatedId("fakes.csv", "u7", [3, 12, 40], 2)]


def test_many_ids_are_still_told_apart() -> None:
    with RunLedger() as ledger:
        assert all(ledger.first_time(f"report-{n}") for n in range(50_000))
        assert not any(ledger.first_time(f"report-{n}") for n in range(0, 50_000, 997))
