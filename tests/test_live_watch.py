"""Live monitoring end to end: a feed item becomes a ruled event and a signed alert, once.

Servers are started here on 127.0.0.1 (feeds, a webhook receiver, SMTP). The passages are ours.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from sqlalchemy import select

from tests.conftest import EXAMPLES
from tests.live_servers import FeedServer, Route, SmtpServer, WebhookReceiver, rss
from trucewatch.live.changes import baseline, matches, queue_changes
from trucewatch.live.cycle import CycleOptions, run_cycle
from trucewatch.live.deliver import deliver_due
from trucewatch.live.feeds import Limits, poll_all
from trucewatch.store import Store
from trucewatch.store.alerts import (
    add_subscription,
    dead_letters,
    delivery_log,
    parse_filters,
    queue_alert,
)
from trucewatch.store.live import add_feed, due_feeds, get_feed
from trucewatch.store.live_tables import alert_outbox
from trucewatch.store.schema import reports

SECRET = "s3cret-for-tests"
AGREEMENTS = EXAMPLES / "agreements"

ARTICLE = """<html><head><title>Strike on Maarat al-Numan</title></head><body>
<nav>Home | World | Contact</nav>
<article><h1>Strike on Maarat al-Numan</h1>
<p>Syrian government warplanes carried out an air strike on the town of Maarat al-Numan in Idlib
province on 8 March 2016, killing seven civilians, a local monitoring group said.</p>
<p>The strike hit a street near the central market in the early afternoon, residents said, and
rescue workers searched the rubble for survivors until the evening.</p>
</article><footer>Copyright test wire</footer></body></html>"""


def strike_feed(server: FeedServer) -> bytes:
    return rss(
        [
            {
                "title": "Strike on Maarat al-Numan",
                "link": f"{server.base}/news/maarat",
                "guid": "wire-0001",
                "description": "Warplanes hit a town in Idlib.",
                "pubDate": "Tue, 08 Mar 2016 14:00:00 GMT",
            }
        ]
    )


def options(**kw) -> CycleOptions:
    return CycleOptions(agreements=AGREEMENTS, limits=Limits(timeout=3), every=1, **kw)


def subscribe(store: Store, webhook: WebhookReceiver | None, smtp: SmtpServer | None) -> None:
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as conn:
        baseline(conn, now)
        if webhook:
            filters = parse_filters(["ruling=violation", "agreement=coh-2016-02"])
            add_subscription(conn, "webhook", webhook.url, SECRET, filters)
        if smtp:
            add_subscription(conn, "email", "monitor@example.org", SECRET, {})


def make_due(store: Store) -> None:
    time.sleep(1.1)  # feeds here poll every second


@pytest.fixture
def smtp_env(monkeypatch: pytest.MonkeyPatch):
    with SmtpServer() as smtp:
        monkeypatch.setenv("TRUCEWATCH_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("TRUCEWATCH_SMTP_PORT", str(smtp.port))
        monkeypatch.setenv("TRUCEWATCH_SMTP_FROM", "watch@example.org")
        yield smtp


def test_a_new_strike_reaches_webhook_and_mail_signed_and_only_once(store: Store, smtp_env):
    with FeedServer() as feeds, WebhookReceiver() as hook:
        feeds.routes["/feed.xml"] = Route(strike_feed(feeds), etag='"v1"')
        feeds.routes["/news/maarat"] = Route(ARTICLE.encode(), content_type="text/html")
        with store.transaction() as conn:
            add_feed(conn, "wire", "rss", f"{feeds.base}/feed.xml", every=1)
        subscribe(store, hook, smtp_env)

        first = run_cycle(store, options())
        assert first.new_reports == 1 and first.delivery.delivered == 2

        (got,) = hook.verified(SECRET)
        payload = json.loads(got.body)
        assert got.headers["x-trucewatch-delivery"] == payload["delivery"]
        assert payload["changes"] == ["new_event"]
        event = payload["event"]
        assert (event["type"], event["place"], event["event_date"]) == (
            "air_strike",
            "Maarat al-Numan",
            "2016-03-08",
        )
        assert {"agreement": "coh-2016-02", "ruling": "violation"} in event["rulings"]
        assert payload["link"].endswith(event["event_id"].removeprefix("m-"))

        ((mail, body),) = smtp_env.verified(SECRET)
        assert mail["To"] == "monitor@example.org"
        assert json.loads(body)["event"]["event_id"] == event["event_id"]
        assert mail["X-Trucewatch-Delivery"] != got.headers["x-trucewatch-delivery"]

        # The article's own text was fetched: the feed only had a one-line summary.
        with store.engine.connect() as conn:
            (text,) = conn.execute(select(reports.c.text)).scalars()
        assert "killing seven civilians" in text

        make_due(store)
        again = run_cycle(store, options())
        assert [p.not_modified for p in again.polls] == [True]  # conditional GET: 304
        assert feeds.not_modified == 1
        assert again.delivery.delivered == 0 and len(hook.received) == 1
        assert len(smtp_env.messages) == 1


def test_broken_feeds_are_marked_unhealthy_and_the_others_still_polled(store: Store):
    with FeedServer() as feeds:
        good = rss([{"title": "Calm day", "guid": "g1", "description": "Nothing happened today."}])
        feeds.routes.update(
            {
                "/good.xml": Route(good),
                "/error.xml": Route(b"oops", status=500),
                "/hang.xml": Route(good, delay=3.0),
                "/huge.xml": Route(endless=True),
                "/broken.xml": Route(b"<rss><channel><item><title>unclosed</channel"),
            }
        )
        with store.transaction() as conn:
            for name in ("error", "hang", "huge", "broken", "good"):
                add_feed(conn, name, "rss", f"{feeds.base}/{name}.xml", every=60)
        now = dt.datetime.now(dt.UTC)
        with store.engine.connect() as conn:
            due = due_feeds(conn, now)
        started = time.monotonic()
        results = {
            r.feed: r for r in poll_all(store, due, Limits(timeout=1.0, max_bytes=1_000_000))
        }
        assert time.monotonic() - started < 10
        with store.engine.connect() as conn:
            state = {n: get_feed(conn, n) for n in results}
    assert state["good"].health == "ok" and len(results["good"].new_reports) == 1
    for name, why in (
        ("error", "HTTP 500"),
        ("hang", "timed out"),
        ("huge", "more than 1,000,000 bytes"),
        ("broken", "not a well-formed feed"),
    ):
        feed = state[name]
        assert feed.health == "unhealthy", name
        assert why in (feed.last_error or ""), (name, feed.last_error)
        assert feed.failures == 1
        # back-off: twice the interval after one failure
        waited = (feed.next_due - feed.last_poll).total_seconds()
        assert waited == pytest.approx(120, abs=1), name


@pytest.mark.parametrize("killed_after", ["ingested", "pipeline", "queued"])
def test_a_cycle_cut_short_alerts_exactly_once_on_the_next(store: Store, killed_after: str):
    class Killed(Exception):
        pass

    def kill(stage: str) -> None:
        if stage == killed_after:
            raise Killed(stage)

    with FeedServer() as feeds, WebhookReceiver() as hook:
        feeds.routes["/feed.xml"] = Route(strike_feed(feeds))
        feeds.routes["/news/maarat"] = Route(ARTICLE.encode(), content_type="text/html")
        with store.transaction() as conn:
            add_feed(conn, "wire", "rss", f"{feeds.base}/feed.xml", every=1)
        subscribe(store, hook, None)
        with pytest.raises(Killed):
            run_cycle(store, options(checkpoint=kill))
        assert hook.received == []
        make_due(store)
        after = run_cycle(store, options())
        assert after.new_reports == 0  # the item was taken before the kill
        make_due(store)
        run_cycle(store, options())
        (got,) = hook.verified(SECRET)
        assert json.loads(got.body)["changes"] == ["new_event"]


def test_failed_deliveries_are_retried_then_dead_lettered(store: Store):
    with WebhookReceiver(status=500) as hook:
        now = dt.datetime.now(dt.UTC)
        with store.transaction() as conn:
            sub = add_subscription(conn, "webhook", hook.url, SECRET, {})
            (delivery,) = queue_alert(
                conn,
                "event:e-x",
                {"grade": "unverified"},
                ["new_event"],
                {"kind": "event"},
                [sub],
                now,
            )
        results = [deliver_due(store, delays=(0, 0)) for _ in range(4)]
        assert [(r.retrying, r.dead) for r in results] == [(1, 0), (1, 0), (0, 1), (0, 0)]
        assert {r.headers["x-trucewatch-delivery"] for r in hook.verified(SECRET)} == {delivery}
        with store.engine.connect() as conn:
            log = delivery_log(conn)
            dead = dead_letters(conn)
        assert [(r["attempt"], r["ok"], r["detail"]) for r in log] == [
            (3, False, "HTTP 500"),
            (2, False, "HTTP 500"),
            (1, False, "HTTP 500"),
        ]
        assert [d["outbox_id"] for d in dead] == [delivery]


def test_filters_on_different_keys_all_apply_repeated_keys_any_of():
    filters = parse_filters(["ruling=violation", "governorate=Idlib", "governorate=Aleppo"])
    event = {"kind": ["event"], "ruling": ["violation"], "governorate": ["Idlib"]}
    assert matches(filters, event)
    assert matches(filters, {**event, "governorate": ["Aleppo"]})
    assert not matches(filters, {**event, "governorate": ["Homs"]})
    assert not matches(filters, {**event, "ruling": ["not_in_force"]})
    assert not matches(filters, {"kind": ["hotline"], "guarantor": ["Russia"]})
    with pytest.raises(ValueError, match="unknown filter key"):
        parse_filters(["colour=red"])


def test_an_overdue_hotline_acknowledgement_raises_one_alert(store: Store):
    from trucewatch.centre import hotline
    from trucewatch.centre.users import SYSTEM

    sent = dt.datetime(2016, 3, 8, 9, tzinfo=dt.UTC)
    with store.transaction() as conn:
        sub = add_subscription(
            conn, "webhook", "http://127.0.0.1:9/hook", SECRET, {"kind": ["hotline"]}
        )
        thread = hotline.open_thread(
            conn, SYSTEM, subject="Idlib strikes", participants=["United States", "Russia"]
        )
        hotline.send_message(
            conn,
            SYSTEM,
            thread,
            sender="United States",
            recipients=["Russia"],
            body="Please confirm receipt.",
            sent_at=sent,
            ack_due=sent + dt.timedelta(hours=4),
        )
    later = sent + dt.timedelta(days=3)
    with store.transaction() as conn:
        assert queue_changes(conn, later) == (1, 1)
    with store.transaction() as conn:
        assert queue_changes(conn, later) == (0, 0)
        (row,) = conn.execute(select(alert_outbox)).all()
    assert row.subscription_id == sub.id and row.payload["changes"] == ["ack_overdue"]


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Field notes</title><id>urn:x</id>
<updated>2016-03-10T08:00:00Z</updated>
<entry><title>Shelling in Kafr Nabl</title><id>urn:x:1</id>
<link href="http://127.0.0.1:9/never-fetched"/>
<updated>2016-03-10T08:00:00Z</updated>
<content type="html">&lt;p&gt;Shelling hit the village of Kafr Nabl in Idlib on 9 March 2016,
killing two people, a local council said.&lt;/p&gt;</content></entry></feed>"""


