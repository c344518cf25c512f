"""The reports archive: an analyst generates the day's report from the browser (or the API)
into the archive folder and anyone may download it; a viewer may not generate one; only the
archive's own file names are served. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web_registers_seed import World, build, logged_in
from trucewatch.centre import audit
from trucewatch.store import open_store
from trucewatch.web import create_app

DAY = "2016-03-07"


@pytest.fixture
def world(store_url: str, tmp_path: Path, monkeypatch) -> Iterator[tuple[object, World, Path]]:
    folder = tmp_path / "archive"
    monkeypatch.setenv("TRUCEWATCH_REPORTS", str(folder))
    store = open_store(store_url)
    seeded = build(store)
    store.close()
    app = create_app(store_url, secret_key="archive", secure_cookies=False)
    yield app, seeded, folder
    app.state.store.close()


def test_an_analyst_generates_a_report_and_anyone_downloads_it(world, store_url) -> None:
    app, _, folder = world
    analyst, csrf = logged_in(app, "analyst")
    viewer, viewer_csrf = logged_in(app, "viewer")
    pdf = store_url.startswith("sqlite")  # WeasyPrint takes seconds: once is enough
    form = {"first_day": DAY, "cutoff": "19:30", "tz": "Asia/Damascus"}
    if pdf:
        form["pdf"] = "true"

    refused = viewer.post("/archive", data={**form, "csrf_token": viewer_csrf})
    assert refused.status_code == 403
    assert analyst.post("/archive", data=form).status_code == 403  # no CSRF token
    assert not folder.exists() or not any(folder.iterdir())

    done = analyst.post("/archive", data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303, done.text[:300]
    assert done.headers["location"] == f"/archive#report-report-{DAY}"
    listed = viewer.get("/archive.json").json()["reports"]
    assert [r["stem"] for r in listed] == [f"report-{DAY}"]
    assert set(listed[0]["files"]) == ({"html", "pdf"} if pdf else {"html"})
    assert f'href="/archive/report-{DAY}.html"' in viewer.get("/archive").text

    html = viewer.get(f"/archive/report-{DAY}.html")
    assert html.status_code == 200
    assert html.headers["content-disposition"].startswith("attachment")
    assert "2016" in html.text and "<html" in html.text.lower()
    if pdf:
        got = viewer.get(f"/archive/report-{DAY}.pdf")
        assert got.content.startswith(b"%PDF") and got.headers["content-type"] == "application/pdf"

    with app.state.store.engine.connect() as conn:
        [entry] = audit.entries(conn, register="report")
    assert (entry.actor, entry.action, entry.record_id) == (
        "analyst",
        "report.generate",
        f"report-{DAY}",
    )
    assert entry.detail["first_day"] == DAY


def test_only_the_archives_own_names_are_served(world) -> None:
    app, _, folder = world
    viewer, _ = logged_in(app, "viewer")
    folder.mkdir(parents=True)
    (folder / "secret.txt").write_text("not a report")
    for name in ("secret.txt", "report-2016-03-07.txt", "..%2Fsecret.txt", "report-x.html"):
        assert viewer.get(f"/archive/{name}").status_code == 404, name
    assert viewer.get("/archive/report-2016-03-08.html").status_code == 404  # not generated


def test_the_api_generates_for_an_analyst_and_refuses_a_viewer(world) -> None:
    app, w, folder = world
    client = TestClient(app)

    def post(who: str, body: dict):
        token = w.web.tokens[who]
        return client.post(
            "/api/v1/archive", json=body, headers={"authorization": f"Bearer {token}"}
        )

    period = {"first_day": "2016-03-07", "last_day": "2016-03-09", "pdf": False}
    assert post("viewer", period).status_code == 403
    made = post("analyst", period)
    assert made.status_code == 201
    assert made.json() == {"files": ["report-2016-03-07-to-2016-03-09.html"]}
    assert (folder / "report-2016-03-07-to-2016-03-09.html").is_file()
    assert post("analyst", {**period, "tz": "Mars/Olympus"}).status_code == 400
    assert post("analyst", {**period, "last_day": "2016-03-01"}).status_code == 400
    assert post("analyst", {**period, "last_day": "2018-03-09"}).status_code == 400  # two years
    assert post("analyst", {"first_day": "0001-01-01", "pdf": False}).status_code == 400
    listed = client.get(
        "/api/v1/archive", headers={"authorization": f"Bearer {w.web.tokens['viewer']}"}
    )
    assert [r["first_day"] for r in listed.json()] == ["2016-03-07"]
