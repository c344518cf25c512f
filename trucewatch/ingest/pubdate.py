"""A report's publication time: from metadata, its URL or a dateline, else inferred with a reason.

Nothing is invented: when no source states a date the report keeps an inferred range and the reason,
or is marked unknown.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

from trucewatch.ingest.landmarks import Anchor, landmark_anchor
from trucewatch.model.report import Published, PublishedBasis

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[-_])"
)


def date_from_url(url: str | None) -> dt.date | None:
    """A /YYYY/MM/DD/ path in a URL, as many news sites use (e.g. /Detail/2016/06/21/...)."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_metadata_date(value: str | None) -> dt.date | None:
    """An explicit publication date given by the input (ISO 8601 or a common written form)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        parsed = dateutil_parser.parse(value, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1900:  # no year given: not a publication date
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC)
    return parsed.date()


def resolve_published(metadata: str | None, url: str | None, text: str) -> Published:
    """The best-supported publication time, in order: metadata, URL, dateline, inference."""
    from trucewatch.extract.dates import find_dateline, infer_publication_range

    if (date := parse_metadata_date(metadata)) is not None:
        return Published(
            PublishedBasis.METADATA, date=date, reason=f"given as {metadata.strip()!r}"
        )
    if (date := date_from_url(url)) is not None:
        return Published(PublishedBasis.URL, date=date, reason=f"date path in URL {url}")
    dateline = find_dateline(text)
    if dateline is not None and dateline.date is not None:
        return Published(
            PublishedBasis.DATELINE, date=dateline.date, reason=f"dateline {dateline.text!r}"
        )
    return _inferred(infer_publication_range(text), landmark_anchor(text))


def _inferred(calendar: tuple[dt.date, dt.date, str] | None, landmark: Anchor | None) -> Published:
    """Both kinds of inference narrowed together: weekday-date pairs and named years give a
    range of years; landmarks the text names give a floor, and sometimes the year."""
    if calendar is None:
        if landmark is None:
            return Published.unknown()
        earliest, latest, why = landmark.earliest, landmark.latest, landmark.reason
    elif landmark is None:
        earliest, latest, why = calendar
    else:
        earliest = max(calendar[0], landmark.earliest)
        latest = min(calendar[1], landmark.latest or calendar[1])
        why = f"{calendar[2]}; {landmark.reason}"
        if earliest > latest:  # the two disagree: keep the calendar's range and say so
            earliest, latest = calendar[0], calendar[1]
            why = f"{calendar[2]} (landmarks disagree: {landmark.reason})"
    return Published(PublishedBasis.INFERRED, earliest=earliest, latest=latest, reason=why)
