"""Issue 18, item 4: the audit log resists someone who can write to the database.

Each attack below is one an outside probe made against the unkeyed chain, which ``verify`` called
intact: cutting the tail and moving the head, rewriting entries and recomputing every hash with
the project's own function, deleting every entry, and changing records straight in their tables.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from typer.testing import CliRunner

from trucewatch.centre import audit, hotline, users
from trucewatch.centre.audit_key import KEY_ENV, AuditKeyError, init_key, load_key, sign
from trucewatch.centre.users import SYSTEM
from trucewatch.cli import app
from trucewatch.store.centre_tables import audit_head, audit_log, hotline_messages

T0 = dt.datetime(2016, 2, 27, 9, tzinfo=dt.UTC)


def _record(store) -> dict[str, int]:
    """A few users, a token and a hotline exchange: the kinds of record the probe altered."""
    with store.transaction() as conn:
        users.add_user(conn, SYSTEM, "admin", "admin", password="a long pass phrase")
        analyst = users.add_user(conn, SYSTEM, "sam", "analyst", password="another long phrase")
        users.issue_token(conn, SYSTEM, "sam", "laptop")
        thread = hotline.open_thread(
            conn, SYSTEM, subject="Shelling near the market", participants=["US", "RU"]
        )
        message = hotline.send_message(
            conn,
            SYSTEM,
            thread,
            sender="US",
            recipients=["RU"],
            body="Reports of shelling at 09:00; please confirm your units' positions.",
            sent_at=T0,
        )
    return {"analyst": analyst.id, "message": message}


def _verify(store, **kwargs) -> audit.ChainVerdict:
    with store.engine.connect() as conn:
        return audit.verify(conn, **kwargs)


def _checkpoint(store) -> audit.Checkpoint:
    with store.engine.connect() as conn:
        return audit.checkpoint(conn)


def test_an_untouched_log_verifies_with_every_record_checked(store):
    _record(store)
    verdict = _verify(store)
    assert verdict.ok, verdict
    assert verdict.checked == 5 and not verdict.changed
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.state, audit_log.c.mac)).all()
    assert all(state and mac for state, mac in rows)  # every entry signed, with a state


def test_a_role_changed_behind_the_log_is_reported(store):
    ids = _record(store)
    with store.transaction() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE name = 'sam'"))
    verdict = _verify(store)
    assert not verdict.ok
    assert verdict.changed == (
        f"user {ids['analyst']} differs from what the log says it became: changed behind the log",
    )


def test_a_rewritten_hotline_message_is_reported(store):
    ids = _record(store)
    with store.transaction() as conn:
        conn.execute(
            update(hotline_messages)
            .where(hotline_messages.c.id == ids["message"])
            .values(body="Nothing happened at the market.")
        )
    verdict = _verify(store)
    assert not verdict.ok
    assert any(c.startswith(f"hotline_message {ids['message']} differs") for c in verdict.changed)


def test_a_record_inserted_or_deleted_behind_the_log_is_reported(store):
    _record(store)
    with store.transaction() as conn:
        conn.execute(
            text(
                "INSERT INTO users (name, role, active, created_at, version) "
                "VALUES ('mallory', 'admin', true, CURRENT_TIMESTAMP, 1)"
            )
        )
        conn.execute(text("DELETE FROM api_tokens"))
    changed = _verify(store).changed
    assert any("is not in the log: written behind it" in c for c in changed)
    assert any(c.startswith("user ") and "differs" in c for c in changed)  # sam's token went


def _rehash_from(conn, first: int) -> None:
    """What an attacker with the database does: recompute every hash from ``first`` on with the
    project's own function, and move the head, so the plain chain links up again."""
    rows = conn.execute(select(audit_log).where(audit_log.c.seq >= first).order_by(audit_log.c.seq))
    prev = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == first - 1)).scalar()
    prev = prev or audit.GENESIS
    for row in rows.all():
        digest = audit.entry_hash(
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.register,
            row.record_id,
            row.detail,
            prev,
            row.state,
        )
        conn.execute(
            update(audit_log).where(audit_log.c.seq == row.seq).values(prev_hash=prev, hash=digest)
        )
        prev = digest
    last = conn.execute(select(audit_log.c.seq).order_by(audit_log.c.seq.desc())).scalar() or 0
    conn.execute(update(audit_head).values(seq=last, hash=prev))


def test_entries_rewritten_with_recomputed_hashes_are_caught(store):
    _record(store)
    with store.transaction() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(actor="someone else"))
        _rehash_from(conn, 2)
    verdict = _verify(store)
    assert not verdict.ok and verdict.broken_at == 2
    assert "does not carry the audit key's signature" in verdict.problem


def test_a_cut_tail_with_the_head_moved_back_is_caught_by_a_checkpoint(store):
    _record(store)
    point = _checkpoint(store)
    with store.transaction() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq >= 4))
        _rehash_from(conn, 4)  # moves the head to entry 3: the chain itself now looks whole
    verdict = _verify(store, against=point)
    assert not verdict.ok
    assert "vouches for 5 entries but the log holds 3: entries 4-5 were removed" in verdict.problem


def test_a_rewritten_past_is_caught_by_a_checkpoint_even_with_the_key(store):
    _record(store)
    point = _checkpoint(store)
    key = load_key()
    with store.transaction() as conn:  # the worst case: the attacker also holds the key
        conn.execute(update(audit_log).where(audit_log.c.seq == 1).values(actor="nobody"))
        _rehash_from(conn, 1)
        for seq, digest in conn.execute(select(audit_log.c.seq, audit_log.c.hash)).all():
            conn.execute(
                update(audit_log).where(audit_log.c.seq == seq).values(mac=sign(key, digest))
            )
    assert _verify(store).ok  # without the checkpoint, nothing can tell
    verdict = _verify(store, against=point)
    assert not verdict.ok and "the log up to it was rewritten" in verdict.problem


