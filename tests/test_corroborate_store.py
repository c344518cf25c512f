"""Corroboration over the store (SQLite and PostgreSQL), the reuse command over the seeds, and
the Airwars import and matching on a slice of the real file read at test time."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

import trucewatch.store.corroboration_tables as tables
from trucewatch.centre import audit
from trucewatch.centre.errors import PermissionDenied
from trucewatch.corroborate.commands import reuse_json
from trucewatch.corroborate.grades import grade_events, override_grade
from trucewatch.corroborate.merged import MergedIncident
from trucewatch.corroborate.reference import (
    ReferenceIncident,
    import_reference,
    load_reference,
    match_reference,
    read_airwars,
)
from trucewatch.corroborate.stage import corroborate_stored, load_merged
from trucewatch.model.centre import Role, User
from trucewatch.model.incident import Grade, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Published, PublishedBasis, Report, Source
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports

from .conftest import SEEDS, SHARED, needs

AIRWARS = SHARED / "data" / "airwars" / "airwars_syria_2016.csv"
DAY = dt.date(2016, 3, 1)
KAFR_NABL = Place("Kafr Nabl", "Idlib", 35.6139, 36.5614)

# Our own short texts. The second puts a new lead on the first's three sentences.
STORY = (
    "Warplanes struck the market in Kafr Nabl on Tuesday morning, residents said. "
    "Rescue workers pulled four bodies from the rubble of two shops near the mosque. "
    "A local council member said the planes came from the direction of Hama airport."
)
COPY = "Diplomats in Geneva asked for an urgent meeting of the task force. " + STORY
OTHER = (
    "A monitoring group counted six dead after an air raid hit the Kafr Nabl market. "
    "It said the aircraft circled twice before dropping its load on the main street."
)
THIRD = "An aid worker in Idlib described panic in the market after the strike on Tuesday."


def report(rid: str, text: str, source: str, published: dt.date | None) -> Report:
    pub = Published(PublishedBasis.METADATA, published) if published else Published.unknown()
    return Report(
        source=Source(source),
        text=text,
        title=f"title {rid}",
        published=pub,
        raw=text.encode(),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        id=rid,
    )


def strike(rid: str, killed: int | None, perpetrator: str | None = None) -> Incident:
    return Incident(
        type=IncidentType.AIR_STRIKE,
        date=DAY,
        place=KAFR_NABL,
        perpetrator=perpetrator,
        killed=Toll(killed, killed, killed) if killed else Toll(),
    )


def fill(store, third: bool = True) -> None:
    rows = [
        ("r-orig", STORY, "Levant Daily", DAY, 4),
        ("r-copy", COPY, "Gulf Wire", None, 4),
        ("r-other", OTHER, "North Syria Monitor", DAY, 6),
    ]
    if third:
        rows.append(("r-third", THIRD, "Aid Bulletin", DAY, None))
    with store.transaction() as conn:
        save_reports(conn, [report(rid, text, src, day) for rid, text, src, day, _ in rows])
        for rid, _, _, _, killed in rows:
            save_extraction(conn, rid, [strike(rid, killed)], [], "test")


def count(conn, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_corroborate_merges_grades_and_keeps_the_copy_as_one_source(store):
    fill(store, third=False)
    summary = corroborate_stored(store, same_actor=lambda a, b: a == b)
    assert summary.clusters == 1 and summary.copies == 1
    assert summary.merged == 1 and summary.multi_report == 1
    with store.engine.connect() as conn:
        row = conn.execute(select(tables.events)).one()
        members = conn.execute(select(tables.event_members.c.report_id)).scalars().all()
        cluster = conn.execute(select(tables.reuse_clusters)).one()
    assert sorted(members) == ["r-copy", "r-orig", "r-other"]
    assert cluster.original_report_id in {"r-orig", "r-copy"}
    reprint = ({"r-orig", "r-copy"} - {cluster.original_report_id}).pop()
    name = {"r-orig": "Levant Daily (title r-orig)", "r-copy": "Gulf Wire (title r-copy)"}
    # The original and its copy count once; North Syria Monitor is the second source.
    assert row.grade == "corroborated" and row.sources == 2
    expected = f"{name[reprint]} is a reprint of {name[cluster.original_report_id]}"
    assert expected in row.explanation
    # 4 (two reports) against 6 from an independent outlet the same day: both kept, contradicted
    assert {(k["value"]["best"], k["status"]) for k in row.killed_values} == {
        (4, "contradicted"),
        (6, "contradicted"),
    }
    assert (row.killed_low, row.killed_high) == (4, 6)
    assert summary.contradictions >= 1


def test_running_twice_stores_the_same_and_keeps_a_persons_override(store):
    fill(store)
    corroborate_stored(store, same_actor=lambda a, b: a == b)
    with store.engine.connect() as conn:
        before = {
            t.name: count(conn, t)
            for t in tables.metadata.sorted_tables
            if t.name
            in (
                "events",
                "event_members",
                "reuse_clusters",
                "claim_comparisons",
                "grade_history",
            )
        }
        merged_id = conn.execute(select(tables.events.c.id)).scalar_one()
    analyst, viewer = User("analyst", Role.ANALYST), User("viewer", Role.VIEWER)
    with store.transaction() as conn:
        with pytest.raises(ValueError):
            override_grade(conn, analyst, merged_id, Grade.DISCOUNTED, reason=" ")
        with pytest.raises(PermissionDenied):
            override_grade(conn, viewer, merged_id, Grade.CONFIRMED, reason="looks right to me")
        now = override_grade(
            conn, analyst, merged_id, Grade.DISCOUNTED, reason="video shows another town"
        )
    assert now == Grade.DISCOUNTED
    with store.engine.connect() as conn:
        (entry,) = audit.entries(conn, "events")
        assert audit.verify(conn).ok
    assert (entry.actor, entry.action, entry.record_id) == ("analyst", "grade.override", merged_id)
    assert entry.detail == {"grade": "discounted", "reason": "video shows another town"}
    corroborate_stored(store, same_actor=lambda a, b: a == b)
    with store.engine.connect() as conn:
        after = {name: count(conn, getattr(tables, name)) for name in before}
        grade = conn.execute(select(tables.events.c.grade)).scalar_one()
        events = grade_events(conn, merged_id)
    assert after == {**before, "grade_history": before["grade_history"] + 1}
    assert grade == "discounted"
    assert [e.kind for e in events] == ["computed", "override"]
    assert events[1].by == "analyst" and events[1].why == "video shows another town"
    with store.transaction() as conn:
        back = override_grade(conn, analyst, merged_id, None, reason="checked again")
    assert back == Grade.CORROBORATED


def test_stored_merges_load_back_with_their_members(store):
    fill(store)
    corroborate_stored(store, same_actor=lambda a, b: a == b)
    with store.engine.connect() as conn:
        merged = load_merged(conn)
    assert len(merged) == 1 and len(merged[0].members) == 4
    assert merged[0].place is not None and merged[0].place.name == "Kafr Nabl"


def test_reuse_over_the_seeds_finds_002_and_003_only():
    needs(SEEDS)
    clusters = reuse_json([p for p in sorted(SEEDS.glob("*.txt"))])
    assert len(clusters) == 1
    seeds = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
    from trucewatch.ingest import read_inputs

    ids = {}
    for name in ("002", "003"):
        (r,) = list(read_inputs([seeds[name]]))
        ids[name] = r.id
    cluster = clusters[0]
    assert {m["id"] for m in cluster["members"]} == set(ids.values())
    assert set(cluster["members"][0]) == {"id", "row", "rows", "path", "paths", "source", "title"}
    # Seed members say which file they are, not only their content hash.
    by_id = {m["id"]: m for m in cluster["members"]}
    for name, rid in ids.items():
        assert by_id[rid]["path"] == str(seeds[name]) and by_id[rid]["row"] is None
    assert cluster["identical"] is False
    assert cluster["shared"] and all(len(s["text"].split()) >= 5 for s in cluster["shared"])
    texts = {ids[n]: seeds[n].read_text(encoding="utf-8") for n in ids}
    for s in cluster["shared"]:
        assert s["a"] in texts and s["b"] in texts and s["a"] != s["b"]


def test_reuse_lists_a_text_that_arrives_twice_with_every_row(tmp_path):
    # Our own rows: the same article in rows 0 and 2 of one file and row 0 of another.
    text = "Shelling hit the old market in Tal Rifaat on Monday, local sources said."
    other = "A convoy of twelve trucks reached Madaya on Tuesday with flour and medicine."
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    rows = [{"source": "Outlet A", "text": t} for t in (text, other, text)]
    first.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    second.write_text(json.dumps(rows[0]) + "\n")
    clusters = reuse_json([first, second])
    (cluster,) = clusters
    (member,) = cluster["members"]
    assert cluster["identical"] is True and "3 times" in cluster["original_reason"]
    assert member["row"] == 0 and member["rows"] == [0, 2, 0]
    assert member["path"] == str(first) and member["paths"] == [str(first), str(second)]


def airwars_slice(path: Path, codes: set[str]) -> list[ReferenceIncident]:
    return [r for r in read_airwars(path) if r.code in codes]


def test_airwars_rows_read_with_dates_places_belligerents_and_grades():
    needs(AIRWARS)
    with AIRWARS.open(encoding="utf-8") as handle:
        first = list(itertools.islice(csv.DictReader(handle), 50))
    items = list(itertools.islice(read_airwars(AIRWARS), 50))
    assert [i.code for i in items] == [row["code"] for row in first]
    for item, row in zip(items, first, strict=True):
        assert item.date == dt.date.fromisoformat(row["incident_date"])
        assert item.grade == row["civilian_harm_status_original"]
        assert item.killed_max == (
            int(row["civilians_killed_max"]) if row["civilians_killed_max"] else None
        )
        assert item.label.startswith(f"Airwars {row['code']}")


def merged_at(place: Place, day: dt.date, perpetrator: str | None) -> MergedIncident:
    from trucewatch.corroborate.merge import merge_incidents

    incident = Incident(
        type=IncidentType.AIR_STRIKE,
        date=day,
        place=place,
        perpetrator=perpetrator,
        report_id="r",
        id=f"r-{place.name}-{day}",
    )
    return merge_incidents([incident])[0]


def test_matching_links_by_date_distance_and_belligerent(store):
    needs(AIRWARS)
    refs = [r for r in read_airwars(AIRWARS) if r.date and r.lat and r.date.month == 3]
    target = next(r for r in refs if "Russian Military" in r.belligerents)
    here = Place(target.location or "x", target.governorate, target.lat, target.lon)
    far = Place("far", target.governorate, (target.lat or 0) + 1.0, target.lon)
    ours = [
        merged_at(here, target.date, "Russian forces"),
        merged_at(here, target.date + dt.timedelta(days=5), None),  # wrong day
        merged_at(far, target.date, None),  # 110 km off
        merged_at(here, target.date, "ISIL"),  # out of the reference's scope
    ]
    result = match_reference(ours, refs)
    assert len(result.in_scope) == 3
    linked = {link.merged_id: link for link in result.links}
    assert set(linked) == {ours[0].id}
    assert linked[ours[0].id].days_apart == 0 and (linked[ours[0].id].km_apart or 0) < 1
    same_day = [r for r in refs if r.date == target.date]
    assert linked[ours[0].id].reference_id in {r.id for r in same_day}
    assert result.rate == pytest.approx(1 / 3)
    assert set(result.unmatched_ours) == {ours[1].id, ours[2].id}
    # a coalition perpetrator does not match a Russian-only incident at the same spot
    coalition = match_reference([merged_at(here, target.date, "US-led coalition")], [target])
    assert coalition.links == []

    with store.transaction() as conn:
        assert import_reference(conn, refs[:40]) == 40
        assert import_reference(conn, refs[:40]) == 40  # re-import replaces, adds nothing
    with store.engine.connect() as conn:
        assert len(load_reference(conn)) == 40


def test_an_analysts_grade_wins_over_the_computed_one_for_display(store):
    from trucewatch.centre.users import SYSTEM
    from trucewatch.centre.verification import set_grade
    from trucewatch.corroborate.grades import effective_grades
    from trucewatch.store.incidents import stored_incident_ids

    fill(store, third=False)
    corroborate_stored(store, same_actor=lambda a, b: a == b)
    with store.engine.connect() as conn:
        (copy,), (orig,) = stored_incident_ids(conn, "r-copy"), stored_incident_ids(conn, "r-orig")
        before = effective_grades(conn)
    assert before[orig] == before[copy] == "corroborated"
    with store.transaction() as conn:
        set_grade(conn, SYSTEM, orig, "discounted", reason="footage shown to be from 2014")
    with store.engine.connect() as conn:
        after = effective_grades(conn)
    assert after[orig] == "discounted" and after[copy] == "corroborated"


def test_the_grade_command_acts_as_a_named_user_with_the_right_role(store, tmp_path):
    from typer.testing import CliRunner

    from trucewatch.centre.users import SYSTEM, add_user
    from trucewatch.cli import app

    fill(store)
    corroborate_stored(store, same_actor=lambda a, b: a == b)
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "watcher", Role.VIEWER)
        add_user(conn, SYSTEM, "checker", Role.ANALYST)
        merged_id = conn.execute(select(tables.events.c.id)).scalar_one()
    url = store.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    change = ["grade", merged_id, "contested", "--reason", "the army denies it", "--db", url]
    refused = runner.invoke(app, [*change, "--as", "watcher"])
    assert refused.exit_code == 2 and "watcher" in refused.output
    nobody = runner.invoke(app, change, env={"TRUCEWATCH_USER": ""})
    assert nobody.exit_code != 0 and "--as" in nobody.output  # the store has users: say who
    done = runner.invoke(app, [*change, "--as", "checker"])
    assert done.exit_code == 0, done.output
    assert "grade now contested" in done.output and "checker: the army denies it" in done.output
