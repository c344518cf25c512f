"""Where each incident happened: the place told after a locative nearest its trigger (most
specific, not a speaker's seat, not an origin or destination), the places chained to it ("X
and Y": one incident per town), and, for incidents told without a place, the story's place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    REPORTING,
)
from trucewatch.extract.draft import (
    LATER_SAME,
    Draft,
    mention,
    regional,
    sent_start,
    specificity,
)
from trucewatch.extract.figure_roles import sentence_claims
from trucewatch.extract.lexicon import word_list
from trucewatch.extract.place_motion import (
    ORIGIN,
    comes_from,
    evacuating,
    heading_towards,
    movement,
)
from trucewatch.extract.place_scope import (
    SITE_NOUNS,
    came_as,
    city_of_quarters,
    event_tokens,
    governorate_only,
    holds,
    inside_span,
    narrow_to_nested,
    on_road_name,
    told_happening,
)
from trucewatch.extract.roles import is_credit
from trucewatch.extract.spans import (
    PlaceMention,
    Quantity,
    Sentence,
    Trigger,
    doc_lowers,
)
from trucewatch.model.incident import (
    NON_VIOLENT,
    GeoPrecision,
    Place,
)

LOCATIVE = word_list("LOCATIVE")


NEST_GAP = word_list("NEST_GAP")


# Sentence openers that tie a sentence to another story: no date is inherited across them.
COORD_FILLER = frozenset({"areas", "area", "town", "towns", "village", "villages", "of", "the"})


CHAIN_WORDS = COORD_FILLER | {"and", ",", "or", "in"}


# Words that open a clause telling another happening ("... has risen while SDF fighters make
# gains in Manbij"): a place across one is not where the trigger's incident happened.
CLAUSE_BREAKS = word_list("CLAUSE_BREAKS")


def _across_clause(doc: Doc, trigger: Trigger, p: PlaceMention) -> bool:
    """True when the place stands in a "while"-clause after the trigger's own. (A place before
    the trigger may set the whole sentence: "In Daraya ... barrel bombs ... while clashes".)"""
    if p.token_start < trigger.token_end:
        return False
    return any(w in CLAUSE_BREAKS for w in doc_lowers(doc)[trigger.token_end : p.token_start])


def _speaking(doc: Doc, p: PlaceMention, sent_end: int) -> bool:
    """ "officials in Damascus said", "Damascus and Moscow denied": the place names a speaker
    (or its seat), not where something happened."""
    after = doc[p.token_end : min(p.token_end + 2, sent_end)]
    if any(t.lower_ in REPORTING for t in after):
        return True
    if len(after) == 2 and after[0].lower_ == "and" and after[1].text[:1].isupper():
        nxt = doc[after[1].i + 1 : min(after[1].i + 2, sent_end)]
        return any(t.lower_ in REPORTING for t in nxt)
    return False


def choose_place(doc: Doc, sent: Sentence, trigger: Trigger) -> PlaceMention | None:
    evacuation = evacuating(trigger)
    cands = [
        p
        for p in doc._.places
        if p.sent == sent.index
        and not _across_clause(doc, trigger, p)
        and not heading_towards(doc, p.token_start, sent.token_start)
    ]
    if not cands:
        return None

    def elsewhere(p: PlaceMention) -> bool:
        # an evacuation happens in the town people leave ("2,000 evacuated from X", "safe
        # passage out of X"); for any other incident an origin is not where it happened
        move = movement(doc, p.token_start, sent.token_start)
        return move is not None and not (evacuation and move == ORIGIN)

    def score(p: PlaceMention) -> tuple[int, int, int, int, int]:
        speaking = _speaking(doc, p, sent.token_end) or _party(doc, p)
        locative = _locative(doc, p)
        if elsewhere(p):
            locative = False
        elif evacuation and movement(doc, p.token_start, sent.token_start) == ORIGIN:
            locative = True
        dist = min(abs(p.token_start - trigger.token_end), abs(trigger.token_start - p.token_end))
        # between places listed apart, a town and a seat city rank alike ("the cities of
        # Damascus and Aleppo and al-Fouaa town"); nesting ("X in Y") is weighed by _nests
        specific = -specificity(p.place)
        follows = int(p.token_start >= trigger.token_start)
        return (int(locative), int(not speaking), specific, follows, -dist)

    best = max(cands, key=score)
    if score(best)[:2] == (0, 0):
        return None  # only a speaker ("Damascus and Moscow denied any role"): no place told
    if elsewhere(best):
        return None  # only where the victims came from or went: the story tells where
    # "al-Midan in Aleppo", "Hass in Idlib": the specific place wins; "X in Y" is one location
    inner = next(
        (p for p in cands if p.token_end <= best.token_start and _nests(doc, p, best)), None
    )
    return city_of_quarters(doc, inner if inner is not None else best)


def _nests(doc: Doc, inner: PlaceMention, outer: PlaceMention) -> bool:
    """ "X in Y", "X neighbourhood of Y": a place named inside another of the same governorate."""
    gap = doc_lowers(doc)[inner.token_end : outer.token_start]
    if not gap or len(gap) > 3 or not ({"in", "of"} & set(gap)):
        return False
    if not all(w in NEST_GAP or w in SITE_NOUNS for w in gap):
        return False
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
    for p in doc._.places:
        if p.sent != first.sent or p.token_start < chain[-1].token_end:
            continue  # a place inside the last (a city told by its quarters' list) is in it
        gap = doc[chain[-1].token_end : p.token_start]
        if len(gap) <= 4 and all(t.lower_ in CHAIN_WORDS for t in gap):
            chain.append(p)
        elif p.token_start > chain[-1].token_end:
            break
    return chain


def per_town(doc: Doc, draft: Draft, chain: list[PlaceMention]) -> list[Draft]:
    """ "Shells hit al-Fouaa and Kafraya": one incident per town (GOLD-DEV.md); a toll that
    is not split between them stays with the first."""
    out = []
    seen = {draft.place.place.name} if draft.place else set()
    lowers = doc_lowers(doc)
    # a list whose commas were stripped still ends in "and"/"or" ("the towns of A B and C")
    closed = any(
        {"and", "or"} & set(lowers[a.token_end : b.token_start]) for a, b in pairwise(chain)
    )
    for prev, p in pairwise(chain):
        gap = set(lowers[prev.token_end : p.token_start])
        if gap & {"in", "of"} - COORD_FILLER:
            if holds(p, prev):
                continue  # "X in Idlib and Y in Hama": step over the place holding X
            break  # "X in Y" nests a place; only "X and Y" names two
        if not gap & {"and", ",", "or"} and (gap or not closed):
            break
        if p.place.geo_precision == GeoPrecision.REGION or p.place.name in seen:
            continue
        seen.add(p.place.name)
        twin = Draft(draft.type, draft.sent, draft.trigger, place=p, date=draft.date)
        twin.roundup = draft.roundup
        twin.perpetrator, twin.target = draft.perpetrator, draft.target
        twin.counted_target = draft.counted_target
        twin.evidence = [m for m in draft.evidence if m.field not in ("place", "killed", "injured")]
        twin.evidence.append(mention("place", doc, p.start, p.end))
        out.append(twin)
    return out


FIGURE_PLACE_REACH = 6  # tokens from a figure to the place it was counted in ("5 in Hass")


def figures_by_place(
    doc: Doc, sent: Sentence, figures: list[Quantity]
) -> list[tuple[PlaceMention, list[Quantity]]]:
    """ "Strikes killed 12 in Kafr Nabl and 5 in Hass": each figure with the place told right
    after it (before the next figure), when that gives two or more distinct towns; else []."""
    places = [
        p
        for p in doc._.places or ()
        if p.sent == sent.index and specificity(p.place) < 3 and _locative(doc, p)
    ]
    ordered = sorted(figures, key=lambda q: q.token_start)
    pairs: list[tuple[PlaceMention, list[Quantity]]] = []
    for k, q in enumerate(ordered):
        limit = ordered[k + 1].token_start if k + 1 < len(ordered) else sent.token_end
        limit = min(limit, q.token_end + FIGURE_PLACE_REACH)
        place = next((p for p in places if q.token_end <= p.token_start < limit), None)
        if place is None:
            if pairs:
                pairs[-1][1].append(q)  # "... and 20 wounded": the same town's injured
            continue
        same = next((pq for pq in pairs if pq[0].place.name == place.place.name), None)
        if same is not None:
            same[1].append(q)
        else:
            pairs.append((place, [q]))
    return pairs if len(pairs) >= 2 and len(pairs) == len({p.place.name for p, _ in pairs}) else []


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
                and _locative(doc, p)
                and not comes_from(doc, p.token_start, sent.token_start)
            ),
            None,
        )
        if place is not None and all(place.place.name != o.place.name for _, o in own):
            own.append((t, place))
    return own


# Words between a locative and its place that do not change it ("in the central Hama
# province", "in western Syria's Idlib province").
PLACE_MODIFIERS = word_list("PLACE_MODIFIERS")


# Words saying who holds a place, between a locative and the place ("in rebel-held X", "in the
# besieged government-controlled town of Y"): they do not change where it is.
CONTROL_WORDS = frozenset(
    {"-", "held", "controlled", "rebel", "regime", "government", "opposition", "is", "isis",
     "isil", "daesh", "kurdish", "jihadist", "insurgent", "town", "city", "village", "of"}
)  # fmt: skip
MODIFIER_REACH = 6  # tokens from a locative to its place across modifiers


def _locative(doc: Doc, p: PlaceMention) -> bool:
    """ "in X", "on the X", "near X", "province of X", "in the central X province", "in
    rebel-held X": a place told as where something is."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    while (
        k > 0
        and p.token_start - k <= MODIFIER_REACH
        and (lowers[k] in PLACE_MODIFIERS or lowers[k] in CONTROL_WORDS or _owner(doc, k))
    ):
        k -= 1
    prev = lowers[p.token_start - 1] if p.token_start > 0 else ""
    prev2 = lowers[p.token_start - 2] if p.token_start > 1 else ""
    return (
        prev in LOCATIVE
        or prev2 in LOCATIVE
        or prev in ("-", "of")
        or (k >= 0 and lowers[k] in LOCATIVE)
    )


