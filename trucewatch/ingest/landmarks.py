"""Landmarks of the Syrian war that date an undated report: words that could only be written
after something happened ("Russian air strikes", "Jabhat Fateh al-Sham", "resolution 2268").

A report naming a landmark was published on or after it. A landmark's day named with "last year"
("since ... September 30 last year", beside the Russian air campaign) gives the publication year.
The list is ours, each entry with the public record it rests on; it errs towards fewer, safer
entries, since a wrong floor would date a report wrongly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = tuple(name.lower() for name in calendar.month_name[1:])  # as extract.dates reads them


@dataclass(frozen=True, slots=True)
class Landmark:
    """Something that happened on a known day, and words only written after it."""

    what: str  # in our words, for the reason shown to a person
    on: dt.date
    words: re.Pattern[str]


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


LANDMARKS: tuple[Landmark, ...] = (
    # Russia's air campaign in Syria began on 30 September 2015 (Russian Ministry of Defence;
    # UN Security Council meeting of 30 Sep 2015). Before it nobody wrote of Russian air strikes
    # in Syria; "Russian-made" jets are excluded.
    Landmark(
        "Russia's air campaign in Syria began",
        dt.date(2015, 9, 30),
        _words(
            r"\bRussian(?!-made)\s+(?:air\s*force|aerospace\s+forces?|war\s*planes?|air\s*strikes?"
            r"|air\s*raids?|bombing\s+campaign)|\bRussia's\s+(?:air\s+campaign|Syria\s+campaign)"
        ),
    ),
    # The United States and Russia announced the terms of the cessation of hostilities on
    # 22 February 2016 (joint statement of the ISSG co-chairs, US State Department).
    Landmark(
        "the US and Russia agreed the terms of a cessation of hostilities",
        dt.date(2016, 2, 22),
        _words(r"\bTerms\s+for\s+a\s+Cessation\s+of\s+Hostilities"),
    ),
    # Jabhat al-Nusra renamed itself Jabhat Fateh al-Sham on 28 July 2016 (its leader's video
    # statement, widely reported that day).
    Landmark(
        "Jabhat al-Nusra took the name Jabhat Fateh al-Sham",
        dt.date(2016, 7, 28),
        _words(r"\b(?:Fateh|Fatah|Fath)\s+al-?\s?Sham\b"),
    ),
    # Hay'at Tahrir al-Sham was formed on 28 January 2017 (its founding statement).
    Landmark(
        "Hayat Tahrir al-Sham was formed",
        dt.date(2017, 1, 28),
        _words(r"\bTahrir\s+al-?\s?Sham\b"),
    ),
    # The Astana memorandum on de-escalation zones was signed on 4 May 2017 (Russian, Turkish
    # and Iranian foreign ministries).
    Landmark(
        "the Astana memorandum created de-escalation zones",
        dt.date(2017, 5, 4),
        _words(r"\bde-?escalation\s+zones?\b"),
    ),
)

# UN Security Council resolutions on Syria, by number and the day each was adopted (UN documents
# S/RES/2042 ... S/RES/2401, un.org/securitycouncil).
RESOLUTIONS: dict[int, dt.date] = {
    2042: dt.date(2012, 4, 14),
    2043: dt.date(2012, 4, 21),
    2118: dt.date(2013, 9, 27),
    2139: dt.date(2014, 2, 22),
    2165: dt.date(2014, 7, 14),
    2170: dt.date(2014, 8, 15),
    2178: dt.date(2014, 9, 24),
    2199: dt.date(2015, 2, 12),
    2235: dt.date(2015, 8, 7),
    2249: dt.date(2015, 11, 20),
    2254: dt.date(2015, 12, 18),
    2258: dt.date(2015, 12, 22),
    2268: dt.date(2016, 2, 26),
    2328: dt.date(2016, 12, 19),
    2332: dt.date(2016, 12, 21),
    2336: dt.date(2016, 12, 31),
    2393: dt.date(2017, 12, 19),
    2401: dt.date(2018, 2, 24),
}
_RESOLUTION = re.compile(r"\b(?:resolution|UNSCR|S/RES/)\s*(\d{4})\b", re.IGNORECASE)

# The first US-Russian cessation of hostilities in Syria was announced on 22 February 2016 (see
# above): a ceasefire said to be brokered or backed by both cannot be older.
US_RUSSIAN_TRUCE = dt.date(2016, 2, 22)
_TRUCE = re.compile(r"\b(?:ceasefire|cease-fire|truce|cessation of hostilities)\b", re.IGNORECASE)
_US = re.compile(r"\b(?:US|USA|United States|American|Washington)\b")
_RUSSIA = re.compile(r"\b(?:Russia|Russian|Moscow)\b")
_NEAR = 120  # characters either side of a truce word that still speak of it
_LAST_YEAR = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+last\s+year\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A bound on a report's publication the text supports, and why."""

    earliest: dt.date
    latest: dt.date | None
    reason: str


def landmark_anchor(text: str) -> Anchor | None:
    """The tightest publication range the landmarks a text names allow, or None."""
    flat = " ".join(text.replace("U.S.", "US").split())
    named: list[tuple[dt.date, str]] = []
    for landmark in LANDMARKS:
        if match := landmark.words.search(flat):
            named.append((landmark.on, f"'{match[0]}': {landmark.what} on {_day(landmark.on)}"))
    for match in _RESOLUTION.finditer(flat):
        adopted = RESOLUTIONS.get(int(match[1]))
        if adopted is not None:
            named.append((adopted, f"'{match[0]}' was adopted on {_day(adopted)}"))
    if (truce := _us_russian_truce(flat)) is not None:
        why = f"'{truce}' beside the US and Russia: the first US-Russian truce in Syria"
        named.append((US_RUSSIAN_TRUCE, f"{why} was announced on {_day(US_RUSSIAN_TRUCE)}"))
    if not named:
        return None
    earliest, why = max(named)
    latest = None
    reasons = [f"the text names a landmark: {why}"]
    year = _year_from_last_year(flat, [on for on, _ in named])
    if year is not None:
        earliest = max(earliest, dt.date(year, 1, 1))
        latest = dt.date(year, 12, 31)
        reasons.append(f"it calls a landmark's day 'last year', so it was written in {year}")
    if latest is not None and earliest > latest:
        return None  # landmarks that disagree say nothing safe
    return Anchor(earliest, latest, "; ".join(reasons))


def _us_russian_truce(flat: str) -> str | None:
    """A truce word with the US and Russia both named close to it, in the same sentence."""
    for match in _TRUCE.finditer(flat):
        lo, hi = max(0, match.start() - _NEAR), match.end() + _NEAR
        before = flat[lo : match.start()].rsplit(". ", 1)[-1]
        after = flat[match.end() : hi].split(". ", 1)[0]
        if _US.search(before + after) and _RUSSIA.search(before + after):
            return match[0]
    return None


def _year_from_last_year(flat: str, days: list[dt.date]) -> int | None:
    """ "September 30 last year", where 30 September is a landmark's day: written the next year."""
    for match in _LAST_YEAR.finditer(flat):
        month, day = _MONTHS.index(match[1].lower()) + 1, int(match[2])
        for on in days:
            if (on.month, on.day) == (month, day):
                return on.year + 1
    return None


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
