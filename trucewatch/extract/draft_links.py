"""Links between drafts across sentences: a toll told after a placeless incident, a weapon
named after a massacre, a perpetrator carried to the next sentence's incident or given by "the
aircraft were Russian", and a back-reference ("the strike") folded into the incident it names.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.attribution import carrier_statements
from trucewatch.extract.attribution_fallbacks import moves_on
from trucewatch.extract.date_tokens import WEEKDAYS
from trucewatch.extract.draft import (
    LEAD_SENTENCES,
    Draft,
    broad,
    inherit_date,
    join_target,
    mention,
    same_day,
    same_governorate,
    same_place,
    take_party,
)
from trucewatch.extract.elaboration import (
    GENERIC_STRIKES,
    STRIKE_TYPES,
    elaborates,
    fold_elaboration,
)
from trucewatch.extract.incident_places import told_where
from trucewatch.extract.lexicon import words
from trucewatch.extract.main_choice import UNSAID_WEAPON
from trucewatch.extract.place_scope import came_as
from trucewatch.extract.roles import is_context, is_summary, superseded
from trucewatch.extract.spans import Quantity, Trigger, doc_lowers
from trucewatch.extract.tolls import DEFINITE, add_quantity
from trucewatch.model.incident import NON_VIOLENT, IncidentType

KILLING_REACH = 2  # sentences after "the army killed 20 militants" where its weapon may be named


def name_the_weapon(
    drafts: list[Draft], hint: Draft, killings: frozenset[int] = frozenset()
) -> bool:
    """ "...a massacre in Bab al-Nairab killing 25. The victims were hit by airstrikes": a
    weapon named right after a massacre says what kind of incident the massacre was. So it
    does for fighters a force is told to have killed with no weapon named (``killings``: the
    starts of those triggers, read as a clash): "Turkey and the coalition killed 20 Daesh
    militants ... They hit 34 targets in three airstrikes" is an air strike. The weapon's
    sentence may follow the killing's by KILLING_REACH, with no incident told between.
    True when it did."""
    last = next((d for d in reversed(drafts) if d.type not in NON_VIOLENT), None)
    for d in reversed(drafts):
        if d.sent < hint.sent - KILLING_REACH:
            return False
        if d.type == IncidentType.ATTACK_ON_CIVILIANS and d.sent == hint.sent - 1:
            d.type = hint.type
            d.evidence.append(hint.evidence[0])
            take_party(d, hint)
            _weapon_day(d, hint)
            return True
        # the killing must be the last incident told: one between has the weapon instead
        if d.type == IncidentType.ARMED_CLASH and d.trigger.start in killings and d is last:
            d.type = hint.type
            d.evidence.append(hint.evidence[0])
            take_party(d, hint)
            _weapon_day(d, hint)
            return True
    return False


def another_names_weapon(drafts: list[Draft], another: Draft) -> bool:
    """ "The coalition killed 40 militants around Mayadin. In another air strike, 60 were
    killed near Albu Kamal": an incident told as another of its kind says the killing told just
    before it, with no weapon named (read as a clash), was of that kind too. The killing must be
    the last incident told, at most KILLING_REACH sentences before; the "another" incident
    stays its own. True when it retyped one."""
    last = next((d for d in reversed(drafts) if d.type not in NON_VIOLENT), None)
    if (
        last is None
        or not last.killing
        or last.type != IncidentType.ARMED_CLASH
        or not 0 < another.sent - last.sent <= KILLING_REACH
    ):
        return False
    last.type = another.type
    last.evidence.append(another.evidence[0])
    return True


def _weapon_day(d: Draft, hint: Draft) -> None:
    """ "...killing 25 in Bab al-Nairab. The victims were hit by airstrikes on Sunday": the day
    the weapon's sentence gives is the killing's day too, when the killing told none."""
    if d.date is not None or d.loose or hint.date is None:
        return
    d.date = hint.date
    d.evidence.extend(m for m in hint.evidence if m.field == "date")


GROUNDING_REACH = 2  # sentences after a placeless, toll-less incident where its toll may follow


def ground_pending(
    doc: Doc, drafts: list[Draft], pending: list[Draft], quantities: list[Quantity]
) -> list[Draft]:
    """ "Victims of a suspected chemical attack ... The WHO put the death toll at 70": an
    incident told in the lead with neither place nor figure takes the figures of the next
    sentence or two that tell no incident of their own (no trigger, no background, no
    period tally); with none it is dropped, as before."""
    if not pending:
        return drafts
    sents = doc._.sentences
    told = {d.sent for d in drafts if d.type not in NON_VIOLENT}
    triggered = {t.sent for t in doc._.triggers or ()}
    grounded: list[Draft] = []
    for p in pending:
        if p.sent in told or p.type in NON_VIOLENT or p.sent >= LEAD_SENTENCES:
            continue
        for k in range(p.sent + 1, min(p.sent + GROUNDING_REACH + 1, len(sents))):
            if k in told or k in triggered:
                break
            figures = [q for q in quantities if q.sent == k]
            if not figures:
                continue
            if is_summary(doc, sents[k]) or is_context(doc, sents[k]) or superseded(doc, sents[k]):
                break
            for q in figures:
                toll = p.killed if q.kind == "killed" else p.injured
                if not toll.known:
                    add_quantity(doc, p, q)
            break
        if p.killed.known or p.injured.known:
            grounded.append(p)
            told.add(p.sent)
    _date_the_detail(doc, drafts, pending)
    for p in pending:
        # "had seized 70 villages in the offensive": ground counted is told as a figure is;
        # the story's place is given later (context_places); another incident told in the
        # sentence ("three were killed after the capture of five villages") is no reason to
        # drop it, a capture already drafted there is
        captures = {d.sent for d in drafts + grounded if d.type == p.type}
        if p.sent in captures:
            continue
        if counted_ground(doc, p) or _site_grounded(doc, p, drafts):
            grounded.append(p)
    return sorted(drafts + grounded, key=lambda d: (d.sent, d.trigger.start))


def _date_the_detail(doc: Doc, drafts: list[Draft], pending: list[Draft]) -> None:
    """ "On Tuesday Syrian fighter jets carried out several combat flights over IS positions in
    the province. IS sites were targeted by army aircraft in the Shaer oilfield": a sentence
    telling an incident with its day but neither place nor figure (``pending``), and the next
    sentence telling one of its kind with a place but no day, tell one incident in two (the
    lead and its detail): the detail takes the day. A detail with a count of dead of its own
    ("the heavy fighting claimed 129") may tally more than that day's."""
    for p in pending:
        if p.date is None or p.type in NON_VIOLENT:
            continue
        detail = [d for d in drafts if d.sent == p.sent + 1 and d.type == p.type]
        if detail and all(d.date is None and not d.loose and not d.killed.known for d in detail):
            for d in detail:
                inherit_date(d, doc, p.date)


