"""The incident draft: an incident being assembled, with the mentions behind each field, and
how two figures for one toll combine."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from trucewatch.extract.spans import (
    PlaceMention,
    Trigger,
    doc_lowers,
    doc_text,
)
from trucewatch.gazetteer.places import GOVERNORATES, load_gazetteer
from trucewatch.model.incident import (
    GeoPrecision,
    IncidentType,
    Place,
    Toll,
    distance_km,
)
from trucewatch.model.report import Mention

if TYPE_CHECKING:
    from trucewatch.extract.dates import DateMention

# A war's or a period's tally; the war words count only beside a figure in the thousands.
WEAPON_TYPES = frozenset(
    {
        IncidentType.AIR_STRIKE,
        IncidentType.SHELLING,
        IncidentType.ARMED_CLASH,
        IncidentType.EXPLOSION,
        IncidentType.CHEMICAL_ATTACK,
    }
)


# The lead, where a report tells its story: an untyped attack counts only there, and an
# incident it tells without a place may be placed anywhere in the body.
LEAD_SENTENCES = 4

# Sentences within which a placed incident of the same type lends its place to one told
# without a place (and may merge with it); farther on, the report has moved to another story.
LATER_SAME = 5


UPDATE_WORDS = frozenset(
    {"rose", "rises", "risen", "climbed", "climbs", "increased", "reached"}
    | {"surpasses", "surpassed"}
)


@dataclass(slots=True)
class Draft:
    """An incident being assembled, with the mentions behind each field."""

    type: IncidentType
    sent: int
    trigger: Trigger
    place: PlaceMention | None = None
    date: object | None = None  # a DateMention
    perpetrator: str | None = None
    target: str | None = None
    killed: Toll = field(default_factory=Toll)
    injured: Toll = field(default_factory=Toll)
    evidence: list[Mention] = field(default_factory=list)
    inherited_date: bool = False
    vague: set[str] = field(default_factory=set)  # tolls known only as "dozens", "tens"
    roundup: bool = False  # a lead listing three or more governorates: dates others, not coded
    loose: bool = False  # told "overnight" / "last night": no day, not even from a merge
    counted_target: bool = False  # target read from who the toll counts, not stated as hit
    apart: bool = False  # told at a town of its own with its own dead: never folds into another
    # told as one more of its own kind ("in another air strike"): the incident told just
    # before was of that kind too
    another: bool = False
    # its dead told as more than others: "apart" ("three more civilians were killed in a
    # barrel bomb attack": another incident's), "told" ("another seven died in the clash")
    more_dead: str | None = None
    among: bool = False  # its place is one of several the sentence lists ("X, Y and Z")
    # tolls last set by an update ("the toll has risen to 18"): a lower figure told beside it
    # is the earlier count or a part, not another source's count
    updated: set[str] = field(default_factory=set)
    # (trigger, town) of each listed town told for it ("strikes on Raqqa and Tabqa"): another
    # town of the same list is another incident, even after a later merge
    listed: set[tuple[int, str]] = field(default_factory=set)
    # read from "the army killed 60 terrorists" with no weapon named: a clash unless a weapon
    # incident told just after it at its place says how they were killed
    killing: bool = False
    # told after "came a day after" / "weeks after" set after the news: an earlier event the
    # report recalls, never another telling of the news (its dead are not the news's toll)
    earlier: bool = False


def mention(field_name: str, doc: Doc, start: int, end: int) -> Mention:
    return Mention(field_name, start, end, doc_text(doc)[start:end], doc._.report_id)


def take_party(draft: Draft, source: Draft) -> None:
    """Give a draft that names no perpetrator the one another telling names, with the words
    that name it as its evidence (a party passed on keeps its span, like any value)."""
    if draft.perpetrator is None and source.perpetrator is not None:
        draft.perpetrator = source.perpetrator
        draft.evidence.extend(m for m in source.evidence if m.field == "perpetrator")


def inherit_date(draft: Draft, doc: Doc, day: DateMention) -> None:
    """Give a draft a day another telling states, marked inherited, with that
    day's span as its date evidence."""
    draft.date, draft.inherited_date = day, True
    draft.evidence.append(mention("date", doc, day.start, day.end))


def specificity(place: Place) -> int:
    """How narrowly a place locates an incident, lower is narrower: a town or neighbourhood (0),
    a place known only by the town it lies near (1), a governorate's seat city, which stands for
    the whole story there (2), a region (3). "Sevre, in Idlib" is told more narrowly than
    "Idlib" even when its coordinates are Idlib's."""
    if place.name == place.governorate:
        return 3 if place.geo_precision == GeoPrecision.REGION else 2
    if place.geo_precision == GeoPrecision.REGION and place.geonameid is None:
        return 1  # "the district of Sevre in Idlib": named, located only by its region
    return 0 if place.geo_precision == GeoPrecision.TOWN else 1


