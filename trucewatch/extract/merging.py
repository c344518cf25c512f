"""Drafts of one incident merge: one type at one place and day; massacres and chemical
attacks absorb the weapon or carrier told beside them."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.absorbing import absorb_delivery, absorb_killings, absorb_massacres
from trucewatch.extract.chemical_carriers import chemical_carried, one_area, one_camp
from trucewatch.extract.draft import (
    LATER_SAME,
    LEAD_SENTENCES,
    Draft,
    area_holds,
    below,
    broad,
    join_target,
    join_toll,
    place_name,
    same_day,
    same_place,
    specificity,
    toll_within,
)
from trucewatch.extract.elaboration import (
    SETTING_APART,
    capture_after_clash,
    fold_retelling,
    generic_retelling,
    give_sum,
    summed_parts,
    wounded_of,
)
from trucewatch.extract.figure_roles import elapsed_after
from trucewatch.extract.incident_places import stands_apart
from trucewatch.extract.lexicon import words
from trucewatch.extract.main_choice import STRIKE_TYPES, UNSAID_WEAPON
from trucewatch.extract.place_scope import came_as
from trucewatch.extract.spans import doc_lowers
from trucewatch.extract.tolls import DEFINITE
from trucewatch.gazetteer.places import GOVERNORATES
from trucewatch.model.incident import (
    NON_VIOLENT,
    GeoPrecision,
    IncidentType,
    Place,
)


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
    if any(broad(p) and specificity(p) == 1 for p in (ph, pd)) or area_holds(ph, pd):
        # a seat city's surroundings ("more than 200 killed near Damascus ... 213 in Ain
        # Tarma"), or a named area holding the town ("100 killed in the Eastern Ghouta ...
        # the toll rose to 127, Hamouriyeh among the worst hit"): one attack while the counts
        # agree
        return bool(both) and not all(toll_within(n, h) or toll_within(h, n) for h, n in both)
    return bool(both) and all(
        n.best is not None and n.best not in (h.low, h.best, h.high) for h, n in both
    )


def _listed_towns(home: Draft, d: Draft) -> bool:
    """ "Strikes on Raqqa and Tabqa": two places one trigger lists are each an incident of its
    own (GOLD-DEV.md 405: several towns without separable tolls give one incident per town),
    even when one is a seat city, which elsewhere stands for its governorate's whole story. So
    an incident already holding one town of a list takes no other town of it. A region listed
    ("Aleppo and its countryside", "Idlib province") still stands for the story."""
    own = _list_entry(d)
    return own is not None and any(t == own[0] and n != own[1] for t, n in home.listed)


def _list_entry(d: Draft) -> tuple[int, str] | None:
    """(trigger, place name) of a draft whose place is a town or seat city of a list."""
    if not d.among or d.place is None:
        return None
    p = d.place.place
    # a named village the gazetteer knows only by its province is a town of the list
    region = p.geo_precision == GeoPrecision.REGION and specificity(p) != 1
    if region or _level(p) >= 3:
        return None
    return d.trigger.start, p.name


def _more_dead(home: Draft, d: Draft) -> bool:
    """ "20 were killed in the bombing of Aleppo on Friday ... Three more civilians were killed
    on Friday evening in a barrel bomb attack": dead told as more than those already counted,
    in an attack not pointed back at, are other dead, of another incident, never a second
    count of the first (which would lower its toll). The same number told again ("40 killed
    ... 40 more were killed") is the same."""
    return d.more_dead == "apart" and _other_dead(home, d)


def _other_dead(home: Draft, d: Draft) -> bool:
    """True when ``d``, told after ``home``, counts dead other than those ``home`` counted."""
    h, n = home.killed, d.killed
    return (
        d.sent > home.sent
        and h.known
        and n.known
        and (n.best if n.best is not None else n.low) not in (h.low, h.best, h.high)
    )


# How many sentences after an undated incident a day told with it is taken as its own.
DAY_REACH = 2


def _another_day(home: Draft, d: Draft, sents: list[int]) -> bool:
    """ "Air strikes killed 30 people in Douma, a monitor said ... [four sentences on] On Monday,
    air strikes on Douma had killed 21 civilians": a telling with a day of its own and its own
    count of dead, too far from an undated incident for its day to be taken as that one's
    (:data:`DAY_REACH`), and not giving that incident's dead again, is another day's incident.
    Joined, its day would be lost and its count would lower the incident's toll to a range."""
    return (
        home.date is None
        and d.date is not None
        and home.killed.known
        and d.killed.known
        and not _counts_it(home, d)
        and min(d.sent - s for s in sents) > DAY_REACH
    )


def _told_as_another(home: Draft, d: Draft, sents: list[int]) -> bool:
    """ "Jets struck a market in Saraqib, killing 12 ... In a separate raid on Sunday, warplanes
    hit a bakery in Saraqib, wounding three": a telling set apart from what came before
    (``Draft.apart``: "another", "a separate", "meanwhile"), with a day of its own, is another
    incident even at the same town (at another town the merge already keeps it apart). Folded
    in, it would give the undated incident its day. Told with no day, or on the incident's
    day, it stays a retelling (two sources' counts of one attack), and wounded told right
    after an incident's dead are its wounded (:func:`wounded_of`)."""
    return (
        d.apart
        and d.sent > home.sent
        and place_name(d) == place_name(home)
        and home.date is None
        and d.date is not None
        and not wounded_of(home, d, min(abs(d.sent - s) for s in sents))
    )


# How many times an incident's dead a later count must be to be a wider tally, not another
# source's count of the same attack (sources rarely differ by that much: "15" and "22").
WIDER_FACTOR = 3


def _wider_count(home: Draft, d: Draft) -> bool:
    """ "At least 15 people were killed in air strikes on Douma on Monday ... air strikes on
    Eastern Ghouta killed at least 82": a count told later, at a place of its own, that is
    several times the incident's (:data:`WIDER_FACTOR`) counts the dead of a wider area or
    span, another incident, not a second source's figure for the same one (which would turn
    the incident's toll into a range up to the wider figure and take its place). A count
    updated ("the toll rose to 50") is the same incident's, and "dozens" is no count to
    compare."""
    h, n = home.killed, d.killed
    if d.sent <= home.sent or not h.known or not n.known or home.updated or d.updated:
        return False
    if "killed" in home.vague or "killed" in d.vague:
        return False  # "dozens", "scores": no figure to compare
    if d.place is None or place_name(d) == place_name(home):
        return False
    top, low = h.highest, n.lowest
    return top is not None and low is not None and top > 0 and low >= WIDER_FACTOR * top


# How many times a battle's dead a later count must fit into to be one side's part of them.
PART_FACTOR = 2


def _side_of_battle(home: Draft, d: Draft) -> bool:
    """ "At least 40 were killed in clashes for Tabqa ... at least nine pro-government fighters
    were killed": a count told after a battle's that is a fraction of it (at most one
    :data:`PART_FACTOR`-th) counts one side's dead or one stretch of the fighting, a part,
    not another source's count of all of them ("30" and "26" jihadists are two counts of
    one). Joined, it would lower the battle's toll to the part (GOLD-DEV.md 291: the sides'
    dead sum to the battle's toll, never a range between them). Other incidents keep their
    parts' counts as before: a city's count and a quarter's are told for two incidents as often
    as for one (GOLD-DEV-2.md: each part gets its own toll; tried on every type, the blind toll
    batches lost three rows).
    An updated count still replaces, and "dozens" is no count to compare."""
    h, n = home.killed, d.killed
    if home.type != IncidentType.ARMED_CLASH or d.sent <= home.sent or d.updated:
        return False
    if not h.known or not n.known or "killed" in home.vague or "killed" in d.vague:
        return False
    floor, top = h.lowest, n.highest
    return floor is not None and top is not None and top * PART_FACTOR <= floor


def _fewer_dead(home: Draft, d: Draft) -> bool:
    """True when a later telling counts fewer dead than the incident it joins already holds
    (an updated count still replaces). At the same place that is another source's count, a
    range; at a narrower place it is one part of the whole (the caller's test): joined, its
    figure would become the toll's low end, which is what a reader of the range is shown."""
    return d.sent > home.sent and not d.updated and below(d.killed, home.killed)


def _add_dead(home: Draft, d: Draft) -> None:
    """ "Six were killed in the clash ... Another seven were also killed in the clash": more
    dead of the incident told add to its toll."""
    home.killed = home.killed.added(d.killed)


def _chemical_told_again(merged: list[Draft], d: Draft) -> Draft | None:
    """ "Rockets with chemical agents hit Ain Tarma on Wednesday, killing 213 ... the reported
    chemical weapons use in Damascus ... the sarin": a chemical attack told with no dead and
    no day of its own, after the report has told one, is that attack told again, wherever it
    names in its area (the capital, a suburb it reached). Chemical attacks are rare and a report
    tells its one at length; one it recalls comes with its own day, and one "also" used
    elsewhere names another governorate. A town listed among the places the attack hit ("the
    suburbs of Ain Tarma, Zamalka and Jobar") is a place of its own, even across the capital's
    border: an incident lies in one governorate, so the list gives one in each."""
    if d.type != IncidentType.CHEMICAL_ATTACK or d.listed:
        return None
    if d.date is not None:
        # "gas barrels dropped on Aleppo on Wednesday killed four ... civil defence reported
        # three deaths after gas was dropped on the Zubdiya district": one attack, another
        # source's count (GOLD-DEV.md: differing sources give a range), on the same day
        return next(
            (
                m
                for m in merged
                if m.type == IncidentType.CHEMICAL_ATTACK
                and m.date is not None
                and m.date.date == d.date.date
                and not m.listed
                and m.place is not None
                and d.place is not None
                and m.place.place.governorate == d.place.place.governorate
            ),
            None,
        )
    if d.killed.known or d.injured.known:
        return None
    return next(
        (
            m
            for m in merged
            if m.type == IncidentType.CHEMICAL_ATTACK and m.sent < d.sent and one_area(m, d)
        ),
        None,
    )


def _counts_it(home: Draft, d: Draft) -> bool:
    """True when ``d`` gives ``home``'s dead: the first count of them, or the same count again
    ("a gas attack killed more than 1400 ... The attack near Damascus on August 21 killed more
    than 1400"); its day, told however far from the lead, is then the incident's."""
    h, n = home.killed, d.killed
    return n.known and (not h.known or (toll_within(n, h) and toll_within(h, n)))


def _narrower(d: Draft, home: Draft, beside: Callable[[Draft], bool] | None = None) -> bool:
    """True when ``d`` places ``home``'s incident more narrowly. A seat city told for the
    incident stands for all its quarters: one quarter of several a later sentence lists ("the
    districts struck included A, B and C"; "strikes on Raqqa and Tabqa") does not replace it
    (GOLD-DEV.md: one toll over several neighbourhoods of a city is one incident there). Nor
    does a quarter told for another happening the incident is set beside ("the raids came as
    rebels attacked the Zahra district": ``beside``)."""
    if d.place is None or home.place is None or (beside is not None and beside(d)):
        return False
    here, there = _level(d.place.place), _level(home.place.place)
    seat = specificity(home.place.place) == 2
    return here < there and not (d.among and seat)


def _level(place: Place) -> int:
    """:func:`specificity`, with a seat city's surroundings ("near Damascus") as broad as the
    city: any town told for the incident there places it more narrowly."""
    around = place.geo_precision == GeoPrecision.NEAR_TOWN and place.name in GOVERNORATES
    return 2 if around else specificity(place)


# "bombing" names no weapon: an air raid's, or a bomb's that was planted or driven in
BOMBING = words("bombing bombings bombed")
# Kinds a strike told by a word naming no weapon may turn out to be, once the weapon is named.
NAMED_KINDS = STRIKE_TYPES | {IncidentType.EXPLOSION}
# How many sentences after such a strike its weapon may be named.
WEAPON_REACH = 2


def _unsaid(d: Draft) -> bool:
    """True when a strike's trigger names no weapon (:data:`UNSAID_WEAPON`)."""
    return d.type in STRIKE_TYPES and d.trigger.text.lower() in UNSAID_WEAPON


def _names_weapon(d: Draft, e: Draft) -> bool:
    """True when ``e`` may name the weapon of ``d``'s strike: a strike told by a word naming
    one, or a bomb's blast when ``d`` was told as a bombing."""
    if e.type == IncidentType.EXPLOSION:
        return d.trigger.text.lower() in BOMBING
    return e.type in STRIKE_TYPES and not _unsaid(e)


def _weapon_named_after(
    drafts: list[Draft], set_apart: Callable[[Draft], bool] | None = None
) -> None:
    """ "A twin bombing struck a crowd in Qamishli, killing 44. A truck loaded with explosives
    blew up ...": a strike told with its dead by a word naming no weapon (:func:`_unsaid`) is
    of the kind the next words naming one tell (:func:`_names_weapon`), in its sentence or the
    next (:data:`WEAPON_REACH`), at its place and day, with no other count of dead, unless
    they are set apart ("another", "also") or done by another camp. Its type was only the
    word's default reading; the two tellings then merge as one incident. A strike with no dead
    told beside the news ("amid mutual bombardment") names no incident of its own to retype,
    and dead counted apart ("those killed included 12 who died in a raid on a convoy") are a
    part, not the weapon of the whole."""
    for k, d in enumerate(drafts):
        if not _unsaid(d) or not d.killed.known:
            continue
        named = next(
            (
                e
                for e in drafts[k + 1 :]
                if e.type in NAMED_KINDS
                and _names_weapon(d, e)
                and d.sent <= e.sent <= d.sent + WEAPON_REACH
                and e.trigger.start > d.trigger.start
            ),
            None,
        )
        if (
            named is not None
            and named.type != d.type
            and same_place(d.place, named.place)
            and same_day(d.date, named.date)
            and (not named.killed.known or toll_within(named.killed, d.killed))
            and one_camp(d.perpetrator, named.perpetrator)
            and not (named.sent > d.sent and set_apart is not None and set_apart(named))
        ):
            d.type = named.type


def _bombing_after_blast(
    drafts: list[Draft], set_apart: Callable[[Draft], bool] | None = None
) -> None:
    """ "A massive bomb blast killed at least 44 people in Qamishli ... Syrian state media gave
    a toll of 44 dead in the bombing, which hit a western district": "bombing" names no weapon
    (an air raid's, or a bomb's), so told within :data:`WEAPON_REACH` sentences after a blast,
    with no other strike told between, at its place and day (or none), with its toll or none,
    and not set apart ("another", "also"), it is the blast told again: the weapon was named
    before it, where :func:`_weapon_named_after` reads it named after."""
    for k, d in enumerate(drafts):
        if d.type not in STRIKE_TYPES or d.trigger.text.lower() not in BOMBING:
            continue
        before = next(
            (e for e in reversed(drafts[:k]) if e.type in NAMED_KINDS and e.sent < d.sent), None
        )
        if (
            before is not None
            and before.type == IncidentType.EXPLOSION
            and d.sent - before.sent <= WEAPON_REACH
            and same_place(before.place, d.place)
            and same_day(before.date, d.date)
            and (
                not d.killed.known
                or not before.killed.known
                or toll_within(d.killed, before.killed)
            )
            and not (set_apart is not None and set_apart(d))
        ):
            d.type = IncidentType.EXPLOSION


def merge(
    drafts: list[Draft],
    nearby: Callable[[Draft], bool] | None = None,
    set_apart: Callable[[Draft], bool] | None = None,
    beside: Callable[[Draft], bool] | None = None,
    set_off: Callable[[Draft], bool] | None = None,
    pointed: Callable[[Draft], bool] | None = None,
) -> list[Draft]:
    """Merge drafts of one type at one governorate and day; fill each other's gaps; then fold
    an incident told again under another type into the first telling (:func:`_fold_retold`).

    ``nearby`` tells whether a draft without a place can be an incident of its own
    (:func:`~trucewatch.extract.incident_places.stands_apart`); given, such a draft told far
    from a placed one stays apart (:func:`_apart`). ``set_apart`` tells whether a draft's
    sentence sets it apart from what came before ("another", "also"); without it (a second
    merge, after drafts are placed from context) tellings under two types are not folded.
    ``beside`` tells whether a draft's place is told for another happening it is set beside
    (:func:`_told_beside`); such a place never narrows the incident's. ``set_off`` tells
    whether a word setting a draft apart comes before its trigger (:func:`_setting_apart`);
    such a draft at a town of a named area, or at the area, is not the area's incident told
    again. ``pointed`` tells whether a draft's trigger follows "the" (:func:`_pointed`): a
    strike so pointed back at after a chemical attack may be that attack told again
    (:func:`~trucewatch.extract.chemical_carriers.chemical_carried`)."""
    merged: list[Draft] = []
    told: dict[int, list[int]] = {}  # id of a merged draft -> the sentences that tell it
    _weapon_named_after(drafts, set_apart)
    _bombing_after_blast(drafts, set_apart)
    chemical_carried(drafts, set_apart, pointed)
    # a lead summing towns' tolls is dropped before it can merge into its largest part
    for d in _drop_sums(absorb_delivery(absorb_killings(absorb_massacres(drafts)))):
        entry = _list_entry(d)
        if entry is not None:
            d.listed.add(entry)
        home = None
        for m in merged:
            if m.type != d.type or not same_day(m.date, d.date):
                continue
            if (m.place is None) != (d.place is None):
                distance = min(abs(d.sent - s) for s in told[id(m)])
                if _apart(m if m.place is None else d, distance, nearby):
                    continue
            if (
                (m.apart or d.apart)
                and place_name(m)
                and place_name(d) != place_name(m)
                and not wounded_of(m, d, min(abs(d.sent - s) for s in told[id(m)]))
            ):
                continue  # "five more were killed in Sabqa": another town's incident
            if _counted_apart(m, d) or _more_dead(m, d):
                continue
            if _another_day(m, d, told[id(m)]) or _told_as_another(m, d, told[id(m)]):
                continue
            if _wider_count(m, d):
                continue
            if _listed_towns(m, d):
                continue  # "strikes on Raqqa and Tabqa": the incident holds Raqqa already
            if set_off is not None and _area_and_town(m, d) and set_off(d):
                # "elsewhere, jets struck Arbin": not the Ghouta's raid told again, nor in a
                # later merge (after drafts are placed from context)
                d.apart = True
                continue
            if same_place(m.place, d.place):
                home = m
                break
        if home is not None and d.earlier and not home.earlier:
            # an earlier event recalled beside the news it would merge with: its dead, day and
            # place are not the news's, and it is no incident the report tells (read as one, it
            # is background, GOLD-DEV-2.md), so it is left out rather than folded in
            continue
        told_again = _chemical_told_again(merged, d) if home is None else None
        if told_again is not None:
            told[id(told_again)].append(d.sent)
            told_again.perpetrator = told_again.perpetrator or d.perpetrator
            join_target(told_again, d)
            for kind in ("killed", "injured"):
                if (d.killed if kind == "killed" else d.injured).known:
                    join_toll(told_again, d, kind)  # another source's count: a range
            told_again.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
            continue
        if home is None:
            merged.append(d)
            told[id(d)] = [d.sent]
            continue
        told[id(home)].append(d.sent)
        home.listed |= d.listed
        # "strikes on Idlib province killed 26 ... a strike on the hospital in Saraqib killed
        # 14": a narrower telling with fewer dead places the incident, and is one part of it
        narrower = _narrower(d, home, beside)
        part = narrower and _fewer_dead(home, d)
        if home.place is None and d.place is not None:
            home.place = d.place
        elif narrower:
            home.place = d.place  # a more specific place for the same incident
        if (
            home.date is None
            and not home.loose
            and (d.sent - home.sent <= DAY_REACH or _counts_it(home, d))
        ):
            home.date = d.date  # a day told far from the lead may be another day's event
        home.perpetrator = home.perpetrator or d.perpetrator
        join_target(home, d)
        if d.more_dead == "told" and _other_dead(home, d):
            _add_dead(home, d)
        elif d.killed.known and not _side_of_battle(home, d) and not part:
            join_toll(home, d, "killed")
        if d.injured.known:
            join_toll(home, d, "injured")
        home.evidence.extend(d.evidence)
    out = _drop_sums(_fold_retold(merged, told, set_apart))
    _list_days(out)
    return out


def _list_days(merged: list[Draft]) -> None:
    """ "Rockets hit Ain Tarma, Zamalka and Jobar before dawn ... on Wednesday": the towns one
    trigger lists were hit in one telling, so a town's incident left without a day takes the
    day its list's other towns were given (a town alone keeps its own, or none)."""
    for d in merged:
        if d.date is not None or not d.listed:
            continue
        triggers = {t for t, _ in d.listed}
        dated = next(
            (
                m
                for m in merged
                if m is not d
                and m.type == d.type
                and m.date is not None
                and not m.loose
                and any(t in triggers for t, _ in m.listed)
            ),
            None,
        )
        if dated is not None and not d.loose:
            d.date = dated.date  # with the words that state it, as for any day passed on
            d.evidence.extend(e for e in dated.evidence if e.field == "date")


def _fold_retold(
    merged: list[Draft], told: dict[int, list[int]], set_apart: Callable[[Draft], bool] | None
) -> list[Draft]:
    """One incident told twice under two types: a strike told again by a word naming no weapon
    (:func:`~trucewatch.extract.elaboration.generic_retelling`), the fighting for a town beside
    its capture (:func:`~trucewatch.extract.elaboration.capture_after_clash`). The later
    telling folds into the earlier; a clash told before a capture in another sentence stays
    (the capture may be only spoken of: "the importance of capturing X"). Strikes fold only
    when ``set_apart`` reads their sentences (the first merge: a later one, after drafts are
    placed from context, no longer knows which sentences told them)."""
    told = {id(d): told.get(id(d), [d.sent]) for d in merged}
    out: list[Draft] = []
    for d in merged:
        home = _strike_retold(out, d, set_apart(d)) if set_apart is not None else None
        if home is not None:
            told[id(home)].extend(told[id(d)])
            fold_retelling(home, d, with_day=False)
            continue
        for m in out:
            distance = min(abs(a - b) for a in told[id(m)] for b in told[id(d)])
            if capture_after_clash(m, d, distance):
                home = m
                break
            if distance == 0 and capture_after_clash(d, m, distance):
                # one sentence tells both ("took X after fierce clashes"): the capture
                out[out.index(m)] = d
                d, home = m, d
                break
        if home is None:
            out.append(d)
            continue
        told[id(home)].extend(told[id(d)])
        fold_retelling(home, d)
    return out


def _strike_retold(out: list[Draft], d: Draft, set_apart: bool) -> Draft | None:
    """The strike already told that ``d`` tells again by a word naming no weapon (the nearest
    before it), if any."""
    return next((m for m in reversed(out) if generic_retelling(m, d, set_apart)), None)


def _drop_sums(merged: list[Draft]) -> list[Draft]:
    """A toll for a region that sums those of towns in it told apart is those incidents
    (:func:`~trucewatch.extract.elaboration.summed_parts`): the summing draft goes, its day and
    party go to the parts, and the parts take its place in the order of telling (the lead told
    them first: the story is about them)."""
    out = list(merged)
    for lead in merged:
        parts = summed_parts(lead, out)
        if parts:
            give_sum(lead, parts)
            before = out[: out.index(lead)]
            at = len([d for d in before if not any(d is p for p in parts)])
            rest = [d for d in out if d is not lead and not any(d is p for p in parts)]
            out = rest[:at] + parts + rest[at:]
    return out


def _area_and_town(a: Draft, b: Draft) -> bool:
    """True when one draft is placed at a named area and the other at a town in it
    (:func:`~trucewatch.extract.draft.area_holds`)."""
    if a.place is None or b.place is None:
        return False
    pa, pb = a.place.place, b.place.place
    return area_holds(pa, pb) or area_holds(pb, pa)


def _setting_apart(doc: Doc, before_trigger: bool = False) -> Callable[[Draft], bool]:
    """Whether a draft's sentence holds a word setting its incident apart (SETTING_APART); with
    ``before_trigger``, only before its trigger: "Elsewhere on Thursday the air force attacked
    Arbin", "the farms of Douma have also been the scenes of fighting". One after it
    ("Hamouriyeh was among the worst hit; Saqba was also struck") sets apart what follows, not
    the draft."""
    lowers = doc_lowers(doc)
    sents = doc._.sentences or []

    def marked(d: Draft) -> bool:
        s = sents[d.sent]
        end = d.trigger.token_start if before_trigger else s.token_end
        return any(w in SETTING_APART for w in lowers[s.token_start : end])

    return marked


def _pointed(doc: Doc) -> Callable[[Draft], bool]:
    """Whether a draft's trigger follows "the" (or "this", "these"): "the shelling was intense"
    points back at a strike the report told."""
    lowers = doc_lowers(doc)

    def back(d: Draft) -> bool:
        k = d.trigger.token_start
        return k > 0 and lowers[k - 1] in DEFINITE

    return back


def _told_beside(doc: Doc) -> Callable[[Draft], bool]:
    """Whether a draft's place follows "came as" after its trigger ("the raids came as rebels
    attacked the Zahra district"): the place of another happening, not the incident's."""
    lowers = doc_lowers(doc)

    def beside(d: Draft) -> bool:
        if d.place is None or d.place.token_start < d.trigger.token_end:
            return False
        return came_as(lowers[d.trigger.token_end : d.place.token_start])

    return beside


@Language.component(
    "tw_merge",
    requires=["doc._.drafts", "doc._.places", "doc._.sentences", "doc._.roles"],
    assigns=["doc._.merged"],
)
def merge_component(doc: Doc) -> Doc:
    """Store the merged drafts on ``doc._.merged``."""
    drafts = doc._.drafts or []
    _mark_earlier(doc, drafts)
    set_off = _setting_apart(doc, before_trigger=True)
    merged = merge(
        drafts, stands_apart(doc), _setting_apart(doc), _told_beside(doc), set_off, _pointed(doc)
    )
    doc._.merged = _drop_country_parts(merged, _country_part(doc))
    return doc


def _mark_earlier(doc: Doc, drafts: list[Draft]) -> None:
    """ "A car bomb killed 12 in Azaz on Monday. The attack came two weeks after a suicide
    bombing near the town killed 25": a happening told after "came ... after" / "days after"
    set after a sentence's news (:func:`~trucewatch.extract.figure_roles.elapsed_after`) is an
    earlier event the report recalls. Merged into the news it would make the toll a range up
    to the earlier dead (or the sum); :func:`merge` leaves it out instead."""
    sents = doc._.sentences or []
    for d in drafts:
        after = elapsed_after(doc, sents[d.sent])
        d.earlier = any(k < d.trigger.token_start for k in after)


# Parts of the country a report may place an incident in without naming a place ("a town in
# eastern Syria", "a village in northern Syria").
COUNTRY_PARTS = words(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western northeastern northwestern southeastern southwestern central"
)
COUNTRY = words("syria syrias")


def _country_part(doc: Doc) -> Callable[[Draft], bool]:
    """Whether a draft's sentence places it only in a part of the country ("in eastern
    Syria")."""
    lowers = doc_lowers(doc)
    sents = doc._.sentences or []

    def vague(d: Draft) -> bool:
        s = sents[d.sent]
        ws = lowers[s.token_start : s.token_end]
        return any(a in COUNTRY_PARTS and b in COUNTRY for a, b in pairwise(ws))

    return vague


def _drop_country_parts(merged: list[Draft], vague: Callable[[Draft], bool]) -> list[Draft]:
    """ "Dozens of civilians were killed in air raids on a market in eastern Syria last
    Monday", told below a report's lead about Idlib: an incident the body tells with no place
    but a part of the country, that no telling of the story's incidents took in, is another
    incident too vague to code (GOLD-DEV.md: places too vague to name are not coded), never
    one at the story's place, which the next step would give it. The lead's own "in northern
    Syria" stays: the story places it."""
    return [
        d
        for d in merged
        if not (
            d.place is None and d.sent >= LEAD_SENTENCES and d.type not in NON_VIOLENT and vague(d)
        )
    ]
