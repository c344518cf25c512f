"""Dates that mark the page rather than the story: a photo caption's date before its credit, an
embedded post's date after its signature, a page's "updated" stamp. They date a picture, a post
or the report itself, never an incident (:mod:`trucewatch.extract.dates` marks them so)."""

from __future__ import annotations

import re

from trucewatch.extract.date_tokens import DateToken

__all__ = ["is_caption", "is_stamp"]


# A photo credit after a full date: "... near Aleppo, Syria June 6 2015 (Reuters)", "... 2016.
# Source Reuters (Agencies)". Agencies' names as they appear in credits; "Photo" and "File"
# cover the rest ("(AP Photo/...)").
_CREDIT = re.compile(
    r"\s*\.?\s*(?:(?i:source)\s+[\w ]{1,20}?\s*)?\((?:[^()]{0,40}?[\s/])?"
    r"(?:(?i:reuters|afp|agencies|photo|file|getty|epa|anadolu|xinhua)|AP|AA|SANA|TRT|DPA|UPI)"
    r"\b[^()]{0,40}\)"
)
# An embedded post's signature before its date: "... Name (@handle) October 13, 2016".
_HANDLE = re.compile(r"\(\s*@?\w+\s*\)\s*$")


def is_caption(text: str, tok: DateToken) -> bool:
    """A full date (with its year) followed by a photo credit, or signing an embedded post, is
    the day a picture was taken or a post written, not the day of anything the report tells."""
    if tok.kind != "abs" or tok.year is None:
        return False
    signed = _HANDLE.search(text, max(0, tok.start - 40), tok.start) is not None
    return signed or bool(_CREDIT.match(text, tok.end))


# "(updated 0930 03.05.2017)", "Last updated: 12 May 2016": the day the page was published or
# revised, dating the report, never an incident.
_STAMP = re.compile(
    r"(?i:\b(?:posted|published|updated|modified)\b)[\s:]*(?:on\s+)?(?:\d{3,4}\s+)?$"
)


def is_stamp(text: str, tok: DateToken) -> bool:
    """A full date right after "updated" / "published" / "posted" near the top of a page."""
    if tok.kind != "abs" or tok.year is None:
        return False
    return _STAMP.search(text, max(0, tok.start - 32), tok.start) is not None