# Places a capture may count ("seized 70 villages", "took a number of towns").
GROUND_NOUNS = words(
    "villages towns hamlets districts neighbourhoods neighborhoods hills farms localities"
)
# Counts with no figure ("several villages", "a number of towns", "dozens of villages").
GROUND_COUNTS = words("several dozens scores number many")
GROUND_REACH = 6  # tokens after a capture verb where its counted ground may stand


def counted_ground(doc: Doc, d: Draft) -> bool:
    """ "had seized 70 villages", "took control of a number of villages": a capture whose
    object counts places tells ground taken even when the places go unnamed (see
    :func:`ground_counter`)."""
    return d.type == IncidentType.TERRITORY_TAKEN and ground_counter(doc, d.sent) is not None


def _site_grounded(doc: Doc, p: Draft, drafts: list[Draft]) -> bool:
    """ "It said fierce fighting had broken out for Base 46 west of Aleppo. Al-Nusra captured
    Base 46": a capture of a site (:func:`site_taken`) lies where the fighting just told was
    (:func:`_place_from_fighting`); in the lead the story's place is given later
    (context_places), as for counted ground."""
    if p.type != IncidentType.TERRITORY_TAKEN or not site_taken(doc, p.trigger):
        return False
    return _place_from_fighting(doc, p, drafts) or p.sent < LEAD_SENTENCES


