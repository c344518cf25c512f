"""When something happened, as a window of days: the one rule every stage and view uses.

An incident's text may state its day, or state nothing; its report may have a publication date,
an inferred range, or none. Rulings, lists, maps, API filters, exports and reports all read the
same :class:`DateWindow`, built here and nowhere else, so every view counts the same events.

The rule (ACLED's time precision codes):

- the text states the day: that day (precision 1, basis ``text``); a stated week or month widens
  it (precision 2 or 3);
- the text states a span (e.g. "overnight": the two days ending on the dateline day): that span;
- no day stated, publication date known: the week ending on the publication date, best day the
  publication date (precision 2, basis ``dateline_week``);
- no publication date, an inferred publication range: that range widened by the week before it
  (precision 3, basis ``inferred_range``), best day its middle;
- otherwise unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class TimePrecision(IntEnum):
    """ACLED's time precision codes."""

    DAY = 1
    WEEK = 2  # a few days or a week
    MONTH = 3


class DateBasis(StrEnum):
    """What a date window rests on."""

    TEXT = "text"  # the text states the day (or span)
    DATELINE_WEEK = "dateline_week"  # undated by the text: the week up to publication
    INFERRED_RANGE = "inferred_range"  # undated report: its inferred publication range
    UNKNOWN = "unknown"


# An incident a dated report tells without a date is news of the week up to its publication.
NEWS_DAYS = 7
# The days anyone can ask about or set: a monitoring record has nothing outside them, and
# arithmetic on the calendar's own ends (0001-01-01 minus a day) would fail.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)

_BASIS_ORDER = {
    DateBasis.TEXT: 0,
    DateBasis.DATELINE_WEEK: 1,
    DateBasis.INFERRED_RANGE: 2,
    DateBasis.UNKNOWN: 3,
}


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days something happened in, [earliest, latest] inclusive, with a best day.

    ``event_date`` is the best single day (ACLED's ``event_date``); an unknown window has all
    three None.
    """

    earliest: dt.date | None
    latest: dt.date | None
    event_date: dt.date | None
    precision: TimePrecision | None
    basis: DateBasis

    @classmethod
    def unknown(cls) -> DateWindow:
        return cls(None, None, None, None, DateBasis.UNKNOWN)

    @property
    def known(self) -> bool:
        return self.event_date is not None

    @property
    def days(self) -> int | None:
        """How many days the window spans; None when either end is open."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def straddles(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether the window reaches outside the day range [first, last] it is counted in."""
        if not self.known:
            return False
        if first is not None and (self.earliest is None or self.earliest < first):
            return True
        return last is not None and (self.latest is None or self.latest > last)

    def counted_in(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether a view of days [first, last] counts this window: by where its best day falls."""
        if self.event_date is None:
            return first is None and last is None
        if first is not None and self.event_date < first:
            return False
        return last is None or self.event_date <= last

    def describe(self) -> str:
        """The window in words, with what it rests on."""
        if not self.known:
            return "date unknown"
        if self.earliest == self.latest:
            return f"on {self.event_date.isoformat()}"
        lo = self.earliest.isoformat() if self.earliest else "an unknown day"
        hi = self.latest.isoformat() if self.latest else "an unknown day"
        why = {
            DateBasis.TEXT: "as the text states",
            DateBasis.DATELINE_WEEK: "the text gives no day: the week up to its publication",
            DateBasis.INFERRED_RANGE: "neither text nor report is dated: the inferred range",
        }.get(self.basis, "")
        return f"between {lo} and {hi} ({why}; best day {self.event_date.isoformat()})"


def stated_window(day: dt.date, precision: TimePrecision | None = None) -> DateWindow:
    """The window of a day the text states, widened by its precision."""
    precision = precision or TimePrecision.DAY
    if precision == TimePrecision.MONTH:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return DateWindow(first, last, day, precision, DateBasis.TEXT)
    if precision == TimePrecision.WEEK:
        span = dt.timedelta(days=3)
        return DateWindow(day - span, day + span, day, precision, DateBasis.TEXT)
    return DateWindow(day, day, day, TimePrecision.DAY, DateBasis.TEXT)


def span_window(earliest: dt.date, latest: dt.date) -> DateWindow:
    """The window of a span the text states ("overnight", "on Monday and Tuesday")."""
    precision = TimePrecision.DAY if earliest == latest else TimePrecision.WEEK
    return DateWindow(earliest, latest, latest, precision, DateBasis.TEXT)


def incident_window(
    stated: dt.date | None,
    *,
    precision: TimePrecision | None = None,
    stated_span: tuple[dt.date, dt.date] | None = None,
    published: dt.date | None = None,
    published_earliest: dt.date | None = None,
    published_latest: dt.date | None = None,
) -> DateWindow:
    """The window of one report's incident, from what its text states and when it was published."""
    if stated_span is not None:
        return span_window(*stated_span)
    if stated is not None:
        return stated_window(stated, precision)
    news = dt.timedelta(days=NEWS_DAYS - 1)
    if published is not None:
        return DateWindow(
            published - news, published, published, TimePrecision.WEEK, DateBasis.DATELINE_WEEK
        )
    if published_earliest is not None and published_latest is not None:
        middle = published_earliest + (published_latest - published_earliest) / 2
        return DateWindow(
            published_earliest - news,
            published_latest,
            middle,
            TimePrecision.MONTH,
            DateBasis.INFERRED_RANGE,
        )
    return DateWindow.unknown()


def narrowest(windows: Sequence[DateWindow]) -> int | None:
    """Index of the narrowest known window (what an event takes from its members); None if none.

    Ties go to the better basis (text before dateline week before inferred range), then to the
    earlier best day, so the choice does not depend on the members' order.
    """
    best: int | None = None
    for i, window in enumerate(windows):
        if not window.known:
            continue
        if best is None or _rank(window) < _rank(windows[best]):
            best = i
    return best


def _rank(window: DateWindow) -> tuple[int, int, dt.date]:
    days = window.days if window.days is not None else 1_000_000
    assert window.event_date is not None
    return (days, _BASIS_ORDER[window.basis], window.event_date)
