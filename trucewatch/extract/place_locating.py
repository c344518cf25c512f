"""Where an unknown name lies: a name the gazetteer lacks, once a reader has told it as a place,
is located by the known place the text says it lies in or near, else by the nearest one in its
sentence, else by the story of the sentence before or after (at its governorate only)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.place_name_words import CAME
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_starts,
    doc_text,
    sentence_of,
    token_end_char,
)
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision, Place


def located(
    doc: Doc, found: list[PlaceMention], first: int, last: int, quarter: bool = False
) -> PlaceMention | None:
    """The unknown name ``doc[first:last + 1]`` as a place mention, located by a known place:
    the one it is said to lie in ("... of Sevre in Idlib"), else the nearest in its sentence
    (near-town precision), else the story of the sentence before or after (its governorate, at
    region precision; but a ``quarter`` the text calls a district or neighbourhood is a part
    of the town told there, at near-town precision)."""
    sent = sentence_of(doc, first)
    near = [p for p in found if p.sent == sent and not (first <= p.token_start <= last)]
    if near:
        outer = next((p for p in near if 0 < p.token_start - last <= 8), None) or min(
            near, key=lambda p: min(abs(p.token_start - last), abs(first - p.token_end))
        )
        precision = max(outer.place.geo_precision, GeoPrecision.NEAR_TOWN)
    else:
        # "... in Eastern Ghouta. The shell hit a school in the town of Jisreen": told in
        # the story of the sentence before (else after), known only by its governorate
        outer = _neighbour_place(found, sent, doc)
        if outer is None or not outer.place.governorate:
            return None
        precision = GeoPrecision.REGION
        if quarter and outer.place.geo_precision == GeoPrecision.TOWN:
            # "... in Aleppo city. The rocket struck the Shahba al-Jadida district in the west
            # of the city": a district is a part of a town, the one the story just told
            precision = GeoPrecision.NEAR_TOWN
    start, end = doc_starts(doc)[first], token_end_char(doc, last)
    name = doc_text(doc)[start:end]
    if precision == GeoPrecision.REGION and outer.place.geo_precision < GeoPrecision.REGION:
        place = replace(_governorate_place(outer.place.governorate), name=name)
    else:
        place = replace(outer.place, name=name, geo_precision=precision, geonameid=None)
    return PlaceMention(start, end, name, place, first, last + 1, sent, ())


def _neighbour_place(
    found: list[PlaceMention], sent: int, doc: Doc | None = None
) -> PlaceMention | None:
    """The last place told in the sentence before ``sent``, else the first in the one after;
    not one told after "came as" ("The strikes came as a car bomb wounded 37 in Homs": another
    happening's place), whose sentence's own story is then the one before it."""
    before = [p for p in found if p.sent == sent - 1]
    if doc is not None and before:
        lowers = doc_lowers(doc)
        start = doc._.sentences[sent - 1].token_start
        own = [p for p in before if not _came_as(lowers[start : p.token_start])]
        # every place of the sentence before is another happening's: the story's is earlier
        earlier = [p for p in found if p.sent == sent - 2]
        before = own or earlier or before
    if before:
        return before[-1]
    return next((p for p in found if p.sent == sent + 1), None)


def _came_as(words_: list[str]) -> bool:
    """True when "came as" (or "come as", "comes as") stands among ``words_``."""
    return any(a in CAME and b == "as" for a, b in pairwise(words_))


def _governorate_place(governorate: str) -> Place:
    """A governorate's own region-precision place, with its coordinates."""
    return load_gazetteer().governorate_place(governorate)