def toll_within(a: Toll, b: Toll) -> bool:
    """True when ``a``'s figure lies in ``b``'s range ("213" in "more than 200")."""
    v = a.best if a.best is not None else a.low
    return v is not None and b.low is not None and b.low <= v and (b.high is None or v <= b.high)


def _combine(old: Toll, new: Toll, update: bool) -> Toll:
    """Two figures for one toll: an update replaces, a disagreement widens to min/max."""
    if not old.known:
        return new
    if not new.known or new == old:
        return old
    if update:
        return new
    lows = [v for v in (old.low, new.low, old.best, new.best) if v is not None]
    highs = [v for v in (old.high, new.high) if v is not None]
    open_ended = old.high is None or new.high is None
    low = min(lows) if lows else None
    high = None if open_ended else max(highs)
    if low is not None and high is not None and low == high:
        return Toll(low, low, high)
    return Toll(low=low, high=high)


def below(new: Toll, old: Toll) -> bool:
    """True when a figure stays under a toll's lowest reading (an earlier or partial count)."""
    floor, top = old.lowest, new.highest
    return floor is not None and top is not None and top < floor


def add_toll(draft: Draft, kind: str, toll: Toll, vague: bool, update: bool) -> bool:
    """Fold one figure into a draft's toll; "dozens" counts only while no number is given, and
    an update ("the toll has risen to 18") replaces the count before it and outlasts the lower
    counts told after it ("on Wednesday the monitor reported at least five": the old count)."""
    old = draft.killed if kind == "killed" else draft.injured
    if vague and old.known and kind not in draft.vague:
        return False
    # "no one was killed" told beside a count: the 0 is another telling's (a part spared, an
    # early report), never the low end of the count's range: no 0..N toll
    if _none(toll) and old.known and not _none(old):
        return False
    if _none(old) and toll.known and not _none(toll) and not vague:
        old = Toll()
    if kind in draft.updated and not update and below(toll, old):
        return False
    if update and not vague:
        draft.updated.add(kind)
    if not vague and kind in draft.vague:
        new, update = toll, True  # a number replaces "dozens"
        draft.vague.discard(kind)
    else:
        new = toll
        if vague and not old.known:
            draft.vague.add(kind)
    combined = _combine(old, new, update)
    if kind == "killed":
        draft.killed = combined
    else:
        draft.injured = combined
    return True


def join_toll(home: Draft, other: Draft, kind: str) -> bool:
    """Fold another draft's toll of one kind into ``home`` when the two are one incident: an
    update it told ("the toll has risen to 18") still replaces, and outlasts lower counts."""
    toll = other.killed if kind == "killed" else other.injured
    return add_toll(home, kind, toll, kind in other.vague, kind in other.updated)


def _none(toll: Toll) -> bool:
    """True when a toll is a known count of none (0)."""
    return toll.known and (toll.high == 0 or (toll.high is None and toll.best == 0))


def join_target(home: Draft, other: Draft) -> None:
    """Fill ``home``'s target from a draft of the same incident: a target stated as hit ("an
    attack on YPG positions") outranks one read from who the toll counted."""
    if home.target is None or (home.counted_target and not other.counted_target and other.target):
        if home.target is not None:  # the toll's words no longer back the target
            home.evidence = [m for m in home.evidence if m.field != "target"]
        home.target, home.counted_target = other.target, other.counted_target


def place_name(d: Draft) -> str | None:
    return d.place.place.name if d.place is not None else None


def same_governorate(a: Draft, b: Draft) -> bool:
    ga = a.place.place.governorate if a.place else None
    gb = b.place.place.governorate if b.place else None
    return ga is None or gb is None or ga == gb


def sent_start(doc: Doc, p: PlaceMention) -> int:
    return doc._.sentences[p.sent].token_start


def regional(place: Place) -> Place:
    if place.geo_precision >= GeoPrecision.NEAR_TOWN:
        return place
    return replace(place, geo_precision=GeoPrecision.NEAR_TOWN)


def same_day(a: object | None, b: object | None) -> bool:
    return a is None or b is None or a.date == b.date