SITE_REACH = 2  # sentences back from "captured Base 46" to the fighting told at a place


def _place_from_fighting(doc: Doc, capture: Draft, drafts: list[Draft]) -> bool:
    """Give a placeless capture of a site the place of the violent incident told last, in its
    own sentence or up to SITE_REACH sentences before (the fighting for the site, told where
    it was); True when one was found."""
    near = [
        d
        for d in drafts
        if d.place is not None
        and d.type not in NON_VIOLENT
        and 0 <= capture.sent - d.sent <= SITE_REACH
    ]
    if not near:
        return False
    home = max(near, key=lambda d: (d.sent, -d.trigger.start))
    capture.place = home.place
    capture.evidence.append(mention("place", doc, home.place.start, home.place.end))
    return True


# Sites a force takes that are ground though no gazetteer names them: military bases, airports,
# oil and gas fields, dams ("captured Base 46", "seized the Shaar oilfield").
SITE_NOUNS = words(
    """base bases airbase airport airfield oilfield oilfields gasfield field fields dam
    barracks"""
)
# Words that end the object of the capture before its site noun: "seized positions near the
# air base" took positions, not the base.
SITE_BREAKS = words(
    ". , ; and after before in which who near to from at on by with around outside against for"
)


def site_taken(doc: Doc, trigger: Trigger) -> bool:
    """Whether a capture trigger's object is a site (:data:`SITE_NOUNS`) within GROUND_REACH
    tokens: "captured Base 46", "drove the rebels out of a strategic military base", "seized
    the Shaar gas field". None in background or a period's tally."""
    sent = doc._.sentences[trigger.sent]
    if is_context(doc, sent) or is_summary(doc, sent):
        return False
    lowers = doc_lowers(doc)
    k = trigger.token_end
    if k < sent.token_end and lowers[k] == "of":  # "drove IS out of a base"
        k += 1
    for w in lowers[k : min(k + GROUND_REACH, sent.token_end)]:
        if w in SITE_NOUNS:
            return True
        if w in SITE_BREAKS:
            return False
    return False


def ground_counter(doc: Doc, index: int) -> Trigger | None:
    """The capture trigger of sentence ``index`` whose object counts places (a number or a
    count word before a noun of places, within GROUND_REACH tokens of the verb), or None; none
    in background or a period's tally."""
    from trucewatch.extract.numbers import TENS, UNITS

    sent = doc._.sentences[index]
    if is_context(doc, sent) or is_summary(doc, sent):
        return None
    lowers = doc_lowers(doc)

    def counts_ground(span: list[str]) -> bool:
        counted = False
        for w in span:
            if w.isdigit() or w in UNITS or w in TENS or w in GROUND_COUNTS:
                counted = True
            elif counted and (w in GROUND_NOUNS or (w in ONE_GROUND and counted == "one")):
                return True
            elif w in GROUND_BREAKS:
                return False
            if w in ("a", "an"):
                counted = "one"  # "capturing an important town"
        return False

    for t in doc._.triggers or ():
        if t.sent != index or t.type != IncidentType.TERRITORY_TAKEN:
            continue
        if counts_ground(lowers[t.token_end : min(t.token_end + GROUND_REACH, sent.token_end)]):
            return t
        # "Several villages held by IS have been captured by the SDF": the passive subject
        if t.token_start > sent.token_start and lowers[t.token_start - 1] in PASSIVE_BE:
            start = max(sent.token_start, t.token_start - GROUND_REACH - 2)
            if counts_ground(lowers[start : t.token_start]):
                return t
    return None


GROUND_BREAKS = words(". , ; and after before in which who")
# One place taken, unnamed ("seizing a village in northern Syria").
ONE_GROUND = words("village town hill hilltop district neighbourhood neighborhood")
PASSIVE_BE = words("been were was")