def test_a_log_emptied_of_every_entry_is_caught(store):
    _record(store)
    point = _checkpoint(store)
    with store.transaction() as conn:
        conn.execute(delete(audit_log))
        conn.execute(update(audit_head).values(seq=0, hash=audit.GENESIS))
    plain = _verify(store)
    assert not plain.ok and any("is not in the log" in c for c in plain.changed)
    verdict = _verify(store, against=point)
    assert not verdict.ok and "entries 1-5 were removed" in verdict.problem


def test_a_forged_checkpoint_is_refused(store):
    _record(store)
    point = _checkpoint(store)
    forged = audit.Checkpoint(point.head_hash, point.count - 1, point.at, point.hmac)
    verdict = _verify(store, against=forged)
    assert not verdict.ok and "is not one we made" in verdict.problem


def test_stripped_signatures_are_caught(store):
    _record(store)
    with store.transaction() as conn:
        conn.execute(update(audit_log).values(mac=None))
    verdict = _verify(store)
    assert not verdict.ok and "5 entries carry no signature" in verdict.problem


def test_a_signed_log_is_not_extended_without_its_key(store, tmp_path, monkeypatch):
    _record(store)
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "missing.key"))
    missing = pytest.raises(AuditKeyError, match="signed, but there is no audit key")
    with missing, store.transaction() as conn:
        users.add_user(conn, SYSTEM, "late", "viewer")
    other = tmp_path / "other.key"
    init_key(other)
    monkeypatch.setenv(KEY_ENV, str(other))
    wrong = pytest.raises(AuditKeyError, match="not the key this store's log was signed with")
    with wrong, store.transaction() as conn:
        users.add_user(conn, SYSTEM, "late", "viewer")
    assert not _verify(store).ok  # and the wrong key does not verify it either


def test_a_log_from_before_the_key_is_signed_once_then_held_to_it(store, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "audit.key"))  # no key yet
    _record(store)
    unsigned = _verify(store)
    assert unsigned.ok and any("the log is not signed" in n for n in unsigned.notes)
    init_key()
    assert not _verify(store).ok  # a key exists: unsigned entries are no longer accepted
    with store.transaction() as conn:
        assert audit.sign_unsigned(conn) == 5
    assert _verify(store).ok


def test_entries_from_before_states_were_kept_still_verify(store):
    _record(store)
    with store.transaction() as conn:  # what a store upgraded from before revision 0007 holds
        conn.execute(update(audit_log).values(state=None, mac=None))
        _rehash_from(conn, 1)
        audit.sign_unsigned(conn)
    verdict = _verify(store)
    assert verdict.ok, verdict
    assert any("were last changed before the log kept their state" in n for n in verdict.notes)


def test_the_key_file_is_private_and_never_replaced(tmp_path):
    path, made = init_key(tmp_path / "conf" / "audit.key")
    assert made and stat.S_IMODE(path.stat().st_mode) == 0o600
    key = load_key(path)
    assert init_key(path) == (path, False) and load_key(path) == key
    os.chmod(path, 0o644)
    with pytest.raises(AuditKeyError, match="chmod 600"):
        load_key(path)


def test_the_key_defaults_to_the_config_folder(monkeypatch, tmp_path):
    from trucewatch.centre.audit_key import key_path

    monkeypatch.delenv(KEY_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert key_path() == tmp_path / "trucewatch" / "audit.key"


def test_the_commands_checkpoint_and_verify(tmp_path: Path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "keys" / "audit.key"))
    runner = CliRunner()
    made = runner.invoke(app, ["audit", "init-key"])
    assert made.exit_code == 0 and "wrote a new audit key" in made.output
    assert (
        runner.invoke(
            app, ["users", "add", "root", "--role", "admin", "--no-password", "--db", db]
        ).exit_code
        == 0
    )
    out = tmp_path / "checkpoint.json"
    done = runner.invoke(
        app, ["audit", "checkpoint", "--out", str(out), "--db", db, "--as", "root"]
    )
    assert done.exit_code == 0, done.output
    assert set(json.loads(out.read_text())) == {"head_hash", "count", "at", "hmac"}
    args = ["audit", "verify", "--checkpoint", str(out), "--db", db, "--as", "root"]
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0 and "audit log intact" in ok.output, ok.output
    from trucewatch.store import open_store

    store = open_store(db)
    with store.transaction() as conn:
        conn.execute(text("UPDATE users SET guarantor = 'US'"))
    store.close()
    bad = runner.invoke(app, args)
    assert bad.exit_code == 1 and "record changed behind the log" in bad.output
    assert "Traceback" not in bad.output


def test_init_key_signs_a_store_written_before_it(tmp_path: Path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "audit.key"))  # no key yet: entries unsigned
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["users", "add", "root", "--role", "admin", "--no-password", "--db", db]
        ).exit_code
        == 0
    )
    verify = ["audit", "verify", "--db", db, "--as", "root"]
    unsigned = runner.invoke(app, verify)
    assert unsigned.exit_code == 0 and "the log is not signed" in unsigned.output
    signed_now = runner.invoke(app, ["audit", "init-key", "--db", db, "--as", "root"])
    assert signed_now.exit_code == 0, signed_now.output
    assert "signed 1 entries that carried no signature" in signed_now.output
    again = runner.invoke(app, verify)
    assert again.exit_code == 0 and "not signed" not in again.output