def same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Two mentions can name one incident's place: one is unknown or a region holding the
    other, or both name the same town. Two distinct towns are two incidents (GOLD-DEV.md)."""
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.governorate != pb.governorate:
        return False
    if pa.name == pb.name or name_key(pa.name) == name_key(pb.name):
        return True
    # a governorate's own city or region stands for the whole story there, and so do the
    # surroundings of a seat city ("a gas attack near Damascus": Rif Dimashq at large); a
    # quarter the gazetteer knows only by its region is named, so it is a town, not broad
    return (
        _stands_for_region(pa) or _stands_for_region(pb) or area_holds(pa, pb) or area_holds(pb, pa)
    )


# How far from the centre the gazetteer gives a named area a town may lie and still be in it:
# the areas it names (the Eastern Ghouta, Qalamoun, Jabal al-Zawiya) span a few tens of km.
AREA_REACH_KM = 20.0


def named_area(place: Place) -> bool:
    """True when the gazetteer holds ``place`` as a named area of several towns ("the Eastern
    Ghouta", "Qalamoun", "Jabal al-Zawiya"; ``area: true`` in its hand-kept sources)."""
    return load_gazetteer().is_area(place)


@lru_cache(maxsize=4096)
def _source(place: Place) -> str:
    """Where the gazetteer has a place from ("" for a place it does not hold as such)."""
    return load_gazetteer().source(place) or ""


def area_holds(area: Place, town: Place) -> bool:
    """True when ``town`` lies in the named area ``area`` (:func:`named_area`), in one
    governorate: "air strikes on the market in Douma ... the jets fired at the market in the
    Eastern Ghouta" place one attack twice, the second time by the area holding the town. The
    town is within :data:`AREA_REACH_KM` of the area's centre, or the gazetteer locates it in
    the area by name ("Jisrin (Eastern Ghouta, next to Kafr Batna)")."""
    if area.governorate != town.governorate or not named_area(area) or named_area(town):
        return False
    if town.name == town.governorate:
        return False  # a seat city stands for its governorate, wider than any one area
    if area.name in _source(town):
        return True
    # the town's nearest area, within reach: Darayya lies nearer the Western Ghouta's centre
    # than some of the Eastern Ghouta's towns lie to theirs
    km = distance_km(area, town)
    return km is not None and km <= AREA_REACH_KM and _nearest_area(town) == area


@lru_cache(maxsize=4096)
def _nearest_area(town: Place) -> Place | None:
    """The named area (:func:`named_area`) of ``town``'s governorate nearest to it."""
    best: tuple[float, Place] | None = None
    for p in load_gazetteer().places():
        if p.governorate != town.governorate or not named_area(p):
            continue
        km = distance_km(p, town)
        if km is not None and (best is None or km < best[0]):
            best = (km, p)
    return best[1] if best is not None else None


# Articles a place name may be written with or without ("al-Mshairfeh", "Mshairfeh").
NAME_ARTICLES = ("al-", "al ", "el-", "el ", "ar-", "as-", "ash-", "ad-", "the ")


def name_key(name: str) -> str:
    """A place name as compared between two tellings: "al-Baath" and "Baath" are one town
    (a quarter the gazetteer lacks keeps the text's spelling, with or without its article)."""
    key = name.lower().strip()
    for article in NAME_ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            key = key[len(article) :]
            break
    return key.replace("-", " ")


def _stands_for_region(place: Place) -> bool:
    """:func:`broad`, except for a place named for itself but known only by the region it lies
    in ("the al-Mohafazah neighbourhood" of a city, a quarter the gazetteer lacks): that is one
    quarter, and another quarter of the same city is another incident. A named area the
    gazetteer holds at region level ("the Golan Heights") still stands for its region."""
    return broad(place) and not _quarter_by_region(place.name, place.governorate)


@lru_cache(maxsize=4096)
def _quarter_by_region(name: str, governorate: str | None) -> bool:
    """True when ``name`` is no governorate and no area the gazetteer knows at region level."""
    if name == governorate or name in GOVERNORATES:
        return False
    known = load_gazetteer().lookup(name)
    return not any(p.geo_precision == GeoPrecision.REGION for p in known)


def broad(place: Place) -> bool:
    """A place that stands for its governorate's story: the region, the seat city, or the
    seat city's surroundings."""
    return (
        place.geo_precision == GeoPrecision.REGION
        or place.name == place.governorate
        or (place.name in GOVERNORATES and place.geo_precision >= GeoPrecision.NEAR_TOWN)
    )


# Tokens that may stand between two names of one list ("al-Shaar al-Sukkari and Karam al-Beik").
LIST_GLUE = frozenset({"and", ",", "or", "the", "al", "el", "-"})
LIST_GAP = 3  # tokens at most between two listed names


def one_of_listed(doc: Doc, place: PlaceMention) -> bool:
    """True when a place is one of a list of towns or quarters ("districts struck included
    al-Shaar al-Sukkari and al-Sakhour"): next to another town's name with only list words
    between, not nested in it ("Shaar in Aleppo")."""
    lowers = doc_lowers(doc)
    for p in doc._.places or ():
        if p.sent != place.sent or p.place.name == place.place.name or specificity(p.place) >= 2:
            continue
        first, second = sorted((p, place), key=lambda m: m.token_start)
        gap = lowers[first.token_end : second.token_start]
        if len(gap) <= LIST_GAP and all(w in LIST_GLUE for w in gap):
            return True
    return False
