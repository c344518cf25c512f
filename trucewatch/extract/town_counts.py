"""Incidents at towns a sentence's own reading leaves out, used by :mod:`.drafts`:

- dead counted at another town: a sentence with no incident word that counts the dead of the
  attacks just told at a town of their own tells another incident of that kind (GOLD-DEV.md:
  two towns are two incidents), found before orphan figures join the incident before them;
- a list of towns in several governorates tells one incident in each
  (:func:`other_governorates`);
- a bomb told with no place right after an incident's place went off there
  (:func:`place_from_previous`);
- an evacuation of "the two towns" is one at the towns listed before (:func:`referred_twins`);
- a lead that sums attacks on places told one by one after it is no incident of its own
  (:func:`dissolve_summing_lead`)."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.city_pointers import city_pointed_to, in_the_city
from trucewatch.extract.draft import (
    LEAD_SENTENCES,
    WEAPON_TYPES,
    Draft,
    mention,
    place_name,
    same_day,
    same_governorate,
    specificity,
    take_party,
)
from trucewatch.extract.events import STRONG
from trucewatch.extract.incident_dates import choose_date
from trucewatch.extract.incident_places import figures_by_place, place_chain, told_where
from trucewatch.extract.lexicon import words
from trucewatch.extract.roles import is_context, is_summary, superseded
from trucewatch.extract.spans import PlaceMention, Quantity, Sentence, Trigger, doc_lowers
from trucewatch.extract.tolls import add_quantity
from trucewatch.model.incident import NON_VIOLENT, GeoPrecision, IncidentType

# Words in a figure's sentence that say its dead are more of the same attacks ("five more
# civilians were killed in Sabqa", "also killed in similar attacks on Tal Toughan").
MORE_OF_THE_SAME = words("more also similar another other further")

NEW_PLACE_REACH = 2  # sentences after an incident where its attacks' dead at another town follow


def figures_at_new_places(
    doc: Doc, drafts: list[Draft], quantities: list[Quantity], triggered: set[int]
) -> list[Draft]:
    """ "Air strikes killed eight in Douma. Five more civilians were killed in the town of
    Sabqa": a sentence with no incident word that counts dead at a town of its own, just after
    a weapon incident, tells the same kind of attack at that town: another incident
    (GOLD-DEV.md: two towns are two incidents), attributed as the one before; its day is only
    the one its own sentence (or a roundup's lead) tells, as "also" links are not enough. The
    incident before must be placed at a town, or the sentence must say its dead are more of
    the same ("more", "also", "similar"); otherwise the figures are that incident's own,
    placed more narrowly, and join it as before."""
    sents: list[Sentence] = doc._.sentences
    lowers = doc_lowers(doc)
    told = {d.sent for d in drafts}
    out = list(drafts)
    for k in sorted({q.sent for q in quantities} - told - triggered):
        sent = sents[k]
        if is_summary(doc, sent) or is_context(doc, sent) or superseded(doc, sent):
            continue
        prior = [d for d in drafts if 0 < k - d.sent <= NEW_PLACE_REACH and d.type in WEAPON_TYPES]
        if not prior:
            continue
        before = prior[-1]
        more = MORE_OF_THE_SAME.intersection(lowers[sent.token_start : sent.token_end])
        if not more and (before.place is None or specificity(before.place.place) >= 2):
            continue
        for place, figures in _counts_by_town(doc, sent, [q for q in quantities if q.sent == k]):
            if place_name(before) == place.place.name or not same_governorate_as(before, place):
                continue
            out.append(_draft_like(doc, before, sent, place, figures))
    return sorted(out, key=lambda d: (d.sent, d.trigger.start))


def _counts_by_town(
    doc: Doc, sent: Sentence, figures: list[Quantity]
) -> list[tuple[PlaceMention, list[Quantity]]]:
    """Each town a figure-only sentence counts dead at, with its figures: "five in Sabqa and
    one in Harasta" gives two; one town told as where gives one; anything else none."""
    pairs = figures_by_place(doc, sent, figures)
    if pairs:
        return pairs
    places = [
        p
        for p in doc._.places or ()
        if p.sent == sent.index and told_where(doc, p) and p.place.name != p.place.governorate
    ]
    own = [q for q in figures if not q.elliptic]
    if len({p.place.name for p in places}) != 1 or not own:
        return []
    return [(places[0], own)]


def _draft_like(
    doc: Doc, before: Draft, sent: Sentence, place: PlaceMention, figures: list[Quantity]
) -> Draft:
    """An incident of ``before``'s type at another town, with its own figures."""
    q0 = figures[0]
    trigger = Trigger(
        q0.start, q0.end, q0.text, before.type, q0.token_start, q0.token_end, sent.index, 1
    )
    draft = Draft(before.type, sent.index, trigger, place=place)
    draft.apart = True
    draft.evidence.append(before.evidence[0])  # the type was told with the attacks before
    take_party(draft, before)
    draft.evidence += [mention("place", doc, p.start, p.end) for p in place_chain(doc, place)]
    draft.date = choose_date(doc, sent, trigger)  # its own day only (GOLD-DEV.md: strict)
    if draft.date is not None:
        draft.evidence.append(mention("date", doc, draft.date.start, draft.date.end))
    if before.perpetrator is not None:
        draft.evidence += [m for m in before.evidence if m.field == "perpetrator"][:1]
    for q in figures:
        add_quantity(doc, draft, q)
    return draft


def same_governorate_as(draft: Draft, place: PlaceMention) -> bool:
    """True when a draft has no place or one in the governorate of ``place``."""
    return draft.place is None or draft.place.place.governorate == place.place.governorate


# Words between two listed places that make the second a sibling of the first ("X and Y",
# "X, Y"; FA-KES strips commas, so "X Y and Z" also lists); "in" would nest it ("X in Y").
SIBLING_GAP = frozenset({"and", ",", "or"})


def other_governorates(
    doc: Doc, draft: Draft, chain: list[PlaceMention], twins: list[Draft]
) -> list[Draft]:
    """ "Rockets hit the suburbs of Ain Tarma Zamalka and Jobar", "Tal Al-Majda in Sweida and
    Tal Antar in Deraa were taken": a sentence that lists towns in different governorates
    tells at least one incident in each (an incident lies in one governorate; GOLD-DEV-2.md:
    one per town, the toll left with the first). :func:`per_town` stops at the first list it
    cannot read ("X in Y and Z", commas stripped); this adds, for each governorate the draft
    and its twins leave out, one twin at the first sibling town listed there."""
    if draft.place is None or len(chain) < 2:
        return []
    lowers = doc_lowers(doc)
    covered = {d.place.place.governorate for d in [draft, *twins] if d.place is not None}
    out: list[Draft] = []
    # a list whose commas were stripped still ends in "and"/"or" ("Ain Tarma Zamalka and Jobar")
    closed = any(
        {"and", "or"} & set(lowers[a.token_end : b.token_start]) for a, b in pairwise(chain)
    )
    for prev, p in pairwise(chain):
        gap = set(lowers[prev.token_end : p.token_start])
        if "in" in gap or (gap and not gap & SIBLING_GAP):
            continue  # "X in Y": Y holds X, it is no town of its own
        if not gap and not closed:
            continue  # "Homs Aleppo" with no "and" after: a headline's string, not a list
        gov = p.place.governorate
        if gov is None or gov in covered or p.place.geo_precision == GeoPrecision.REGION:
            continue
        covered.add(gov)
        out.append(twin_at(doc, draft, p))
    return out


def twin_at(doc: Doc, draft: Draft, p: PlaceMention) -> Draft:
    """A copy of ``draft`` at another place: same type, day, sides; no toll (it stays with the
    first place, GOLD-DEV-2.md)."""
    twin = Draft(draft.type, draft.sent, draft.trigger, place=p, date=draft.date)
    twin.roundup = draft.roundup
    twin.perpetrator, twin.target = draft.perpetrator, draft.target
    twin.evidence = [m for m in draft.evidence if m.field not in ("place", "killed", "injured")]
    twin.evidence.append(mention("place", doc, p.start, p.end))
    return twin


# "the two towns", "both villages", "the three besieged towns": towns named before, by count.
COUNT_WORDS = {"two": 2, "both": 2, "three": 3}
PLURAL_TOWNS = words("towns villages cities")
REFERENCE_GAP = 3  # words between the count and the noun ("the two besieged Shiite villages")
REFERENCE_BACK = 8  # sentences back where the towns referred to may be named


def referred_towns(doc: Doc, draft: Draft) -> PlaceMention | None:
    """ "Residents of al-Foua and Kefraya boarded buses ... 5,000 people left the two towns on
    Friday": a count of towns with no names of its own in the draft's sentence refers to towns
    listed together (same governorate, joined by "and") in a sentence before; the first of them
    (one incident per governorate, as :func:`other_governorates` does)."""
    lowers = doc_lowers(doc)
    sent: Sentence = doc._.sentences[draft.sent]
    count = None
    for i in range(sent.token_start, sent.token_end - 1):
        n = COUNT_WORDS.get(lowers[i + 1]) if lowers[i] in ("the", "both") else None
        if lowers[i] == "both":
            n = 2 if lowers[i + 1] not in COUNT_WORDS else None
        if n is None:
            continue
        j = next(
            (j for j in range(i + 1, min(i + 2 + REFERENCE_GAP, sent.token_end))
             if lowers[j] in PLURAL_TOWNS),
            None,
        )  # fmt: skip
        if j is not None and (j + 1 >= sent.token_end or lowers[j + 1] != "of"):
            count = n  # "the two villages of Kefraya and Foua" names them itself
            break
    if count is None:
        return None
    for k in range(draft.sent - 1, max(-1, draft.sent - 1 - REFERENCE_BACK), -1):
        towns = [p for p in doc._.places or () if p.sent == k and specificity(p.place) < 3]
        towns.sort(key=lambda p: p.token_start)
        for a, b in pairwise(towns):
            gap = set(lowers[a.token_end : b.token_start])
            gov = a.place.governorate
            if gov and gov == b.place.governorate and gap and gap <= SIBLING_GAP:
                return a
    return None


def place_from_previous(doc: Doc, drafts: list[Draft], pending: list[Draft]) -> list[Draft]:
    """ "The army withdrew from the farms of Al Maleh as rebels counter-attacked. It said rebels
    attacked government forces with two suicide car bombs": a bomb named outright (a strong
    explosion trigger) in a sentence that names no place at all, right after a sentence telling
    an incident of another kind at a place, went off there; it takes that place (its own day,
    if any, stays). Only bombs: a car bomb or a suicide bomber is always a happening of its own,
    while a bare "raids" or "fighting" there is as often the scene the last sentence set.
    Drafts the lead's figures grounded are already in ``drafts`` and skipped."""
    kept = {id(d) for d in drafts}
    placed_sents = {p.sent for p in doc._.places or ()}
    extra: list[Draft] = []
    for p in pending:
        if id(p) in kept or p.sent in placed_sents or p.trigger.strength != STRONG:
            continue  # a place named but not told as where: not ours to overrule
        if p.type not in NON_VIOLENT and _points_to_a_town(doc, p):
            listed = _towns_just_listed(doc, p) if _points_to_towns(doc, p) else []
            if listed:
                # "established control over the abovementioned villages": each of the towns
                # listed, one incident per town (GOLD-DEV.md)
                p.place = listed[0]
                p.evidence.append(mention("place", doc, listed[0].start, listed[0].end))
                extra += [p, *(twin_at(doc, p, town) for town in listed[1:])]
                continue
            town = _town_just_named(doc, p.sent)
            if town is not None:
                p.place = town
                p.evidence.append(mention("place", doc, town.start, town.end))
                extra.append(p)
            continue
        noun = in_the_city(doc, p) if p.type not in NON_VIOLENT else None
        if noun is not None and _outranked(p, pending):
            continue  # "air strikes and rocket attacks hit ... the town": one air strike
        if noun is not None:  # "fighting in northern neighbourhoods of the city"
            town = city_pointed_to(doc, p.sent, noun)
            if town is not None:
                p.place = town
                p.evidence.append(mention("place", doc, town.start, town.end))
                extra.append(p)
            continue
        if p.type != IncidentType.EXPLOSION:
            continue
        before = [d for d in drafts if d.sent == p.sent - 1 and d.place is not None]
        if not before or any(d.type == p.type for d in before):
            continue  # the same kind just told: an elaboration, not a new incident
        home = min(before, key=lambda d: d.trigger.start)
        p.place = home.place
        p.evidence.append(mention("place", doc, home.place.start, home.place.end))
        extra.append(p)
    return sorted(drafts + extra, key=lambda d: (d.sent, d.trigger.start)) if extra else drafts


# Weapons by how much they tell of one attack (as drafts.WEAPON_RANK: one incident per place).
WEAPON_ORDER = (
    IncidentType.CHEMICAL_ATTACK,
    IncidentType.EXPLOSION,
    IncidentType.AIR_STRIKE,
    IncidentType.SHELLING,
)


def _outranked(d: Draft, pending: list[Draft]) -> bool:
    """Whether another draft of the sentence tells a more telling weapon, so that the one
    attack its sentence tells is of that weapon ("air strikes and rocket attacks hit ...")."""
    if d.type not in WEAPON_ORDER:
        return False
    rank = WEAPON_ORDER.index(d.type)
    return any(
        q.sent == d.sent and q.type in WEAPON_ORDER and WEAPON_ORDER.index(q.type) < rank
        for q in pending
    )


# "the town", "those villages", "the abovementioned villages": a place already named.
POINTERS = words("the that those this these abovementioned aforementioned")
TOWN_NOUNS = words(
    "town towns village villages city area areas district neighbourhood neighborhood"
)
# Words before a trigger that make it a state of things ("regular bombardment", "daily raids").
HABITS = words(
    "regular daily constant continuous continual frequent repeated incessant ongoing persistent "
    "relentless near-daily nightly weekly"
)
POINTER_REACH = 4  # tokens after a trigger where "the town" it acted on may stand
TOWN_BACK = 2  # sentences back where the town "the town" points to was named


def _points_to_a_town(doc: Doc, d: Draft) -> bool:
    """ "Troops entered the town on Tuesday", "the army established control over the
    abovementioned villages": the trigger acts on a town the report has already named."""
    lowers = doc_lowers(doc)
    before = lowers[max(0, d.trigger.token_start - 2) : d.trigger.token_start]
    if HABITS.intersection(before):
        return False  # "regular bombardment of the area": what the place suffers, not an event
    if before and before[-1] in POINTERS:
        return False  # "the fighting in the area has prompted an exodus": fighting already told
    end = min(d.trigger.token_end + POINTER_REACH, doc._.sentences[d.sent].token_end)
    span = lowers[d.trigger.token_start : end]
    return any(a in POINTERS and b in TOWN_NOUNS for a, b in pairwise(span))


PLURAL_POINTERS = words("those these abovementioned aforementioned")


def _points_to_towns(doc: Doc, d: Draft) -> bool:
    """ "took the abovementioned villages", "those towns": the trigger acts on several towns
    already named (not "the towns", as often a region's towns never named)."""
    lowers = doc_lowers(doc)
    end = min(d.trigger.token_end + POINTER_REACH, doc._.sentences[d.sent].token_end)
    span = lowers[d.trigger.token_start : end]
    return any(a in PLURAL_POINTERS and b in PLURAL_TOWNS for a, b in pairwise(span))


def _towns_just_listed(doc: Doc, d: Draft) -> list[PlaceMention]:
    """The towns of the last list of two or more in one governorate ("near the villages of A
    B and C"), told as where, in the sentences before ``d`` (as far as "the two towns" may
    point: :data:`REFERENCE_BACK`); none when no such list was told."""
    lowers = doc_lowers(doc)
    for k in range(d.sent - 1, max(-1, d.sent - 1 - REFERENCE_BACK), -1):
        towns = [
            p
            for p in doc._.places or ()
            if p.sent == k and specificity(p.place) < 2 and told_where(doc, p)
        ]
        towns.sort(key=lambda p: p.token_start)
        listed: list[PlaceMention] = []
        for a, b in pairwise(towns):
            gap = set(lowers[a.token_end : b.token_start])
            if a.place.governorate == b.place.governorate and gap <= SIBLING_GAP:
                listed += [a, b] if not listed else [b]
            elif listed:
                break
        if len(listed) >= 2:
            return listed
    return []


def _town_just_named(doc: Doc, index: int) -> PlaceMention | None:
    """The last town or village told as where something happened in the sentence or two
    before ``index`` (no region: "the town" names a town or a city)."""
    named = [
        p
        for p in doc._.places or ()
        if 0 < index - p.sent <= TOWN_BACK and specificity(p.place) < 3 and told_where(doc, p)
    ]
    return max(named, key=lambda p: p.token_start) if named else None


def dissolve_summing_lead(doc: Doc, drafts: list[Draft]) -> None:
    """A lead that sums attacks the body tells one by one is no incident of its own: one that
    lists the places (:func:`_dissolve_listed_lead`), or one that counts over a whole city or
    province (:func:`dissolve_area_total`)."""
    _dissolve_listed_lead(doc, drafts)
    dissolve_area_total(drafts)


def _dissolve_listed_lead(doc: Doc, drafts: list[Draft]) -> None:
    """ "Two were killed by rockets on Aleppo city and al-Hader town on Friday ... rockets on
    al-Hamadaniya killed one woman ... a shell on al-Hader injured three": a lead that sums up
    attacks on two or more places the body then tells one by one, with their own dead, is no
    incident of its own (GOLD-DEV-2.md: each part gets its own toll); it only lends its day to
    the items after it, as a roundup's lead does."""
    violent = [d for d in drafts if d.type not in NON_VIOLENT]
    if not violent or violent[0].sent >= LEAD_SENTENCES:
        return
    lead = violent[0]
    # a photo caption run into the lead ("jets are seen at Hmeymim air base June 18 2016
    # (Agencies) The death toll ...") names where the picture was taken, not a part of the sum
    caption_end = max(
        (d.end for d in doc._.dates or () if d.kind == "caption" and _in_sentence(doc, d, lead)),
        default=-1,
    )
    mentions = [
        p
        for p in doc._.places or ()
        if p.sent == lead.sent and told_where(doc, p) and p.start > caption_end
    ]
    named = {p.place.name for p in mentions}
    # (a twin of the lead at another listed governorate holds no figure of its own)
    if len(named) < 2 or sum(d.sent == lead.sent and _counted(d) for d in violent) > 1:
        return  # the lead tells its places apart itself ("6 in Aleppo ... 4 in Deir Ezzor")
    # "Four killed in attacks on Aleppo and Quneitra": a lead listing places as siblings sums
    # over them, so a part may be told at a quarter or town within one ("al-Midan in Aleppo")
    areas = _listed_areas(doc, mentions)
    parts = [
        d
        for d in violent[1:]
        if d.type == lead.type
        and d.sent > lead.sent
        and (
            (place_name(d) in named and same_governorate(d, lead))
            or (d.place is not None and d.place.place.governorate in areas)
        )
        and same_day(d.date, lead.date)  # a strike told days apart is no part of the lead
        and _counted(d)
    ]
    if parts and _parts_fit(lead, parts):
        lead.roundup = True
        for twin in violent[1:]:  # its twins at the other places it lists sum up too
            if twin.sent == lead.sent and twin.type == lead.type and not _counted(twin):
                twin.roundup = True


# Kinds of attack a lead's bombardment may sum ("heavy bombardment killed 16 ... air strikes
# killed seven in X ... rocket fire killed two in Y"): weapons fired from afar.
BOMBARDMENT = frozenset({IncidentType.AIR_STRIKE, IncidentType.SHELLING})


def dissolve_area_total(drafts: list[Draft]) -> None:
    """ "Sixteen civilians were killed in bombardment across Idlib province ... In Khan
    Sheikhun air strikes killed seven ... Another seven were killed in raids on Kafr Takharim
    ... A man and a woman were killed in rocket fire on Kafr Awid": a lead (or heading) that
    counts a day's bombardment over a whole city or province, whose dead the body then gives
    town by town, is the sum of those parts, not an incident of its own (GOLD-DEV-2.md: each
    part gets its own toll). The parts must be two or more towns or quarters within the lead's
    area, bombarded the same day, whose dead add up to the lead's count exactly ("dozens"
    takes any sum of at least 24); a city-wide toll the body does not split stays one incident
    (GOLD-DEV.md: one toll over several quarters of a city)."""
    violent = [d for d in drafts if d.type not in NON_VIOLENT]
    for lead in violent:
        if lead.sent >= LEAD_SENTENCES:
            break
        if lead.type not in BOMBARDMENT or not lead.killed.known or lead.roundup:
            continue
        if lead.place is not None and specificity(lead.place.place) < 2:
            continue  # a town's toll is its own
        parts = {
            place_name(d): d.killed.low if d.killed.low is not None else d.killed.best
            for d in violent
            if d.sent > lead.sent
            and d.type in BOMBARDMENT
            and d.place is not None
            and specificity(d.place.place) < 2
            and same_governorate(d, lead)
            and same_day(d.date, lead.date)
            and d.killed.known
            and "killed" not in d.vague
        }
        if len(parts) < 2 or any(n is None for n in parts.values()):
            continue
        total = sum(n for n in parts.values() if n is not None)
        low = lead.killed.low if lead.killed.low is not None else lead.killed.best
        if "killed" in lead.vague:  # "dozens were killed": parts of at least as many
            lead.roundup = low is None or total >= low
        else:  # "at least 16", "16": the parts add up to the count itself
            lead.roundup = total in (low, lead.killed.high)


def _counted(d: Draft) -> bool:
    """True when a draft has a figure of its own, dead or injured."""
    return d.killed.known or d.injured.known


def _listed_areas(doc: Doc, mentions: list[PlaceMention]) -> set[str]:
    """The governorates of places a lead lists as siblings ("in Aleppo and Quneitra", "on Douma,
    Harasta"), when they stand for an area (a governorate or its seat city): the places a sum
    over them covers. Empty when the lead lists no such pair ("Anadan north of Aleppo")."""
    lowers = doc_lowers(doc)
    ordered = sorted(mentions, key=lambda p: p.token_start)
    areas: set[str] = set()
    for a, b in pairwise(ordered):
        gap = set(lowers[a.token_end : b.token_start])
        if not gap or not gap <= SIBLING_GAP:
            continue
        for p in (a, b):
            if p.place.governorate and specificity(p.place) >= 2:
                areas.add(p.place.governorate)
    return areas


def referred_twins(doc: Doc, draft: Draft, twins: list[Draft]) -> list[Draft]:
    """ "5,000 people left the two towns along with 2,200 evacuated from Madaya": an evacuation
    told of towns named before (:func:`referred_towns`) is one there too, unless the draft or
    its twins already stand in that governorate; a draft with no place takes the towns'."""
    town = referred_towns(doc, draft)
    if town is None:
        return []
    if draft.place is None:
        draft.place = town
        draft.evidence.append(mention("place", doc, town.start, town.end))
        return []
    covered = {d.place.place.governorate for d in [draft, *twins] if d.place is not None}
    return [] if town.place.governorate in covered else [twin_at(doc, draft, town)]


def _parts_fit(lead: Draft, parts: list[Draft]) -> bool:
    """The parts' dead may not outnumber the lead's: a lead that sums the places below it holds
    at least their dead. A part told twice (a story pasted twice) counts once. The parts need
    not reach the lead's toll, since the body may tell only some of them."""
    # "Six were killed in several quarters of Aleppo ... two in Salaheddin ... two in Zahraa":
    # a city's own count sums the quarters told beside it, so only the narrowest parts count
    narrow = [d for d in parts if d.place is not None and specificity(d.place.place) < 2]
    areas = {d.place.place.governorate for d in narrow if d.place is not None}
    parts = narrow + [
        d
        for d in parts
        if d not in narrow and (d.place is None or d.place.place.governorate not in areas)
    ]
    told = {(place_name(d), d.killed.low or d.killed.best or 0) for d in parts}
    whole = lead.killed.low if lead.killed.low is not None else lead.killed.best
    return whole is None or sum(n for _, n in told) <= whole


def _in_sentence(doc: Doc, mention: object, draft: Draft) -> bool:
    sent: Sentence = doc._.sentences[draft.sent]
    return sent.start <= getattr(mention, "start", -1) < sent.end