def test_an_atom_feed_with_full_content_is_read_with_last_modified(store: Store):
    with FeedServer() as feeds:
        stamp = "Thu, 10 Mar 2016 08:00:00 GMT"
        feeds.routes["/atom.xml"] = Route(
            ATOM, content_type="application/atom+xml", last_modified=stamp
        )
        with store.transaction() as conn:
            add_feed(conn, "notes", "rss", f"{feeds.base}/atom.xml", every=1)
        (first,) = poll_all(store, _due(store), Limits(timeout=2))
        make_due(store)
        (second,) = poll_all(store, _due(store), Limits(timeout=2))
        assert feeds.requests[1][1].get("If-Modified-Since") == stamp
    assert len(first.new_reports) == 1 and second.not_modified and feeds.not_modified == 1
    assert [path for path, _ in feeds.requests] == ["/atom.xml", "/atom.xml"]  # content: no fetch
    with store.engine.connect() as conn:
        (row,) = conn.execute(select(reports)).all()
    assert row.text.startswith("Shelling in Kafr Nabl\n\nShelling hit the village of Kafr Nabl")
    assert row.published_date.isoformat() == "2016-03-10" and row.url.endswith("never-fetched")


def _due(store: Store):
    with store.engine.connect() as conn:
        return due_feeds(conn, dt.datetime.now(dt.UTC))


def test_a_drop_folder_reads_each_file_once_and_a_vanished_folder_is_unhealthy(
    store: Store, tmp_path
):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text("Shelling hit Kafr Nabl in Idlib on 9 March 2016.\n")
    (drop / "empty.txt").write_text("")
    with store.transaction() as conn:
        add_feed(conn, "drop", "folder", str(drop), every=1)
    (first,) = poll_all(store, _due(store))
    assert (len(first.new_reports), first.quarantined) == (1, 1)
    make_due(store)
    (second,) = poll_all(store, _due(store))
    assert (second.new_items, second.error) == (0, None)
    (drop / "a.txt").unlink()
    (drop / "empty.txt").unlink()
    drop.rmdir()
    make_due(store)
    (third,) = poll_all(store, _due(store))
    with store.engine.connect() as conn:
        feed = get_feed(conn, "drop")
    assert feed.health == "unhealthy" and "does not exist" in (third.error or "")