def carry_perpetrator(doc: Doc, drafts: list[Draft]) -> None:
    """ "Regime and Russian jets carried out air strikes on Aleppo. Six died in air strikes on
    Atareb": the next sentence's incident of the same type keeps the actor just named. Not
    when the next sentence moves on ("In another incident, a strike hit a school"): that is
    another incident, whose agent the story does not give."""
    lows = doc_lowers(doc)
    sents = doc._.sentences
    for prev, d in pairwise(drafts):
        follows = d.type == prev.type and d.sent - prev.sent == 1
        if d.perpetrator is None and prev.perpetrator and follows and same_governorate(prev, d):
            said = lows[sents[d.sent].token_start : sents[d.sent].token_end]
            if moves_on(said):
                continue
            take_party(d, prev)


def fold_back_references(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "An air strike hit a camp near Sarmada ... The strike came on the day a regime of calm
    for Aleppo city took effect": "the strike", with no toll of its own and no place told as
    where it hit, is the strike already told, not another; what it adds (a day, a party) goes
    to that one. A place it names in passing is not the incident's."""
    lowers = doc_lowers(doc)
    out: list[Draft] = []
    for d in drafts:
        t = d.trigger
        definite = _definite(doc, lowers, t.token_start)
        told = [e for e in out if e.type == d.type and e.sent < d.sent]
        if definite and told and d.type not in NON_VIOLENT and elaborates(lowers, t):
            fold_elaboration(told[-1], d)
            continue
        dated = _dated_back(lowers, t.token_start, d, told) if d.type not in NON_VIOLENT else None
        if dated is not None:
            # "Wednesday's explosion came as Kurdish forces pressed on Manbij": the blast told
            # with that day, not another at the place the sentence names for something else
            d.place = None
            fold_elaboration(dated, d)
            continue
        named = _named_back(doc, t.token_start, told) if d.type not in NON_VIOLENT else None
        if named is not None and not d.killed.known and same_day(named.date, d.date):
            # "Among the dead from the Atmeh blast were ...": the blast told at Atmeh
            fold_elaboration(named, d)
            continue
        other = _told_otherwise(doc, d, out) if definite and not told else None
        if other is not None:
            # "IS seized the oilfield ... the death toll from the raid rose to 115": the
            # capture's toll, not a new air strike
            fold_elaboration(other, d)
            continue
        if (
            not definite
            or d.type in NON_VIOLENT
            or not told
            or d.killed.known
            or d.injured.known
            or d.place is None
        ):
            out.append(d)
            continue
        if told_where(doc, d.place):
            beside = came_as(lowers[t.token_end : d.place.token_start])
            if beside or not _places_the_lead(told[-1], d):
                out.append(d)
                continue
            # "31 were killed on Saturday in shelling ... The bombardment struck the town of
            # Jayrud, where ... on Friday": the detail says where the incident just told hit
            home = told[-1]
            home.place = d.place
            home.evidence.extend(m for m in d.evidence if m.field == "place")
            home.date = home.date or d.date  # the detail's evidence comes along
            fold_elaboration(home, d)
            continue
        home = told[-1]
        if not same_day(home.date, d.date):
            out.append(d)
            continue
        home.date = home.date or d.date
        home.perpetrator = home.perpetrator or d.perpetrator
        join_target(home, d)
        home.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
    return out


# Strike words that name no weapon: "the raid" or "the attack" may be a ground assault told
# before under another type, where "the air strike" or "the shelling" could not.
NO_WEAPON = GENERIC_STRIKES | UNSAID_WEAPON
BACK_REACH = 2  # sentences back from "the raid" to the incident it points at


def _told_otherwise(doc: Doc, d: Draft, out: list[Draft]) -> Draft | None:
    """ "On Thursday IS seized the Shaar oilfield ... On Friday the death toll from the raid
    rose to 115": "the raid" (a strike word naming no weapon, after "the") presupposes an
    incident already told; when none of its type was, it points at the last violent incident
    told, of another type, within BACK_REACH sentences (the assault, the capture, the
    fighting), and adds to it what it tells (a toll it lacked, a party), not a new strike.
    A place told as where the raid hit, other than that incident's, makes it another."""
    if d.type not in STRIKE_TYPES or d.trigger.text.lower() not in NO_WEAPON:
        return None
    before = [e for e in out if e.type not in NON_VIOLENT and e.sent <= d.sent]
    if not before:
        return None
    home = before[-1]
    if d.sent - home.sent > BACK_REACH or home.trigger.start > d.trigger.start:
        return None
    if d.place is not None and told_where(doc, d.place) and not same_place(home.place, d.place):
        return None
    return home


def _places_the_lead(home: Draft, d: Draft) -> bool:
    """ "At least 31 were killed on Saturday in government shelling of an opposition-held town
    ... The bombardment struck the town of Jayrud": "the bombardment", in the sentence right
    after an incident of its type told with no place, or only its governorate's (the seat
    city, the province), and with no toll of its own, tells where that incident hit; it is
    not another. A list of places ("targeted al-Neel Street and New Aleppo") spreads one toll
    over a city (the incident stays there), and "the raids came as rebels attacked Zahra"
    names another happening's place. A day it names may be another clause's ("... a pilot
    who ejected on Friday"): the incident keeps its own."""
    if d.sent - home.sent != 1 or d.place is None or d.among:
        return False
    if home.place is None:
        return True
    here, there = home.place.place, d.place.place
    return broad(here) and here.governorate == there.governorate and not broad(there)


# A weekday's possessive before an attack word ("Saturday's blast", "Wednesdays explosion" once
# the apostrophe is stripped) names the attack told with that day.
DAY_POSSESSIVES = words(" ".join(f"{d}s" for d in WEEKDAYS))
POSSESSIVE_GAP = 1  # words between the possessive and the trigger ("Saturday's convoy attack")


def _dated_back(lowers: list[str], k: int, d: Draft, told: list[Draft]) -> Draft | None:
    """The incident "Saturday's blast" (the trigger at ``k``) points back at: the latest of its
    type already told on the day the possessive names, when the telling adds no count of its
    own."""
    if d.date is None or d.killed.known or d.injured.known:
        return None
    for j in range(max(0, k - 1 - POSSESSIVE_GAP), k):
        w = lowers[j]
        if w in DAY_POSSESSIVES or (w == "'s" and j > 0 and lowers[j - 1] in WEEKDAYS):
            break
    else:
        return None
    return next(
        (e for e in reversed(told) if e.date is not None and e.date.date == d.date.date), None
    )


def _named_back(doc: Doc, k: int, told: list[Draft]) -> Draft | None:
    """The incident "the Atmeh blast" points back at: "the" and a place name right before the
    trigger at ``k``, naming the place of an incident of its type already told."""
    lowers = doc_lowers(doc)
    if k < 2 or lowers[k - 2] not in DEFINITE:
        return None
    named = next(
        (p for p in doc._.places or () if p.token_start == k - 1 and p.token_end == k), None
    )
    if named is None:
        return None
    return next(
        (
            e
            for e in reversed(told)
            if e.place is not None and e.place.place.name == named.place.name
        ),
        None,
    )


def _definite(doc: Doc, lowers: list[str], k: int) -> bool:
    """ "the strike", and "the Atmeh blast", "the Sarmada strike": a trigger after "the" (or
    "this", "these"), with at most one capitalised name between, points back at an incident."""
    if k > 0 and lowers[k - 1] in DEFINITE:
        return True
    return k > 1 and lowers[k - 2] in DEFINITE and doc[k - 1].text[:1].isupper()


CARRIER_REACH = 5  # sentences back from "the aircraft were Russian" to the raids it tells of


def carrier_perpetrator(doc: Doc, drafts: list[Draft]) -> None:
    """ "Jets struck two villages ... Residents said the aircraft were Russian": a statement of
    whose the carrier was gives the perpetrator of the nearest incident of that kind told
    before it (all its drafts in that sentence, one per town), when none is stated."""
    for st in carrier_statements(doc):
        told = [
            d
            for d in drafts
            if d.type == st.trigger.type
            and 0 <= st.trigger.sent - d.sent <= CARRIER_REACH
            and d.trigger.start < st.trigger.start
        ]
        if not told:
            continue
        nearest = max(told, key=lambda d: (d.sent, d.trigger.start))
        for d in told:
            if d.sent == nearest.sent and d.perpetrator is None:
                d.perpetrator = st.perpetrator
                d.evidence.append(mention("perpetrator", doc, st.start, st.end))
