"""Elaborating sentences: "the explosion took place in ...", told after the incident itself.

A definite incident word ("the explosion", "the bombing") that is the subject of a verb of
occurring presupposes the incident already told; the sentence adds where, who or how many,
not a second incident. ``tw_drafts`` folds such a draft into the incident it elaborates.
"""

from __future__ import annotations

from itertools import combinations

from trucewatch.extract.draft import (
    Draft,
    add_toll,
    area_holds,
    broad,
    join_target,
    named_area,
    same_day,
    same_place,
    specificity,
    take_party,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import Trigger
from trucewatch.model.incident import IncidentType, Toll

# Verbs right after "the explosion" that say where or when the incident already named happened
# ("the bombing took place in Nisreen Street", "the blast occurred at a checkpoint"): the
# definite article and the verb presuppose the incident, so the sentence elaborates it.
ELABORATING = (("took", "place"), ("occurred",), ("happened",))
ELABORATION_GAP = 2  # words between the trigger and the verb ("the explosion reportedly took")


def elaborates(lowers: list[str], t: Trigger) -> bool:
    """ "The explosion took place in ...": the trigger is the subject of a verb of occurring."""
    for k in range(t.token_end, min(t.token_end + ELABORATION_GAP + 1, len(lowers))):
        for verb in ELABORATING:
            if tuple(lowers[k : k + len(verb)]) == verb:
                return True
    return False


def fold_elaboration(home: Draft, d: Draft) -> None:
    """What an elaborating sentence adds to the incident it tells again: a place, a party or a
    toll the incident lacked (its figures of the same victims are the same dead, not more). A
    place the incident already has stays, and so does its day: the sentence may name others
    in passing, and a day there may be another clause's."""
    took_place = home.place is None and d.place is not None
    home.place = home.place or d.place
    home.perpetrator = home.perpetrator or d.perpetrator
    for kind in ("killed", "injured"):
        toll = d.killed if kind == "killed" else d.injured
        if toll.known and not (home.killed if kind == "killed" else home.injured).known:
            add_toll(home, kind, toll, kind in d.vague, update=False)
            if kind == "killed" and d.more_dead == "told" and home.more_dead is None:
                # "another seven were also killed in the clash": dead beyond those counted
                # before, still so once folded into a telling that had no toll of its own
                home.more_dead = "told"
    join_target(home, d)
    # the place's words come along only with the place they name
    home.evidence.extend(
        m for m in d.evidence if m.field != "type" and (m.field != "place" or took_place)
    )


# --- one incident told twice across drafts (tw_merge) ---------------------------------------

# Words that tell a strike without saying from where ("the bombardment struck a market", "the
# strikes came a day after"): an air strike or a shelling told before may be told again by them.
GENERIC_STRIKES = words(
    "strike strikes struck bombing bombings bombed bombardment bombardments bombarded raid "
    "raids pounded pounding barrage barrages"
)

# Words in a sentence that set its strike apart from one already told ("another strike",
# "separate raids", "strikes also hit", "elsewhere", "meanwhile").
SETTING_APART = words("another separate separately also elsewhere meanwhile")

STRIKE_TYPES = frozenset({IncidentType.AIR_STRIKE, IncidentType.SHELLING})

RETELL_REACH = 1  # sentences between the wounded told as "another 50" and the incident's dead


def _agree(a: Toll, b: Toll) -> bool:
    """Two tolls of one incident: either unknown, or each figure in the other's range."""
    if not a.known or not b.known:
        return True
    return _inside(a, b) and _inside(b, a)


def _inside(a: Toll, b: Toll) -> bool:
    v = a.best if a.best is not None else a.low
    if v is None:
        return False
    low = b.low if b.low is not None else b.best
    return low is not None and low <= v and (b.high is None or v <= b.high)


def generic(d: Draft) -> bool:
    """True when a draft's strike is told only by a word naming no weapon ("the strikes")."""
    return d.type in STRIKE_TYPES and d.trigger.text.lower() in GENERIC_STRIKES


def generic_retelling(home: Draft, d: Draft, set_apart: bool) -> bool:
    """ "A missile strike hit an air base near Homs on Friday ... the strikes came after ...":
    a strike told later only by a word that names no weapon ("strikes", "the bombardment"),
    at the place of an air strike or shelling already told (same town, or one standing for
    the other's governorate, or none), on its day or none, with no toll of its own that
    differs and no word setting it apart ("another", "also", "elsewhere"), is that strike told
    again, not a second one of the other kind."""
    return (
        generic(d)
        and home.type in STRIKE_TYPES
        and home.type != d.type
        and home.sent < d.sent
        and not set_apart
        and not d.apart
        and d.more_dead is None
        and same_place(home.place, d.place)
        and same_day(home.date, d.date)
        and _agree(home.killed, d.killed)
        and _agree(home.injured, d.injured)
    )


def wounded_of(home: Draft, d: Draft, distance: int) -> bool:
    """ "At least 18 civilians were killed when a missile struck Aleppo. Another 50 were wounded
    in the city's district of Maghawir": wounded told as "another" or "also" right after an
    incident's dead, in a quarter of the city or region it was told at, are that incident's
    wounded, not another incident's (dead of their own would be: "five more were killed in
    Sabqa"). Its quarter places the incident more narrowly."""
    return (
        d.apart
        and not d.killed.known
        and d.injured.known
        and home.killed.known
        and not home.injured.known
        and distance <= RETELL_REACH
        and home.place is not None
        and broad(home.place.place)
        and same_place(home.place, d.place)
        and same_day(home.date, d.date)
    )


def capture_after_clash(capture: Draft, clash: Draft, distance: int) -> bool:
    """ "Regime troops seized Leramun on Tuesday ... had full control of Leramun after heavy
    clashes": fighting for a town told beside its capture, at the same town on the same day
    (or none), is the battle of that capture: one incident, the capture, carrying the battle's
    toll (GOLD-DEV-2.md 673: the clash merged into the capture, as 293#0)."""
    if capture.place is None and clash.place is None:
        # "IS killed 270 when they captured a gas field in the bloodiest clash yet": one
        # sentence tells both at a site no gazetteer names; the story places it later
        placed = distance == 0
    else:
        placed = (
            capture.place is not None
            and clash.place is not None
            and capture.place.place.name == clash.place.place.name
            and (distance == 0 or not broad(capture.place.place))
        )
    return (
        capture.type == IncidentType.TERRITORY_TAKEN
        and clash.type == IncidentType.ARMED_CLASH
        and distance <= RETELL_REACH
        and placed
        and same_day(capture.date, clash.date)
        and _agree(capture.killed, clash.killed)
    )


def fold_retelling(home: Draft, d: Draft, with_day: bool = True) -> None:
    """What a second telling of an incident adds: a day (``with_day``), a party, a toll it
    lacked; a narrower place within the same governorate. Its type word is not the incident's.
    A strike told again by a bare "bombing" gives no day: the day in its sentence may be another
    clause's ("families stayed home on Monday despite a deadline to resume bombing")."""
    if with_day:
        home.date = home.date or d.date
    if home.place is None or (
        d.place is not None and specificity(d.place.place) < specificity(home.place.place)
    ):
        home.place = d.place or home.place
    home.perpetrator = home.perpetrator or d.perpetrator
    for kind in ("killed", "injured"):
        toll = d.killed if kind == "killed" else d.injured
        if toll.known:
            add_toll(home, kind, toll, kind in d.vague, update=False)
    join_target(home, d)
    home.evidence.extend(m for m in d.evidence if m.field != "type")


SUM_PARTS = 6  # at most this many parts are tried against a lead's sum (2**6 subsets)


def _dead(t: Toll) -> int | None:
    return t.best if t.best is not None else t.low


def summed_parts(lead: Draft, others: list[Draft]) -> list[Draft]:
    """ "Regime shelling killed eight in Eastern Ghouta on Tuesday ... five at a school in
    Jisreen ... three in Mesraba": a toll told for a region or city that is the sum of the
    tolls told for two or more towns in it, of the same kind of incident and day (or none), is
    those incidents summed, not one more (GOLD-DEV-2.md: each part gets its own toll). The
    parts, or none."""
    total = _dead(lead.killed)
    # the lead at a city, a region or a named area of several towns (or nowhere), the parts at
    # towns or quarters, known to the gazetteer or only by their region ("the Suleimaniyeh
    # neighbourhood"); a named area's parts lie in it
    area = lead.place is not None and named_area(lead.place.place)
    if total is None or (lead.place is not None and specificity(lead.place.place) < 2 and not area):
        return []
    parts = [
        d
        for d in others
        if d is not lead
        and d.type == lead.type
        and d.place is not None
        and specificity(d.place.place) < 2
        and (
            lead.place is None
            or (
                area_holds(lead.place.place, d.place.place)
                if area
                else d.place.place.governorate == lead.place.place.governorate
            )
        )
        and same_day(lead.date, d.date)
        and _dead(d.killed) is not None
    ][:SUM_PARTS]
    for size in range(len(parts), 1, -1):
        for chosen in combinations(parts, size):
            names = {d.place.place.name for d in chosen if d.place is not None}
            if len(names) < size:
                continue  # one town told twice is one part, not two
            if sum(_dead(d.killed) or 0 for d in chosen) == total:
                return list(chosen)
    return []


def give_sum(lead: Draft, parts: list[Draft]) -> None:
    """The parts of a summed lead take its day and party where they tell none (the lead's day
    covers its parts: GOLD-DEV-2.md 82)."""
    for d in parts:
        if d.date is None and lead.date is not None:
            d.date = lead.date
            d.evidence.extend(m for m in lead.evidence if m.field == "date")
        take_party(d, lead)
