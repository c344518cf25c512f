"""Where each incident happened: the place told after a locative nearest its trigger (most
specific, not a speaker's seat, not an origin or destination), the places chained to it ("X
and Y": one incident per town), and the figures told per town. Placing incidents told without
a place is :mod:`trucewatch.extract.context_places`' job; the word-level readings of a place
told (locative, speaker, list) are :mod:`trucewatch.extract.place_reading`'s."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.context_places import (  # noqa: F401 (re-exported: merging, pipeline)
    context_places_component,
    stands_apart,
)
from trucewatch.extract.draft import (
    Draft,
    mention,
    specificity,
)
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.place_motion import (
    ORIGIN,
    comes_from,
    evacuating,
    fled_from,
    heading_towards,
    movement,
)
from trucewatch.extract.place_nesting import PLACE_NOUNS
from trucewatch.extract.place_reading import (  # noqa: F401 (told_where re-exported)
    CHAIN_WORDS,
    COORD_FILLER,
    LOCATIVE,
    PLACE_MODIFIERS,
    across_clause,
    highlighted,
    in_others_clause,
    list_gap,
    locative,
    party,
    speaking,
    told_where,
)
from trucewatch.extract.place_scope import (
    SITE_NOUNS,
    city_of_quarters,
    holds,
)
from trucewatch.extract.spans import (
    PlaceMention,
    Quantity,
    Sentence,
    Trigger,
    doc_lowers,
)
from trucewatch.gazetteer.places import GOVERNORATES, load_gazetteer
from trucewatch.model.incident import GeoPrecision, IncidentType

NEST_GAP = word_list("NEST_GAP")


def driving_off(doc: Doc, trigger: Trigger) -> bool:
    """True when a capture is told as driving a force off ground: its trigger ends in "from" or
    "out" ("expelled IS from", "drove rebels out"), so the place it is driven from was taken."""
    if trigger.type != IncidentType.TERRITORY_TAKEN:
        return False
    return doc_lowers(doc)[trigger.token_end - 1] in ("from", "out")


def choose_place(doc: Doc, sent: Sentence, trigger: Trigger) -> PlaceMention | None:
    evacuation = evacuating(trigger)
    cands = [
        p
        for p in doc._.places
        if p.sent == sent.index
        and not across_clause(doc, trigger, p)
        and not heading_towards(doc, p.token_start, sent.token_start)
        # "..., which took control of X": the capture's place
        and not in_others_clause(doc, trigger.type, trigger.token_end, p)
    ]
    # "a school in X sheltering families who had fled fighting in Y": Y is where they came
    # from; told alone ("killed 38 as they fled fighting in Y") it is where they were
    cands = [p for p in cands if not fled_from(doc, p.token_start, sent.token_start)] or cands
    if not cands:
        return None

    driving = driving_off(doc, trigger)

    def left_here(p: PlaceMention) -> bool:
        # an evacuation happens in the town people leave ("2,000 evacuated from X", "safe
        # passage out of X"), and a capture told as driving a force off in the ground it is
        # driven from ("expelled IS from X", "drove rebels out of X")
        if driving:
            return p.token_start >= trigger.token_end
        return evacuation

    def elsewhere(p: PlaceMention) -> bool:
        # for any other incident an origin is not where it happened
        move = movement(doc, p.token_start, sent.token_start)
        return move is not None and not (move == ORIGIN and left_here(p))

    def score(p: PlaceMention) -> tuple[int, int, int, int, int]:
        speaker = speaking(doc, p, sent.token_end) or party(doc, p)
        told_at = locative(doc, p)
        if elsewhere(p):
            told_at = False
        elif left_here(p) and movement(doc, p.token_start, sent.token_start) == ORIGIN:
            told_at = True
        dist = min(abs(p.token_start - trigger.token_end), abs(trigger.token_start - p.token_end))
        # between places listed apart, a town and a seat city rank alike ("the cities of
        # Damascus and Aleppo and al-Fouaa town"); nesting ("X in Y") is weighed by _nests
        specific = -specificity(p.place)
        follows = int(p.token_start >= trigger.token_start)
        return (int(told_at), int(not speaker), specific, follows, -dist)

    best = max(cands, key=score)
    if score(best)[:2] == (0, 0):
        return None  # only a speaker ("Damascus and Moscow denied any role"): no place told
    if elsewhere(best):
        return None  # only where the victims came from or went: the story tells where
    # "al-Midan in Aleppo", "Hass in Idlib": the specific place wins; "X in Y" is one location
    inner = next(
        (p for p in cands if p.token_end <= best.token_start and _nests(doc, p, best)), None
    )
    chosen = city_of_quarters(doc, inner if inner is not None else best)
    if highlighted(doc, chosen) and chosen.place.governorate:
        # "..., particularly in the district of X": the worst hit of several places, so the
        # happening is told only at governorate level (a wider place the story names wins)
        return replace(chosen, place=load_gazetteer().governorate_place(chosen.place.governorate))
    return chosen


def _nests(doc: Doc, inner: PlaceMention, outer: PlaceMention) -> bool:
    """ "X in Y", "X neighbourhood of Y": a place named inside another of the same governorate."""
    gap = doc_lowers(doc)[inner.token_end : outer.token_start]
    if not gap or len(gap) > 3 or not ({"in", "of"} & set(gap)):
        return False
    if not all(w in NEST_GAP or w in SITE_NOUNS for w in gap):
        return False
    if gap[0] == "the" and "in" not in gap:
        return False  # "Afrin[,] the village of Hassadjek": the next place told, not a nest
    if specificity(inner.place) >= 2 or inner.place.name in GOVERNORATES:
        return False  # "the Damascus suburb of Jaramana": a seat city lies in no town
    same = inner.place.governorate == outer.place.governorate
    # a place told inside a town is narrower than the town even when the gazetteer knows it
    # only by the town around it ("Manyan market in New Aleppo": Manyan, near-town precision)
    narrower = specificity(inner.place) <= max(specificity(outer.place), 1)
    return same and narrower


def place_chain(doc: Doc, first: PlaceMention | None) -> list[PlaceMention]:
    """The chosen place and those joined to it by "and" / "," ("Eastern Ghouta and Darayya")."""
    if first is None:
        return []
    chain = [first]
    lowers = doc_lowers(doc)
    for p in doc._.places:
        if p.sent != first.sent or p.token_start < chain[-1].token_end:
            continue  # a place inside the last (a city told by its quarters' list) is in it
        gap = list_gap(lowers, chain[-1].token_end, p.token_start)
        if len(gap) <= 4 and all(w in CHAIN_WORDS for w in gap):
            chain.append(p)
        elif p.token_start > chain[-1].token_end:
            break
    return chain


def listed_siblings(
    doc: Doc, chain: list[PlaceMention], own: str | None = None
) -> list[PlaceMention]:
    """The towns listed beside the chain's first ("X and Y", "the towns of A B and C"), each
    once, less the places nesting them ("X in Y"), whole regions and ``own`` (the first's by
    default)."""
    out = []
    first = own if own is not None else (chain[0].place.name if chain else None)
    seen = {first} if first else set()
    lowers = doc_lowers(doc)
    # a list whose commas were stripped still ends in "and"/"or" ("the towns of A B and C")
    closed = any(
        {"and", "or"} & set(lowers[a.token_end : b.token_start]) for a, b in pairwise(chain)
    )
    for prev, p in pairwise(chain):
        gap = set(list_gap(lowers, prev.token_end, p.token_start))
        if gap & {"in", "of"} - COORD_FILLER:
            if holds(p, prev):
                continue  # "X in Idlib and Y in Hama": step over the place holding X
            break  # "X in Y" nests a place; only "X and Y" names two
        if not gap & {"and", ",", "or"} and (gap or not closed):
            break
        # a whole region is no town of the list; a village the gazetteer lacks, located only
        # by its province ("the villages of A B and C in Hama province"), is one
        region = p.place.geo_precision == GeoPrecision.REGION and specificity(p.place) != 1
        if region or p.place.name in seen:
            continue
        seen.add(p.place.name)
        out.append(p)
    return out


def per_town(doc: Doc, draft: Draft, chain: list[PlaceMention]) -> list[Draft]:
    """ "Shells hit al-Fouaa and Kafraya": one incident per town (GOLD-DEV.md); a toll that
    is not split between them stays with the first."""
    out = []
    own = draft.place.place.name if draft.place else ""
    for p in listed_siblings(doc, chain, own):
        twin = Draft(draft.type, draft.sent, draft.trigger, place=p, date=draft.date)
        twin.roundup = draft.roundup
        twin.perpetrator, twin.target = draft.perpetrator, draft.target
        twin.counted_target = draft.counted_target
        twin.evidence = [m for m in draft.evidence if m.field not in ("place", "killed", "injured")]
        twin.evidence.append(mention("place", doc, p.start, p.end))
        out.append(twin)
    return out


FIGURE_PLACE_REACH = 6  # words from a figure to the phrase of the place it was counted in

# Words of a place phrase between a locative and the place ("in each of the cities of X", "in
# the nearby town of Y", "in the neighborhood Z"): they tell which place, not how far it is.
PLACE_PHRASE = (
    PLACE_NOUNS
    | PLACE_MODIFIERS
    | words("each of towns villages cities districts neighbourhoods neighborhoods areas")
)


def place_phrase_start(lowers: list[str], p: PlaceMention, floor: int) -> int | None:
    """Where the locative phrase of ``p`` opens ("in each of the towns of X": at "in"), never
    before ``floor``; None when no locative opens it (the place is not told as where)."""
    k = p.token_start - 1
    while k > floor and lowers[k] in PLACE_PHRASE and lowers[k] not in ("in", "of"):
        k -= 1
    # "of" both joins a kind noun to its name and opens "in each of": step over it inside
    while k > floor and lowers[k] == "of" and lowers[k - 1] in PLACE_PHRASE:
        k -= 1
        while k > floor and lowers[k] in PLACE_PHRASE and lowers[k] not in ("in", "of"):
            k -= 1
    return k if k >= floor and lowers[k] in LOCATIVE and lowers[k] != "of" else None


def figures_by_place(
    doc: Doc, sent: Sentence, figures: list[Quantity]
) -> list[tuple[PlaceMention, list[Quantity]]]:
    """ "Strikes killed 12 in Kafr Nabl and 5 in Hass": each figure with the place told right
    after it (before the next figure), when that gives two or more distinct towns; else [].
    The reach is counted in words before the place's phrase ("four were killed in the city of
    X": two words), and a figure told "in each of the towns of X and Y" is every town's."""
    lowers = doc_lowers(doc)
    places = [p for p in doc._.places or () if p.sent == sent.index and specificity(p.place) < 3]
    ordered = sorted(figures, key=lambda q: q.token_start)
    pairs: list[tuple[PlaceMention, list[Quantity]]] = []
    # "killing a woman and injuring 19 in X": figures before the first placed one, joined to
    # it by "and", are that place's too
    waiting: list[Quantity] = []
    for k, q in enumerate(ordered):
        limit = ordered[k + 1].token_start if k + 1 < len(ordered) else sent.token_end
        told = _place_after(doc, lowers, places, q, limit)
        if told is None:
            if q.token_end < limit and lowers[q.token_end] in ("in", "at"):
                waiting = []  # "5 in Marjeh": counted at a place we do not know, no one's
            elif pairs:
                pairs[-1][1].append(q)  # "... and 20 wounded": the same town's injured
            elif k + 1 < len(ordered) and _joined(doc, q, ordered[k + 1]):
                waiting.append(q)
            else:
                waiting = []
            continue
        for place in told:
            same = next((pq for pq in pairs if pq[0].place.name == place.place.name), None)
            if same is not None:
                same[1].append(q)
            else:
                pairs.append((place, [*waiting, q]))
        waiting = []
    return pairs if len(pairs) >= 2 and len(pairs) == len({p.place.name for p, _ in pairs}) else []


