"""How far a report's places reach: a list of a city's quarters stands for the city, and a
town stands for an incident told at governorate level only where a word of the happening is
told right before it, and an incident placed at a town takes the narrower place a later
sentence tells inside that town; a place told after "came as" belongs to another happening.
Helpers of :mod:`trucewatch.extract.incident_places`."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.attribution import REPORTING
from trucewatch.extract.draft import Draft, mention, same_day, sent_start, specificity
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.place_name_words import COMPASS
from trucewatch.extract.place_reading import CLAUSE_BREAKS
from trucewatch.extract.spans import PlaceMention, doc_lowers, doc_text, doc_texts
from trucewatch.gazetteer.places import GOVERNORATES, load_gazetteer
from trucewatch.model.incident import NON_VIOLENT, GeoPrecision, IncidentType, Place

# Plural nouns that open or close a list of a city's quarters.
QUARTERS = frozenset({"neighbourhoods", "neighborhoods", "districts", "quarters"})
QUARTER_GLUE = frozenset({"al", "el", "-", "and", ",", "the", "of"})
QUARTER_REACH = 20  # tokens a list of quarters may run


def city_of_quarters(doc: Doc, chosen: PlaceMention) -> PlaceMention:
    """ "rockets hit the neighbourhoods of A, B and C": one toll over several quarters of a
    city is one incident in that city (GOLD-DEV.md), told by the whole list. A place that is
    not in such a list, or a list of quarters of no governorate seat, is kept as it is."""
    lowers = doc_lowers(doc)
    sent = doc._.sentences[chosen.sent]
    start = end = None
    k = chosen.token_start - 1
    while k >= max(sent.token_start, chosen.token_start - QUARTER_REACH):
        if lowers[k] == "of" and k > 0 and lowers[k - 1] in QUARTERS:
            start = k + 1
            break
        if not (lowers[k] in QUARTER_GLUE or doc_texts(doc)[k][:1].isupper()):
            break
        k -= 1
    k = chosen.token_end
    while k < min(sent.token_end, chosen.token_end + QUARTER_REACH):
        if lowers[k] in QUARTERS:
            end = k
            break
        if not (lowers[k] in QUARTER_GLUE or doc_texts(doc)[k][:1].isupper()):
            break
        k += 1
    if start is None and end is None:
        return chosen
    first = start if start is not None else chosen.token_start
    last = end if end is not None else k
    listed = [
        p
        for p in doc._.places
        if p.sent == chosen.sent and first <= p.token_start and p.token_end <= last
    ]
    govs = {p.place.governorate for p in listed}
    # the plural noun says several quarters even where the gazetteer knows one of the names
    # listed ("the neighbourhoods of al-Mashtal and Hamdaniyeh")
    several = len(listed) >= 2 or _names_listed(doc, first, last)
    if not several or len(govs) != 1:
        return chosen
    city = seat_city(chosen.place.governorate or "")
    if city is None or any(specificity(p.place) > 1 for p in listed):
        return chosen
    span_end = max(p.token_end for p in listed)
    return replace(
        chosen,
        start=listed[0].start,
        end=listed[-1].end,
        text=doc_text(doc)[listed[0].start : listed[-1].end],
        place=city,
        token_start=listed[0].token_start,
        token_end=span_end,
        candidates=(),
    )


def _names_listed(doc: Doc, first: int, last: int) -> bool:
    """True when tokens ``first``..``last`` list two or more names: a list word ("and", ",",
    "or") right before a capitalised word."""
    lowers = doc_lowers(doc)
    return any(
        lowers[k] in LIST_WORDS and doc_texts(doc)[k + 1][:1].isupper()
        for k in range(first, last - 1)
    )


LIST_WORDS = frozenset({"and", ",", "or"})


def listed_quarter(doc: Doc, p: PlaceMention) -> bool:
    """True when ``p`` is one of a list of a city's quarters that one toll is spread over
    (:func:`city_of_quarters`): it tells where part of the incident fell, not where it
    happened, so it never narrows the incident's place."""
    return city_of_quarters(doc, p).place != p.place


def seat_city(governorate: str) -> Place | None:
    """The governorate's seat city as a town-precision place, None for Rif Dimashq (none)."""
    gaz = load_gazetteer()
    return next(
        (
            p
            for p in gaz.lookup(governorate)
            if p.name == governorate and p.geo_precision == GeoPrecision.TOWN
        ),
        None,
    )


# Words that make a sentence tell a happening (an attack, its dead), not a plan or a front line.
EVENT_WORDS = frozenset(
    {"killed", "killing", "kills", "dead", "died", "wounded", "injured", "injuring", "victims",
     "attack", "attacks", "attacked", "strike", "strikes", "struck", "blast", "bombing", "bombed",
     "explosion", "exploded", "shell", "shells", "shelling", "hit", "targeted", "raid", "raids",
     "destroyed", "destroying", "massacre", "bloodshed", "bombardment", "airstrike",
     "airstrikes"}
)  # fmt: skip


