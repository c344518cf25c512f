"""Drafts of one incident merge: one type at one place and day; massacres and chemical
attacks absorb the weapon or carrier told beside them."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.draft import (
    LATER_SAME,
    LEAD_SENTENCES,
    WEAPON_TYPES,
    Draft,
    add_toll,
    join_target,
    place_name,
    same_day,
    same_place,
    specificity,
)
from trucewatch.extract.events import WEAK
from trucewatch.extract.incident_places import stands_apart
from trucewatch.model.incident import (
    GeoPrecision,
    IncidentType,
)


def _absorb_massacres(drafts: list[Draft]) -> list[Draft]:
    """ "A massacre in Bab al-Nairab killed 25. The victims were hit by airstrikes": a massacre
    told beside a weapon incident at the same place is that incident, not another one."""
    out = []
    for d in drafts:
        if d.type == IncidentType.ATTACK_ON_CIVILIANS:
            weapon = next(
                (
                    w
                    for w in drafts
                    if w.type in WEAPON_TYPES
                    and abs(w.sent - d.sent) <= 1
                    and same_place(w.place, d.place)
                ),
                None,
            )
            if weapon is not None:
                for kind in ("killed", "injured"):
                    toll = d.killed if kind == "killed" else d.injured
                    if toll.known:
                        add_toll(weapon, kind, toll, kind in d.vague, update=False)
                weapon.place = weapon.place or d.place
                weapon.date = weapon.date or d.date
                weapon.perpetrator = weapon.perpetrator or d.perpetrator
                join_target(weapon, d)
                weapon.evidence.extend(m for m in d.evidence if m.field != "type")
                continue
        out.append(d)
    return out


def _absorb_delivery(drafts: list[Draft]) -> list[Draft]:
    """ "Chlorine in Saraqeb ... barrel bombs fell on Saraqeb on Monday": the aircraft or shell
    that carried a chemical weapon to a town is that chemical attack, told again (GOLD-DEV.md:
    a chemical weapon outranks the platform that delivered it). In a governorate's seat city,
    where shells on other districts are other attacks, only a carrier told in the sentence
    next to the chemical attack, or one named only as "bombs" or "strikes", is it."""
    chemical = [
        d
        for d in drafts
        if d.type == IncidentType.CHEMICAL_ATTACK
        and d.place is not None
        and d.place.place.geo_precision < GeoPrecision.REGION
    ]
    if not chemical:
        return drafts
    out = []
    carriers = (IncidentType.AIR_STRIKE, IncidentType.SHELLING, IncidentType.EXPLOSION)
    for d in drafts:
        home = next(
            (
                c
                for c in chemical
                if d.type in carriers
                and d.place is not None
                and d.place.place.name == c.place.place.name
                and same_day(c.date, d.date)
                # a seat city stands for many districts: there only the next sentence's carrier,
                # or bare "bombs" naming no weapon of their own, are the chemical attack's
                and (
                    specificity(c.place.place) < 2
                    or abs(c.sent - d.sent) <= 1
                    or d.trigger.strength == WEAK
                )
            ),
            None,
        )
        if home is None:
            out.append(d)
            continue
        home.date = home.date or d.date
        home.perpetrator = home.perpetrator or d.perpetrator
        join_target(home, d)
        for kind in ("killed", "injured"):
            toll = d.killed if kind == "killed" else d.injured
            if toll.known and not (home.killed if kind == "killed" else home.injured).known:
                add_toll(home, kind, toll, kind in d.vague, update=False)
        home.evidence.extend(m for m in d.evidence if m.field != "type")
    return out


def _apart(placeless: Draft, distance: int, nearby: Callable[[Draft], bool] | None) -> bool:
    """ "Three fighters were killed ... [seven sentences on] 11 militants were also killed in
    clashes in al-Bab": an incident the body tells without a place, more than LATER_SAME
    sentences (``distance``) from the nearest one telling a placed incident, with places of its
    own around it and no "this battle" pointing back, is another incident, placed from its own
    context (:func:`~trucewatch.extract.incident_places.place_from_context`).
    The lead sums up the story the whole body then places, so it merges at any distance; so
    does a draft with no place around it (nothing better to place it by)."""
    return (
        nearby is not None
        and placeless.sent >= LEAD_SENTENCES
        and distance > LATER_SAME
        and nearby(placeless)
    )


def _counted_apart(home: Draft, d: Draft) -> bool:
    """ "Shells killed 2 in New Aleppo ... 4 were killed in Maisaloun and al-Jabiriyeh in Aleppo
    city": a draft told in another sentence, at a differently named place of the same city,
    with its own exact count of dead that the incident so far has never given, is another
    incident (a roundup's items; GOLD-DEV-2.md: each part gets its own toll), even when one of
    the two is named at city level. A region's count beside a town's ("22 on the outskirts of
    Damascus ... 16 in Douma", "5 in the Golan ... 2 in Hadar") is a lead summing up its parts
    or two sources on one attack: it still merges (GOLD-DEV.md 579)."""
    if d.sent == home.sent or home.place is None or d.place is None:
        return False
    ph, pd = home.place.place, d.place.place
    if ph.name == pd.name or GeoPrecision.REGION in (ph.geo_precision, pd.geo_precision):
        return False
    pairs = [(home.killed, d.killed), (home.injured, d.injured)]
    both = [(h, n) for h, n in pairs if h.known and n.known]
    return bool(both) and all(
        n.best is not None and n.best not in (h.low, h.best, h.high) for h, n in both
    )


def merge(drafts: list[Draft], nearby: Callable[[Draft], bool] | None = None) -> list[Draft]:
    """Merge drafts of one type at one governorate and day; fill each other's gaps.

    ``nearby`` tells whether a draft without a place can be an incident of its own
    (:func:`~trucewatch.extract.incident_places.stands_apart`); given, such a draft told far
    from a placed one stays apart (:func:`_apart`)."""
    merged: list[Draft] = []
    told: dict[int, list[int]] = {}  # id of a merged draft -> the sentences that tell it
    for d in _absorb_delivery(_absorb_massacres(drafts)):
        home = None
        for m in merged:
            if m.type != d.type or not same_day(m.date, d.date):
                continue
            if (m.place is None) != (d.place is None):
                distance = min(abs(d.sent - s) for s in told[id(m)])
                if _apart(m if m.place is None else d, distance, nearby):
                    continue
            if (m.apart or d.apart) and place_name(m) and place_name(d) != place_name(m):
                continue  # "five more were killed in Sabqa": another town's incident
            if _counted_apart(m, d):
                continue
            if same_place(m.place, d.place):
                home = m
                break
        if home is None:
            merged.append(d)
            told[id(d)] = [d.sent]
            continue
        told[id(home)].append(d.sent)
        if home.place is None and d.place is not None:
            home.place = d.place
        elif (
            d.place is not None
            and home.place is not None
            and specificity(d.place.place) < specificity(home.place.place)
        ):
            home.place = d.place  # a more specific place for the same incident
        if home.date is None and d.sent - home.sent <= 2 and not home.loose:
            home.date = d.date  # a day told far from the lead may be another day's event
        home.perpetrator = home.perpetrator or d.perpetrator
        join_target(home, d)
        if d.killed.known:
            add_toll(home, "killed", d.killed, "killed" in d.vague, update=False)
        if d.injured.known:
            add_toll(home, "injured", d.injured, "injured" in d.vague, update=False)
        home.evidence.extend(d.evidence)
    return merged


@Language.component(
    "tw_merge",
    requires=["doc._.drafts", "doc._.places", "doc._.sentences", "doc._.roles"],
    assigns=["doc._.merged"],
)
def merge_component(doc: Doc) -> Doc:
    """Store the merged drafts on ``doc._.merged``."""
    doc._.merged = merge(doc._.drafts or [], stands_apart(doc))
    return doc
