"""The registers' actions from the command line (``trucewatch centre party-add``, ...): the same
services as the web forms and the API, so the same roles are refused and the same audit entries
are written; and the permission the archive's generator adds. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.test_web_api import RU, US
from tests.web_registers_seed import COH, World, build
from trucewatch.centre import audit, parties
from trucewatch.centre.errors import PermissionDenied
from trucewatch.centre.permissions import Action, allowed
from trucewatch.cli import app
from trucewatch.console import console
from trucewatch.model.centre import Role, User
from trucewatch.store import open_store


@pytest.fixture
def cli(store_url: str, monkeypatch) -> tuple[list[str], World]:
    monkeypatch.delenv("TRUCEWATCH_USER", raising=False)
    monkeypatch.setattr(console, "width", 250)
    store = open_store(store_url)
    world = build(store)
    store.close()
    return ["--db", store_url], world


def run(*args: str):
    return CliRunner().invoke(app, ["centre", *args], terminal_width=250)


def audited(db: list[str]) -> list[str]:
    store = open_store(db[1])
    try:
        with store.engine.connect() as conn:
            return [f"{e.actor} {e.action}" for e in audit.entries(conn)]
    finally:
        store.close()


def test_records_are_created_and_moved_from_the_cli(cli) -> None:
    db, w = cli
    before = len(audited(db))
    steps = [
        ("party-add", "Faction Z", "--kind", "faction", "--as", "analyst"),
        ("party-edit", "2", "--actor", "Faction Z", "--reason", "named", "--as", "admin"),
        (
            "accession-add",
            "--agreement",
            COH,
            "--party",
            "Faction Z",
            "--channel",
            "hotline",
            "--sender",
            "its emir",
            "--at",
            "2016-03-02T09:30+02:00",
            "--as",
            "ru",
        ),
        ("accession-status", "2", "accepted", "--reason", "signed", "--as", "analyst"),
        (
            "meeting-add",
            "--place",
            "Hmeimim",
            "--participant",
            "Faction Z",
            "--participant",
            "A mediator",
            "--as",
            "analyst",
        ),
        ("meeting-edit", "1", "--outcome", "talks go on", "--as", "analyst"),
        (
            "local-agreement-add",
            "Truce of Z",
            "--signatory",
            "Its emir|Faction Z",
            "--meeting",
            "1",
            "--as",
            "analyst",
        ),
        ("protection-add", "--requester", "A clinic", "--threat", "snipers", "--as", "analyst"),
        ("protection-assign", "1", "Unit 2", "--reason", "nearest", "--as", "analyst"),
        ("protection-note", "1", "called the clinic", "--as", "analyst"),
        (
            "delivery-add",
            "WFP",
            "Madaya",
            "--method",
            "convoy",
            "--trucks",
            "40",
            "--as",
            "analyst",
        ),
        ("delivery-status", "1", "blocked", "--reason", "checkpoint", "--as", "analyst"),
        ("delivery-edit", "1", "--trucks", "38", "--reason", "recount", "--as", "admin"),
        (
            "hotline-open",
            "Route",
            "--with",
            US,
            "--body",
            "Agreed?",
            "--ack-hours",
            "2",
            "--as",
            "ru",
        ),
    ]
    for step in steps:
        done = run(*step, *db)
        assert done.exit_code == 0, (step, done.output)
    review = run(
        "ruling-review", w.shelling, COH, "upheld", "--reason", "checked", "--as", "analyst", *db
    )
    assert review.exit_code == 0, review.output
    refused = run(
        "ruling-review", w.shelling, COH, "overturned", "--reason", "r", "--as", "viewer", *db
    )
    assert refused.exit_code == 1
    thread = run("hotline", "--as", "ru", *db).output
    tid = next(line.split()[1] for line in thread.splitlines() if "Route" in line)
    assert (
        run("hotline-send", tid, "--body", "Yes", "--as", "admin", "--sender", US, *db).exit_code
        == 0
    )
    messages = run("hotline", tid, "--as", "ru", *db).output
    assert "Agreed?" in messages and "Yes" in messages
    assert "Faction Z" in run("parties", "--as", "viewer", *db).output
    assert "talks go on" in run("meetings", "--as", "viewer", *db).output
    signed = run("history", "local_agreement", "1", "--as", "viewer", *db)
    assert signed.exit_code == 0 and "create" in signed.output
    assert "Unit 2" in run("protection", "--as", "viewer", *db).output
    accepted = run("accessions", "--status", "accepted", "--as", "viewer", *db).output
    assert "Faction Z" in accepted and RU in accepted
    assert audited(db)[before:] == [
        "analyst party.create",
        "admin party.edit",
        "ru accession.create",
        "analyst accession.status",
        "analyst meeting.create",
        "analyst meeting.edit",
        "analyst local_agreement.create",
        "analyst protection.create",
        "analyst protection.status",
        "analyst protection.note",
        "analyst delivery.create",
        "analyst delivery.status",
        "admin delivery.edit",
        "ru hotline_thread.create",
        "ru hotline_message.create",
        "analyst ruling_review.create",
        "analyst ruling_review.status",
        "admin hotline_message.create",
    ]


def test_the_cli_refuses_what_a_role_may_not_do(cli) -> None:
    db, _ = cli
    before = audited(db)
    for step in (
        ("party-add", "P", "--kind", "faction", "--as", "viewer"),
        (
            "accession-add",
            "--agreement",
            COH,
            "--party",
            "Council of Test Town",
            "--channel",
            "m",
            "--sender",
            "s",
            "--through",
            US,
            "--as",
            "ru",
        ),
        ("meeting-add", "--place", "p", "--participant", "x", "--as", "ru"),
        ("protection-add", "--requester", "r", "--threat", "t", "--as", "viewer"),
        ("hotline-open", "S", "--with", RU, "--body", "b", "--sender", US, "--as", "analyst"),
        ("hotline-send", "1", "--body", "b", "--as", "viewer"),
    ):
        refused = run(*step, *db)
        said = refused.output
        assert refused.exit_code == 1 and ("may not" in said or "only on" in said), (step, said)
    bad = run("local-agreement-add", "T", "--signatory", "no bar", "--as", "analyst", *db)
    assert bad.exit_code == 2  # a usage error, before anything is opened
    assert audited(db) == before


def test_generating_reports_is_for_analysts_and_admins() -> None:
    may = {
        role: allowed(User("u", role, US if role is Role.LIAISON else None), Action.REPORT_GENERATE)
        for role in Role
    }
    assert may == {
        Role.ADMIN: True,
        Role.ANALYST: True,
        Role.LIAISON: False,
        Role.VIEWER: False,
        Role.REPORTER: False,
    }


def test_a_party_edit_is_for_those_who_record_parties(store) -> None:
    with store.transaction() as conn:
        new = parties.add_party(conn, User("a", Role.ANALYST), "Faction W", "faction")
        with pytest.raises(PermissionDenied):
            parties.edit_party(conn, User("v", Role.VIEWER), new, actor="W")
        with pytest.raises(PermissionDenied):
            parties.edit_party(conn, User("l", Role.LIAISON, RU), new, actor="W")
        with pytest.raises(ValueError, match="cannot edit name"):
            parties.edit_party(conn, User("a", Role.ANALYST), new, name="Other")
        assert parties.edit_party(conn, User("a", Role.ANALYST), new, actor="W", seen=1) == 2
        history = parties.party_history(conn, User("v", Role.VIEWER), new)
    assert [h.kind for h in history] == ["create", "edit"]
    assert history[1].changes == {"actor": [None, "W"]}
