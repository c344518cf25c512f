"""Drafts told beside another incident that are that incident: a massacre and the weapon that
did it, fighters killed and the strike that killed them, a chemical weapon and the aircraft or
shell that carried it."""

from __future__ import annotations

from trucewatch.extract.draft import (
    WEAPON_TYPES,
    Draft,
    add_toll,
    broad,
    join_target,
    same_day,
    same_place,
    specificity,
)
from trucewatch.extract.events import WEAK
from trucewatch.model.incident import GeoPrecision, IncidentType


def absorb_massacres(drafts: list[Draft]) -> list[Draft]:
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


KILLING_REACH = 3  # sentences after "the army killed 70 militants" where its weapon may be told


def absorb_killings(drafts: list[Draft]) -> list[Draft]:
    """ "The army killed over 70 ISIL terrorists in Aleppo ... The air force carried out
    intensive sorties on al-Bab ... 70 were killed in the airstrikes": fighters a force is told
    to have killed with no weapon named, and an air strike or shelling told within
    KILLING_REACH sentences after it in the same governorate on its day, are one incident, the
    weapon's; it takes the killing's toll and party where it has none. The weapon must strike
    the killing's own town, or somewhere in the city or region the killing names."""
    out = []
    for d in drafts:
        weapon = None
        if d.killing and d.type == IncidentType.ARMED_CLASH:
            weapon = next(
                (
                    w
                    for w in drafts
                    if w.type in (IncidentType.AIR_STRIKE, IncidentType.SHELLING)
                    and 0 < w.sent - d.sent <= KILLING_REACH
                    and w.place is not None
                    and d.place is not None
                    and w.place.place.governorate == d.place.place.governorate
                    # at the killing's own town, or anywhere in the city or region it names
                    and (w.place.place.name == d.place.place.name or broad(d.place.place))
                    and same_day(w.date, d.date)
                ),
                None,
            )
        if weapon is None:
            out.append(d)
            continue
        for kind in ("killed", "injured"):
            toll = d.killed if kind == "killed" else d.injured
            if toll.known and not (weapon.killed if kind == "killed" else weapon.injured).known:
                add_toll(weapon, kind, toll, kind in d.vague, update=False)
        weapon.date = weapon.date or d.date
        weapon.perpetrator = weapon.perpetrator or d.perpetrator
        join_target(weapon, d)
        weapon.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
    return out


def absorb_delivery(drafts: list[Draft]) -> list[Draft]:
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