def inside_span(p: PlaceMention, outer: PlaceMention) -> bool:
    """True when ``p`` is one of several places told inside ``outer``'s span (a city told by
    the list of its quarters, :func:`city_of_quarters`)."""
    same = (p.token_start, p.token_end) == (outer.token_start, outer.token_end)
    return not same and outer.token_start <= p.token_start and p.token_end <= outer.token_end


def governorate_only(place: Place) -> bool:
    """A place that locates an incident only to its governorate: the region, its seat city, or
    the surroundings of a seat city ("outside the capital Damascus")."""
    if specificity(place) >= 2:
        return True
    return place.geo_precision >= GeoPrecision.NEAR_TOWN and place.name in GOVERNORATES


EVENT_REACH = 15  # tokens from a word of attack or casualty to the place it happened at


def event_tokens(doc: Doc) -> list[int]:
    """Tokens that tell a happening: a trigger of any incident type, or a word of attack or
    casualty ("the attack targeted a police station in X", "72 died in the town of Y")."""
    out = {k for t in doc._.triggers or () for k in range(t.token_start, t.token_end)}
    out.update(k for k, w in enumerate(doc_lowers(doc)) if w in EVENT_WORDS)
    return sorted(out)


def told_happening(doc: Doc, p: PlaceMention, events: list[int]) -> bool:
    """True when a word of the happening stands shortly before the place, in its sentence
    ("killed in rebel-held X"), and the place is not a landmark others are placed by ("the
    attack served ... operations east of X")."""
    lowers = doc_lowers(doc)
    if (
        p.token_start > 1
        and lowers[p.token_start - 1] == "of"
        and lowers[p.token_start - 2] in COMPASS
    ):
        return False  # "operations east of X": X only marks where they lie
    floor = max(sent_start(doc, p), p.token_start - EVENT_REACH)
    k = bisect_left(events, floor)
    if k < len(events) and events[k] < p.token_start:
        return True
    return _happening_after(doc, p)


EVENT_AFTER_REACH = 6  # tokens from a place to the word of its happening told after it
# Words that open another clause between a place and a word of attack after it ("casualties
# in X after a car bomb explosion": the explosion is another happening's).
CLAUSE_OPENERS = frozenset({"after", "before", "as", "when", "since", "following", "amid"})


def _happening_after(doc: Doc, p: PlaceMention) -> bool:
    """True when a word of attack or casualty follows the place in its own clause ("rebel
    fire on the district of X killed 13", "a clinic in the town of X was hit"): the place is
    the end of the clause's subject or object. A trigger of another kind of happening there
    ("near X and restored security") does not count, nor a word across a clause break or
    speech."""
    lowers = doc_lowers(doc)
    end = min(p.token_end + EVENT_AFTER_REACH + 1, doc._.sentences[p.sent].token_end)
    for w in lowers[p.token_end : end]:
        if w in EVENT_WORDS:
            return True
        if w in CLAUSE_BREAKS or w in REPORTING or w in CLAUSE_OPENERS:
            return False
    return False


# Nouns after "X-Y" that make the pair a road's name ("the Salamiyah-Ithriya axis").
ROAD_NOUNS = frozenset({"axis", "road", "highway", "route", "motorway"})


def on_road_name(doc: Doc, p: PlaceMention) -> bool:
    """True when the town is one end of a road's name ("an offensive on the Salamiyah-Ithriya
    axis", "the Hasaka-Qamishli road"): it marks where the road runs, not where the story is."""
    lowers = doc_lowers(doc)
    end = p.token_end
    if end + 2 < len(doc) and lowers[end] == "-" and doc_texts(doc)[end + 1][:1].isupper():
        return lowers[end + 2] in ROAD_NOUNS
    start = p.token_start
    if start >= 2 and lowers[start - 1] == "-" and doc_texts(doc)[start - 2][:1].isupper():
        return end < len(doc) and lowers[end] in ROAD_NOUNS
    return False


NEST_GAP = word_list("NEST_GAP")
# Nouns of a spot inside a town, between its name and the town's ("X market in Y").
SITE_NOUNS = words("market square roundabout camp quarter suburb")
NESTED_REACH = 2  # sentences after an incident's own in which its narrower place may be told
NESTED_GAP = frozenset({"part", "near"})  # "village of X part of the city of Y", "X near Y"
NESTED_GAP_LEN = 5


def _told_inside(doc: Doc, inner: PlaceMention, name: str) -> bool:
    """True when ``inner`` is told right before a mention of the place ``name`` as lying in or
    by it ("Manyan market in New Aleppo", "the village of Tokhar part of the city of Manbij")."""
    lowers = doc_lowers(doc)
    outer = next(
        (
            q
            for q in doc._.places or ()
            if q.sent == inner.sent and q.token_start >= inner.token_end and q.place.name == name
        ),
        None,
    )
    if outer is None:
        return False
    gap = lowers[inner.token_end : outer.token_start]
    return (
        0 < len(gap) <= NESTED_GAP_LEN
        and bool({"in", "of", "near"} & set(gap))
        and all(w in NEST_GAP or w in SITE_NOUNS or w in NESTED_GAP for w in gap)
    )


