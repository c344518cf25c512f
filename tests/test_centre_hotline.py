"""The hotline: overdue acknowledgements judged as instants whatever zone each time was given in,
a liaison's view limited to its guarantor's and shared threads, positions and the reply to them."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.centre import IllegalTransition, PermissionDenied, StaleRecord, hotline
from trucewatch.centre.users import SYSTEM
from trucewatch.model.centre import HotlineMessage, Role, User

US, RU, TR = "United States", "Russia", "Turkey"
WINTER = dt.timezone(dt.timedelta(hours=2))  # Damascus in February 2016
SUMMER = dt.timezone(dt.timedelta(hours=3))  # Damascus from April 2016
WASHINGTON = dt.timezone(dt.timedelta(hours=-5))
US_CELL, RU_CELL = User("us-cell", Role.LIAISON, US), User("ru-cell", Role.LIAISON, RU)


def _thread(conn, *participants: str, shared: bool = False) -> int:
    return hotline.open_thread(
        conn, SYSTEM, subject="s", participants=list(participants), shared=shared
    )


def _send(conn, thread: int, sent: dt.datetime, due: dt.datetime | None, sender=RU, to=US) -> int:
    return hotline.send_message(
        conn, SYSTEM, thread, sender=sender, recipients=[to], body="b", sent_at=sent, ack_due=due
    )


@pytest.mark.parametrize(
    ("due", "now", "late"),
    [
        # Due 12:00 Damascus (10:00 UTC); at 11:30 Damascus it is not late, at 12:30 it is.
        (
            dt.datetime(2016, 2, 28, 12, tzinfo=WINTER),
            dt.datetime(2016, 2, 28, 9, 30, tzinfo=dt.UTC),
            False,
        ),
        (
            dt.datetime(2016, 2, 28, 12, tzinfo=WINTER),
            dt.datetime(2016, 2, 28, 10, 30, tzinfo=dt.UTC),
            True,
        ),
        # Washington's 05:30 is 12:30 in Damascus: late, though the clock reads earlier.
        (
            dt.datetime(2016, 2, 28, 12, tzinfo=WINTER),
            dt.datetime(2016, 2, 28, 5, 30, tzinfo=WASHINGTON),
            True,
        ),
        (
            dt.datetime(2016, 2, 28, 12, tzinfo=WINTER),
            dt.datetime(2016, 2, 28, 4, 30, tzinfo=WASHINGTON),
            False,
        ),
        # Summer time: 12:00 Damascus is 09:00 UTC; 11:30 Damascus (UTC+3) is still in time.
        (
            dt.datetime(2016, 5, 10, 12, tzinfo=SUMMER),
            dt.datetime(2016, 5, 10, 11, 30, tzinfo=SUMMER),
            False,
        ),
        (
            dt.datetime(2016, 5, 10, 12, tzinfo=SUMMER),
            dt.datetime(2016, 5, 10, 9, 1, tzinfo=dt.UTC),
            True,
        ),
    ],
)
def test_overdue_across_time_zones(store, due, now, late):
    sent = due - dt.timedelta(hours=24)
    with store.transaction() as conn:
        thread = _thread(conn, US, RU)
        mid = _send(conn, thread, sent, due)
        _send(conn, thread, sent, None)  # no deadline: never overdue
        listed = [m.id for m in hotline.overdue(conn, SYSTEM, now)]
        [stored] = [m for m in hotline.thread_messages(conn, SYSTEM, thread) if m.id == mid]
    assert listed == ([mid] if late else [])
    assert stored.overdue(now) is late
    assert stored.ack_due == due  # the same instant, now held in UTC
    assert stored.ack_due.utcoffset() == dt.timedelta(0)


def test_an_acknowledged_message_is_no_longer_overdue_and_is_acknowledged_once(store):
    due = dt.datetime(2016, 2, 28, 12, tzinfo=WINTER)
    late = due + dt.timedelta(hours=5)
    with store.transaction() as conn:
        thread = _thread(conn, US, RU)
        mid = _send(conn, thread, due - dt.timedelta(hours=4), due)
        assert [m.id for m in hotline.overdue(conn, US_CELL, late)] == [mid]
        hotline.acknowledge(conn, US_CELL, mid, at=due + dt.timedelta(hours=1), reply="seen")
        assert hotline.overdue(conn, US_CELL, late) == []
        with pytest.raises(IllegalTransition, match="acknowledged"):
            hotline.acknowledge(conn, US_CELL, mid, at=late)
        with pytest.raises(PermissionDenied):  # the sender cannot acknowledge its own message
            hotline.acknowledge(conn, RU_CELL, _send(conn, thread, due, late), at=late)
        [first, _] = hotline.thread_messages(conn, US_CELL, thread)
    assert (first.acked_by, first.reply) == ("us-cell", "seen")
    assert first.acked_at == due + dt.timedelta(hours=1)


def test_overdue_from_the_model_alone():
    due = dt.datetime(2016, 2, 28, 10, tzinfo=dt.UTC)
    message = HotlineMessage("Russia", ("United States",), "b", due - dt.timedelta(days=1), due)
    assert message.overdue(dt.datetime(2016, 2, 28, 12, 1, tzinfo=WINTER))
    assert not message.overdue(dt.datetime(2016, 2, 28, 11, 59, tzinfo=WINTER))


def test_a_liaison_sees_its_guarantors_threads_and_shared_ones(store):
    now = dt.datetime(2016, 3, 1, tzinfo=dt.UTC)
    before = now - dt.timedelta(days=1)
    with store.transaction() as conn:
        both = _thread(conn, US, RU)
        russia_turkey = _thread(conn, RU, TR)
        task_force = _thread(conn, RU, TR, shared=True)
        for thread in (both, russia_turkey, task_force):
            _send(
                conn,
                thread,
                before - dt.timedelta(hours=1),
                before,
                sender=RU,
                to=TR if thread != both else US,
            )
        seen = {
            who.name: sorted(t.id for t in hotline.visible_threads(conn, who))
            for who in (US_CELL, RU_CELL, User("analyst", Role.ANALYST))
        }
        us_overdue = {m.thread_id for m in hotline.overdue(conn, US_CELL, now)}
        with pytest.raises(PermissionDenied):
            hotline.visible_threads(conn, User("researcher", Role.VIEWER))
    assert seen == {
        "us-cell": [both, task_force],
        "ru-cell": [both, russia_turkey, task_force],
        "analyst": [both, russia_turkey, task_force],
    }
    assert us_overdue == {both, task_force}


def test_shared_positions_get_the_other_sides_response(store):
    with store.transaction() as conn:
        thread = _thread(conn, US, RU)
        mid = hotline.send_message(
            conn,
            RU_CELL,
            thread,
            sender=RU,
            recipients=[US],
            body="b",
            sent_at=dt.datetime(2016, 2, 29, 9, tzinfo=WINTER),
            subject_areas=["east-aleppo-2016"],
        )
        pid = hotline.share_positions(
            conn,
            RU_CELL,
            mid,
            control_area="east-aleppo-2016",
            description="positions of an excluded group",
            geometry={"type": "Point", "coordinates": [37.2, 36.2]},
        )
        hotline.respond_to_positions(conn, US_CELL, pid, "disputed", text="others hold it too")
        with pytest.raises(IllegalTransition, match="disputed to disputed"):
            hotline.respond_to_positions(conn, US_CELL, pid, "disputed", text="again")
        [position] = hotline.positions(conn, US_CELL, mid)
    assert (position.control_area, position.shared_by, position.responded_by) == (
        "east-aleppo-2016",
        RU,
        US,
    )
    assert (position.response, position.response_text) == ("disputed", "others hold it too")
    assert position.geometry["coordinates"] == [37.2, 36.2]


def test_escalation_only_goes_up(store):
    with store.transaction() as conn:
        thread = _thread(conn, US, RU)
        hotline.escalate(conn, US_CELL, thread, "ministers", reason="no answer in 48 hours")
        with pytest.raises(IllegalTransition, match="ministers to task_force"):
            hotline.escalate(conn, US_CELL, thread, "task_force", reason="calmer")
        [t] = hotline.visible_threads(conn, US_CELL)
    assert t.escalation == "ministers"


def test_two_acknowledgements_racing_keep_the_first(store):
    """Two officers acknowledge the same message from two connections at once."""
    due = dt.datetime(2016, 2, 28, 12, tzinfo=WINTER)
    with store.transaction() as conn:
        thread = _thread(conn, US, RU)
        mid = _send(conn, thread, due - dt.timedelta(hours=3), due)
    other = User("us-cell-2", Role.LIAISON, US)
    with store.engine.connect() as a, store.engine.connect() as b:
        tb = b.begin()
        seen = hotline.thread_messages(b, other, thread)[0].version  # b reads first...
        with a.begin():
            hotline.acknowledge(a, US_CELL, mid, at=due)  # ...a acknowledges and commits
        from trucewatch.centre import records

        with pytest.raises(StaleRecord, match="acked_at, acked_by changed by us-cell"):
            records.edit(
                b, other, hotline.MESSAGES, mid, {"acked_at": due, "acked_by": "x"}, seen=seen
            )
        with pytest.raises(IllegalTransition):
            hotline.acknowledge(b, other, mid, at=due)
        tb.rollback()