def _place_after(
    doc: Doc, lowers: list[str], places: list[PlaceMention], q: Quantity, limit: int
) -> list[PlaceMention] | None:
    """The place a figure was counted in: the first told as where before ``limit`` whose
    phrase opens within reach; with "in each of", the towns listed with it too."""
    for p in places:
        if not q.token_end <= p.token_start < limit:
            continue
        start = place_phrase_start(lowers, p, q.token_end)
        if start is None:
            if locative(doc, p) and p.token_start - q.token_end < FIGURE_PLACE_REACH:
                return [p]  # a locative of another form ("outskirts of X")
            continue
        if start - q.token_end > FIGURE_PLACE_REACH:
            return None
        if any(t.like_num for t in doc[q.token_end : start]):
            return None  # "5 in Marjeh and 1 in each of X": another count's place
        if "each" in lowers[start : p.token_start]:
            return [p, *listed_siblings(doc, place_chain(doc, p))]
        return [p]
    return None


def _joined(doc: Doc, q: Quantity, nxt: Quantity) -> bool:
    """True when the words between two figures join them as one telling ("a woman and
    injuring 19"): an "and", no sentence-like break and no other place between them."""
    between = [t.lower_ for t in doc[q.token_end : nxt.token_start]]
    return "and" in between and not {";", ".", ":"} & set(between) and len(between) <= 6


def own_places(
    doc: Doc, sent: Sentence, triggers: list[Trigger]
) -> list[tuple[Trigger, PlaceMention]]:
    """Triggers of one type each followed, before the next, by a place of their own
    ("strikes in X ... raids in Y"), one per distinct place."""
    ordered = sorted(triggers, key=lambda t: t.start)
    if len(ordered) < 2:
        return []
    places = [p for p in doc._.places or () if p.sent == sent.index]
    own: list[tuple[Trigger, PlaceMention]] = []
    for k, t in enumerate(ordered):
        limit = ordered[k + 1].token_start if k + 1 < len(ordered) else sent.token_end
        place = next(
            (
                p
                for p in places
                if t.token_end <= p.token_start < limit
                and locative(doc, p)
                and not comes_from(doc, p.token_start, sent.token_start)
            ),
            None,
        )
        if place is not None and all(place.place.name != o.place.name for _, o in own):
            own.append((t, place))
    return own
