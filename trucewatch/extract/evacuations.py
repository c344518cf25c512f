"""Evacuations town by town: "evacuated from Madaya and Zabadani", "left the two towns".

People evacuated under a deal leave each besieged town on its own buses, so an evacuation told
of several towns is one incident per town (GOLD-DEV-2.md splits them so); one aid convoy
entering "the villages of A and B" stays one delivery.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.draft import Draft, mention
from trucewatch.extract.spans import PlaceMention, doc_lowers
from trucewatch.extract.town_counts import SIBLING_GAP, referred_towns, twin_at
from trucewatch.model.incident import NON_VIOLENT, GeoPrecision, IncidentType

# Delivery trigger words that tell people taken out of a place, not goods brought in.
EVACUATING = ("evacuat", "safe passage")


def evacuation(draft: Draft) -> bool:
    """True when a delivery draft tells people evacuated ("evacuated", "safe passage")."""
    return (
        draft.type == IncidentType.HUMANITARIAN_DELIVERY
        and draft.trigger.text.lower().startswith(EVACUATING)
    )


def per_town_kind(draft: Draft) -> bool:
    """Whether a draft's listed towns are each an incident of its own: violence ("shells hit
    A and B", GOLD-DEV.md) and evacuations."""
    return draft.type not in NON_VIOLENT or evacuation(draft)


def referred_evacuations(doc: Doc, draft: Draft, twins: list[Draft]) -> list[Draft]:
    """ "Residents of al-Foua and Kefraya boarded buses ... 5,000 people left the two towns":
    an evacuation of towns counted, not named, in its sentence is one at each town of the list
    named before (:func:`~trucewatch.extract.town_counts.referred_towns` finds its first),
    except those the draft or its twins already stand at."""
    first = referred_towns(doc, draft)
    if first is None:
        return []
    named = {d.place.place.name for d in [draft, *twins] if d.place is not None}
    out = []
    for town in _list_from(doc, first):
        if town.place.name in named:
            continue
        named.add(town.place.name)
        if draft.place is None:
            draft.place = town  # the draft itself stands at the first town not yet told
            draft.evidence.append(mention("place", doc, town.start, town.end))
            continue
        out.append(twin_at(doc, draft, town))
    return out


def _list_from(doc: Doc, first: PlaceMention) -> list[PlaceMention]:
    """The towns listed from ``first`` on in its sentence ("al-Foua and Kefraya"): each joined
    to the one before by "and", "or" or a comma, in the same governorate."""
    lowers = doc_lowers(doc)
    towns = sorted(
        (
            p
            for p in doc._.places or ()
            if p.sent == first.sent
            and p.token_start >= first.token_start
            and p.place.geo_precision != GeoPrecision.REGION
        ),
        key=lambda p: p.token_start,
    )
    out = [first]
    for a, b in pairwise(towns):
        gap = set(lowers[a.token_end : b.token_start])
        if not gap or not gap <= SIBLING_GAP or b.place.governorate != first.place.governorate:
            break
        out.append(b)
    return out
