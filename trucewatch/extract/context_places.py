"""Places for incidents a sentence tells without one, and narrower places for those told only
at governorate level: the story's place around the incident (the next two sentences or the one
before), else the next incident of the same type, else the report's most named governorate;
then the town the story tells in that governorate. Split from
:mod:`trucewatch.extract.incident_places`, which re-exports :func:`stands_apart` and the
component."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.draft import (
    LATER_SAME,
    Draft,
    mention,
    regional,
    sent_start,
    specificity,
)
from trucewatch.extract.figure_roles import sentence_claims, toll_figures
from trucewatch.extract.lexicon import word_list
from trucewatch.extract.place_motion import comes_from
from trucewatch.extract.place_reading import (
    CHAIN_WORDS,
    across_clause,
    highlighted,
    in_others_clause,
    list_gap,
    party,
    retold_main_clause,
    speaking,
    spread_over,
    told_where,
)
from trucewatch.extract.place_scope import (
    came_as,
    event_tokens,
    governorate_only,
    inside_span,
    listed_quarter,
    narrow_to_nested,
    on_road_name,
    others_place,
    told_happening,
)
from trucewatch.extract.roles import is_credit
from trucewatch.extract.spans import PlaceMention, doc_lowers
from trucewatch.model.incident import NON_VIOLENT, GeoPrecision, Place


def _story_sentence(doc: Doc, index: int) -> bool:
    role = doc._.roles[index]
    sent = doc._.sentences[index]
    return not (role.summary or sentence_claims(doc, sent) or is_credit(doc, sent))


def _story_places(doc: Doc) -> list[PlaceMention]:
    """Places where the story happens: not where the report sums up a period or tells a tally
    ("since the centre opened in Hmeimim", "865 killed in Aleppo, Idlib ... since strikes
    began"), not a capital standing for its government."""
    story: dict[int, bool] = {}  # sentence index -> whether the story happens there
    out = []
    for p in doc._.places or ():
        if p.sent not in story:
            story[p.sent] = _story_sentence(doc, p.sent)
        if story[p.sent] and not party(doc, p):
            out.append(p)
    return out


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
        and not speaking(doc, p, sents[p.sent].token_end)  # "Damascus denied": a speaker
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
        if p.place.governorate and not speaking(doc, p, sents[p.sent].token_end):
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
            # the governorate told as a region ("in Idlib province") locates a town, it names
            # no other one
            towns = [p for p in places if p.place.governorate == gov and specificity(p.place) < 3]
            named = {p.place.name for p in towns}
            if len(named) == 1:
                anchor = towns[0]
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
        if _told_spread(doc, d):
            continue  # "45 killed in and around Aleppo": no one quarter or town of it
        gov = d.place.place.governorate
        others = {o.place.place.name for o in drafts if o is not d and o.type == d.type and o.place}
        found = [
            p
            for p in places
            if p.place.governorate == gov
            and -1 <= p.sent - d.sent <= REFINE_REACH
            and specificity(p.place) < 2
            and p.place.name not in others
            # (a retelling's place stays, whatever past a later clause recalls)
            and (not doc._.roles[p.sent].context or retold_main_clause(doc, d.type, p))
            and told_where(doc, p)
            and not comes_from(doc, p.token_start, sent_start(doc, p))
            and not speaking(doc, p, sents[p.sent].token_end)
            and told_happening(doc, p, events)
            and not on_road_name(doc, p)
            and not (p.sent == d.sent and across_clause(doc, d.trigger, p))
            # "... came as rebels pushed into X": X is another happening's place
            and not came_as(doc_lowers(doc)[sent_start(doc, p) : p.token_start])
            and not _listed_beside(doc, p, d.place.place.name)
            # "the jets struck the districts of A, B and C": one of the quarters a city-wide
            # toll is spread over is not where the whole incident happened
            and not listed_quarter(doc, p)
            and not highlighted(doc, p)
            and not _part_of_the_dead(doc, d, p)
            and not in_others_clause(doc, d.type, sent_start(doc, p), p)
            and (p.sent == d.sent or not others_place(doc, d.type, p))
        ]
        if found:
            best = min(found, key=lambda p: (specificity(p.place), abs(p.sent - d.sent), p.start))
            d.place = best
            d.evidence.append(mention("place", doc, best.start, best.end))


def _told_spread(doc: Doc, d: Draft) -> bool:
    """True when a telling of the incident places it by an area it is spread over ("killed
    in and around Aleppo", "strikes across the east of the city"): its own place mention, or
    the place evidence of a telling merged into it, of the same place."""
    if spread_over(doc, d.place):
        return True
    told = {m.start for m in d.evidence if m.field == "place"}
    return any(
        p.start in told and p.place.name == d.place.place.name and spread_over(doc, p)
        for p in doc._.places or ()
    )


def _part_of_the_dead(doc: Doc, d: Draft, p: PlaceMention) -> bool:
    """True when ``p``'s sentence counts only a small part of the incident's dead ("Among
    the dead were five people killed at a bakery in X", after "30 killed across the east of
    the city"): where a few of them fell, not where the incident happened. A place holding
    most of them ("Five of them were killed in X", of six) still tells it."""
    whole = d.killed.best if d.killed.best is not None else d.killed.low
    if not whole:
        return False
    parts = [
        q.toll.best if q.toll.best is not None else q.toll.low
        for q in toll_figures(doc)
        if q.sent == p.sent and q.kind == "killed" and not q.vague
    ]
    parts = [v for v in parts if v is not None]
    return bool(parts) and all(2 * v <= whole for v in parts)


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
        gap = list_gap(lowers, lo, hi)
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