def _tolls_agree(a: Draft, b: Draft) -> bool:
    """True unless both drafts count dead and neither count lies in the other's range."""
    if not (a.killed.known and b.killed.known):
        return True

    def inside(x: Draft, y: Draft) -> bool:
        v = x.killed.best if x.killed.best is not None else x.killed.low
        lo, hi = y.killed.low, y.killed.high
        return v is not None and lo is not None and lo <= v and (hi is None or v <= hi)

    return inside(a, b) or inside(b, a)


def _own_place(doc: Doc, d: Draft) -> bool:
    """True when the trigger the draft's place is told after (else the first after it) is of
    the draft's type: a place told by another kind of happening ("a day after the massacre in
    X, strikes killed dozens in Y") is that happening's."""
    p = d.place
    if p is None:
        return False
    near = [t for t in doc._.triggers or () if t.sent == p.sent]
    before = [t for t in near if t.token_end <= p.token_start]
    after = [t for t in near if t.token_start >= p.token_end]
    if before:
        return max(before, key=lambda t: t.token_end).type == d.type
    return not after or min(after, key=lambda t: t.token_start).type == d.type


def narrow_to_nested(doc: Doc, drafts: list[Draft]) -> None:
    """An incident placed at a town happened at the narrower place a sentence soon after tells
    the same kind of incident at, as lying in or by that town ("shells hit New Aleppo ... the
    shells landed in Manyan market in New Aleppo area"; "air strikes in Manbij ... air strikes
    in the village of Tokhar part of the city of Manbij"): the later draft tells the same
    incident more narrowly, so the first takes its place (and the two then merge). A count of
    dead that cannot be the first's keeps them apart. (An incident placed only at its
    governorate is :func:`refine_places`' to narrow.)"""
    for d in drafts:
        if d.place is None or d.type in NON_VIOLENT or governorate_only(d.place.place):
            continue
        name = d.place.place.name
        for e in drafts:
            if (
                e is d
                or e.type != d.type
                or e.place is None
                or not 0 < e.sent - d.sent <= NESTED_REACH
                or e.apart
                or e.more_dead == "apart"
                or not same_day(d.date, e.date)
                or e.place.place.name == name
                or e.place.place.governorate != d.place.place.governorate
                or specificity(e.place.place) > 1
                or not _own_place(doc, e)
                or not _tolls_agree(d, e)
            ):
                continue
            if _told_inside(doc, e.place, name):
                d.place = e.place
                d.evidence.append(mention("place", doc, e.place.start, e.place.end))
                break


# "The raids came as regime forces pushed into Jobar": the incident is set beside another
# happening, whose place follows; the verb forms that open such a clause before "as".
CAME = frozenset({"came", "come", "comes", "coming"})


def came_as(words: list[str]) -> bool:
    """True when "came as" (or "come as", "comes as") stands among ``words``."""
    return any(a in CAME and b == "as" for a, b in pairwise(words))


def holds(outer: PlaceMention, inner: PlaceMention) -> bool:
    """True when ``outer`` is a wider place of ``inner``'s governorate (its region or seat
    city, told after it: "Sarmin in Idlib")."""
    return (
        outer.place.governorate == inner.place.governorate
        and specificity(outer.place) >= 2
        and specificity(outer.place) > specificity(inner.place)
    )


# Kinds of happening a report tells apart by where they are: what is fired or set off at a
# place (a strike, a shell, a bomb, gas) and fighting on the ground (clashes, a capture).
FIRED = frozenset(
    {IncidentType.AIR_STRIKE, IncidentType.SHELLING, IncidentType.EXPLOSION,
     IncidentType.CHEMICAL_ATTACK, IncidentType.ATTACK_ON_CIVILIANS}
)  # fmt: skip
GROUND = frozenset({IncidentType.ARMED_CLASH, IncidentType.TERRITORY_TAKEN})


def others_place(doc: Doc, kind: IncidentType, p: PlaceMention) -> bool:
    """True when ``kind`` is something fired or set off (a strike, a shell, a bomb) and the
    place is told only for fighting on the ground: triggers of fighting stand before it in its
    sentence and none of the fired kind ("Clashes broke out where forces are advancing on X"
    is the front's place, not the shelling's). Fighting, in turn, is often told with the
    strikes that back it, so a strike's place may still be a clash's."""
    if kind not in FIRED:
        return False
    before = [t for t in doc._.triggers or () if t.sent == p.sent and t.token_end <= p.token_start]
    return bool(before) and all(t.type in GROUND for t in before)