POSSESSIVE = frozenset({"'s", "’s"})


def _owner(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a possessive or the capitalised owner before one ("in Daraa's
    Manshiyah district": the city owning the place does not change where it is)."""
    lowers = doc_lowers(doc)
    if lowers[k] in POSSESSIVE:
        return True
    return k + 1 < len(doc) and lowers[k + 1] in POSSESSIVE and doc[k].text[:1].isupper()


NAME_GLUE = frozenset({"al", "el", "-"})  # inside names ("al-Zablatani")


LIST_REACH = 8  # tokens back from a listed place to the locative that opens its list


def told_where(doc: Doc, place: PlaceMention) -> bool:
    """True when a place is told as where something happened: after a locative itself, or listed
    after one ("in the towns of Teldo, Tel Dahab and Kafr Laha": each of them)."""
    if _locative(doc, place):
        return True
    lowers = doc_lowers(doc)
    floor = max(doc._.sentences[place.sent].token_start, place.token_start - LIST_REACH)
    for k in range(place.token_start - 1, floor - 1, -1):
        if lowers[k] in LOCATIVE:
            return True
        listed = lowers[k] in CHAIN_WORDS | NAME_GLUE or doc[k].text[:1].isupper()
        if not listed:
            return False
    return False


PARTY_CUES = frozenset({"with", "by"})


def _party(doc: Doc, p: PlaceMention) -> bool:
    """ "talks with Damascus", "a request by Damascus": a capital standing for its government."""
    return p.token_start > 0 and doc_lowers(doc)[p.token_start - 1] in PARTY_CUES


def _story_sentence(doc: Doc, index: int) -> bool:
    role = doc._.roles[index]
    sent = doc._.sentences[index]
    return not (role.summary or sentence_claims(doc, sent) or is_credit(doc, sent))


def _story_places(doc: Doc) -> list[PlaceMention]:
    """Places where the story happens: not where the report sums up a period or tells a tally
    ("since the centre opened in Hmeimim", "865 killed in Aleppo, Idlib ... since strikes
    began"), not a capital standing for its government."""
    return [p for p in doc._.places or () if _story_sentence(doc, p.sent) and not _party(doc, p)]


def _near_places(doc: Doc, places: list[PlaceMention], d: Draft) -> list[PlaceMention]:
    """Places told around a draft's sentence (the next two, or the one before) that can be
    where it happened. The draft's own sentence was weighed (and refused) by choose_place: a
    speaker, a "while"-clause's place."""
    sents = doc._.sentences
    return [
        p
        for p in places
        if (0 < p.sent - d.sent <= 2 or p.sent - d.sent == -1)
        and p.place.governorate
        # "evacuees from X": where the victims came from is not where it happened
        and not comes_from(doc, p.token_start, sent_start(doc, p))
        and not _speaking(doc, p, sents[p.sent].token_end)  # "Damascus denied": a speaker
    ]


RETELLING = word_list("RETELLING")


def _retelling(doc: Doc, d: Draft) -> bool:
    """ "Hundreds were killed in this battle": the trigger points back at an incident told."""
    lowers = doc_lowers(doc)
    start = d.trigger.token_start
    return any(w in RETELLING for w in lowers[max(0, start - 2) : start])


def stands_apart(doc: Doc) -> Callable[[Draft], bool]:
    """Whether a violent draft told without a place can be an incident of its own: it has
    places around it (what :func:`place_from_context` places it by before falling back on the
    story's governorate) and does not point back at an incident told ("in this battle")."""
    places = _story_places(doc)
    return lambda d: (
        d.type not in NON_VIOLENT and not _retelling(doc, d) and bool(_near_places(doc, places, d))
    )


def place_from_context(doc: Doc, drafts: list[Draft]) -> None:
    """An incident told without a place happened where the story is set: the nearest place
    named in the next two sentences or the one before, else the place of the next incident of
    the same type told soon after, else the report's most named governorate — at regional
    precision, since the text does not tie it to a town."""
    if not doc._.places:
        return
    counts: dict[str, int] = {}
    sents = doc._.sentences
    places = _story_places(doc)
    for p in places:
        # a place named only where the report recalls the past or captions a photo ("used
        # sarin in Ghouta in 2013") does not say where today's story is set
        if doc._.roles[p.sent].context:
            continue
        if p.place.governorate and not _speaking(doc, p, sents[p.sent].token_end):
            counts[p.place.governorate] = counts.get(p.place.governorate, 0) + 1
    for d in drafts:
        if d.place is not None or d.type in NON_VIOLENT:
            continue
        near = _near_places(doc, places, d)
        # "30 killed in a suicide blast ... The blast struck the Atmeh crossing": the same kind
        # of incident placed a little later in the report is where this one happened
        later = next(
            (
                o.place
                for o in drafts
                if o.type == d.type and o.place is not None and 0 < o.sent - d.sent <= LATER_SAME
            ),
            None,
        )
        if near:
            best = min(near, key=lambda p: (abs(p.sent - d.sent) + (p.sent < d.sent), p.start))
            d.place = replace(best, place=regional(best.place))
        elif later is not None:
            d.place = replace(later, place=regional(later.place))
        elif counts:
            gov = max(counts, key=lambda g: counts[g])
            anchor = next(p for p in places if p.place.governorate == gov)
            named = {p.place.name for p in places if p.place.governorate == gov}
            own = any(p.sent == d.sent for p in places if p.place.governorate == gov)
            # (a town in the incident's own sentence was weighed there and refused: a
            # "while"-clause's, a speaker's)
            if len(named) == 1 and specificity(anchor.place) < 2 and not own:
                # every mention of that governorate names one town ("... died in the town of
                # Khan Sheikhoun"): the story is set there
                d.place = replace(anchor, place=regional(anchor.place))
            else:
                region = Place(gov, gov, geo_precision=GeoPrecision.REGION)
                d.place = replace(anchor, place=region)
        if d.place is not None:
            d.evidence.append(mention("place", doc, d.place.start, d.place.end))
    refine_places(doc, drafts, places)
    narrow_to_nested(doc, drafts)


REFINE_REACH = 4  # sentences after an incident's own in which its town may be told


def refine_places(doc: Doc, drafts: list[Draft], places: list[PlaceMention]) -> None:
    """An incident placed only at a governorate (its seat city or the region: "an attack in
    Syria's Idlib province") happened in the town the story then tells in that governorate
    ("at least 86 were killed in rebel-held Khan Sheikhoun"; "the attack targeted a police
    station in Inkhil"): the nearest such town told as where something happened, in the
    sentence before the incident's or the next few, that is not the place of another incident
    of the same type (that one is another incident). Most specific first, then nearest."""
    sents = doc._.sentences
    events = event_tokens(doc)
    for d in drafts:
        if d.place is None or d.type in NON_VIOLENT or not governorate_only(d.place.place):
            continue
        if any(inside_span(p, d.place) for p in doc._.places):
            continue  # a city told by the list of its quarters hit (city_of_quarters)
        gov = d.place.place.governorate
        others = {o.place.place.name for o in drafts if o is not d and o.type == d.type and o.place}
        found = [
            p
            for p in places
            if p.place.governorate == gov
            and -1 <= p.sent - d.sent <= REFINE_REACH
            and specificity(p.place) < 2
            and p.place.name not in others
            and not doc._.roles[p.sent].context
            and told_where(doc, p)
            and not comes_from(doc, p.token_start, sent_start(doc, p))
            and not _speaking(doc, p, sents[p.sent].token_end)
            and told_happening(doc, p, events)
            and not on_road_name(doc, p)
            and not (p.sent == d.sent and _across_clause(doc, d.trigger, p))
            # "... came as rebels pushed into X": X is another happening's place
            and not came_as(doc_lowers(doc)[sent_start(doc, p) : p.token_start])
            and not _listed_beside(doc, p, d.place.place.name)
        ]
        if found:
            best = min(found, key=lambda p: (specificity(p.place), abs(p.sent - d.sent), p.start))
            d.place = best
            d.evidence.append(mention("place", doc, best.start, best.end))


LIST_MARKS = frozenset({"and", ",", "or", "&"})


def _listed_beside(doc: Doc, p: PlaceMention, name: str) -> bool:
    """True when ``p`` is listed right beside a mention of the place ``name`` ("strikes on
    Idlib and Saraqib", "Saraqib, Idlib"): a town named beside the incident's seat city is a
    second place of the list (``per_town`` gives it its own incident), not a narrower telling
    of the first."""
    lowers = doc_lowers(doc)
    for q in doc._.places or ():
        if q.sent != p.sent or q.place.name != name or q is p:
            continue
        lo, hi = (
            (q.token_end, p.token_start)
            if q.token_end <= p.token_start
            else (p.token_end, q.token_start)
        )
        gap = lowers[lo:hi]
        if 0 < len(gap) <= 4 and set(gap) & LIST_MARKS and all(w in CHAIN_WORDS for w in gap):
            return True
    return False


@Language.component(
    "tw_context_places",
    requires=["doc._.merged", "doc._.places", "doc._.sentences", "doc._.roles", "doc._.triggers"],
    assigns=["doc._.placed"],
)
def context_places_component(doc: Doc) -> Doc:
    """Place the merged drafts told without a place; drafts that now share a place merge."""
    from trucewatch.extract.merging import merge

    drafts = doc._.merged or []
    place_from_context(doc, drafts)
    doc._.placed = merge(drafts)
    return doc
