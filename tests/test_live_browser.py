"""Live pages in Chromium: a ruling made while the dashboard is open recolours its marker and
updates the counts, without a reload (server-sent events, ``static/live.js``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.test_web_browser import log_in, page, server  # noqa: F401 (fixtures)
from trucewatch.store import open_store
from trucewatch.store.schema import rulings


def test_a_new_ruling_recolours_the_map_without_a_reload(server, page) -> None:  # noqa: F811
    base, seeded = server
    log_in(page, base, "admin")
    page.wait_for_selector("#map[data-count='3']", state="attached")
    assert page.locator("path.ruling-violation").count() == 1
    marker = page.locator("#live-counts").element_handle()
    body = page.locator("body").element_handle()
    body.evaluate("el => { el.dataset.stayed = 'yes'; }")  # a reload would lose this
    store = open_store(seeded.db_url)
    with store.transaction() as conn:  # the clash's event is ruled again: now a violation
        (old,) = conn.execute(select(rulings).where(rulings.c.event_id == seeded.events[1])).all()
        conn.execute(
            rulings.insert().values(
                event_id=seeded.events[1],
                agreement=old.agreement,
                ruling="violation",
                reasons=[],
                version=old.version + 1,
                basis_hash="live-test",
                ruled_at=dt.datetime.now(dt.UTC),
            )
        )
    store.close()
    page.locator("path.ruling-violation").nth(1).wait_for(state="attached", timeout=20_000)
    assert page.locator("path.ruling-violation").count() == 2
    # The counts were swapped in place: the old element left the page, no navigation happened.
    assert marker.evaluate("el => el.isConnected") is False
    assert page.url == base + "/"
    assert page.locator("body[data-stayed=yes]").count() == 1  # the same document: no reload
    assert not page.console_errors, page.console_errors
