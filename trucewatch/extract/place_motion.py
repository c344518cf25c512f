"""Where people came from or were going, as a place is told: "evacuees from X", "buses
carrying civilians out of X" (an origin), "their journey to X", "their push towards X" (a goal).
Neither is where a violent incident happened; an evacuation happens in the town people leave.
Helpers of :mod:`trucewatch.extract.incident_places`."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.lexicon import word_list
from trucewatch.extract.place_motion_words import (
    FLED_FROM,
    FLIGHT,
    FLIGHT_BREAKS,
    FLIGHT_REACH,
    POSITIONED,
    POSITIONED_IN,
    POSITIONED_LIST,
)
from trucewatch.extract.spans import Trigger, doc_lowers, doc_texts
from trucewatch.model.incident import IncidentType

LOCATIVE = word_list("LOCATIVE")

# Words between "from" and a place that still leave the place an origin ("evacuees from the two
# besieged towns of X", "fighters from the village of Y", "from the northern towns of X and Y").
ORIGIN_FILLER = word_list("ORIGIN_FILLER")


# Words before "to" that make the place a destination ("their journey to X", "bused to Y").
HEADING = word_list("HEADING")


ORIGIN_REACH = 10  # tokens back from a place to the "from" that makes it an origin
TOWARDS = frozenset({"towards", "toward"})
TOWARDS_REACH = 6  # tokens back from a place to the "towards" that makes it a goal
# Words of a movement whose goal "towards X" names ("push towards", "fled toward"); shells
# "fired towards X" land there, so firing is not among them.
ADVANCING = frozenset(
    {"push", "pushed", "pushing", "advance", "advanced", "advancing", "advances", "march",
     "marched", "marching", "fled", "flee", "fleeing", "headed", "heading", "moved", "moving",
     "drive", "offensive", "progress", "gains", "way", "road"}
)  # fmt: skip


ORIGIN, GOAL = "origin", "goal"
# Trigger words of an evacuation: people leaving a town under a deal, told by where they leave.
EVACUATION_STEMS = ("evacu", "safe passage")


def evacuating(trigger: Trigger) -> bool:
    """True when the trigger tells an evacuation ("were evacuated", "safe passage"), not an aid
    delivery ("an aid convoy"), whose place is where it arrives."""
    if trigger.type != IncidentType.HUMANITARIAN_DELIVERY:
        return False
    text = trigger.text.lower()
    return any(stem in text for stem in EVACUATION_STEMS)


def _before_phrase(
    doc: Doc, token_start: int, first: int, names: frozenset[str] = frozenset()
) -> int:
    """The index of the word before the place's phrase: back from the place past filler words
    (:data:`ORIGIN_FILLER`), ``names`` and capitalised names (the other towns of its list), at
    most :data:`ORIGIN_REACH` tokens; below ``first`` when the phrase opens the sentence."""
    lowers, texts = doc_lowers(doc), doc_texts(doc)
    k = token_start - 1
    floor = max(first, token_start - ORIGIN_REACH)
    while k >= floor and (
        lowers[k] in ORIGIN_FILLER or lowers[k] in names or texts[k][:1].isupper()
    ):
        k -= 1
    return k


def movement(doc: Doc, token_start: int, first: int) -> str | None:
    """ "people from X", "evacuees from the northern towns of X and Y", "buses carrying civilians
    out of X": X is their ORIGIN; "on their journey to X", "their push towards X": X is their
    GOAL; None when the place is told as neither. Names on the way back ("Shia", another town
    of the list) are part of the phrase."""
    lowers = doc_lowers(doc)
    k = _before_phrase(doc, token_start, first)
    if k < first:
        return None
    if lowers[k] == "to" and k > first and lowers[k - 1] in HEADING:
        return GOAL  # "their journey to X": where they were going, not where it happened
    if heading_towards(doc, token_start, first):
        return GOAL
    if lowers[k] == "from" or (lowers[k] == "out" and lowers[k + 1 : k + 2] == ["of"]):
        return ORIGIN
    if positioned_in(doc, token_start, first):
        return ORIGIN
    return None


def fled_from(doc: Doc, token_start: int, first: int) -> bool:
    """ "families who had fled fighting in X", "displaced by the bombardment of X and Y": X is
    where people fled from, a word of flight (:data:`FLIGHT`) a few words before the place's
    "in" / "of" (past the other names of its list) with no clause break between."""
    lowers = doc_lowers(doc)
    k = _before_phrase(doc, token_start, first)
    if k < first or lowers[k] not in FLED_FROM:
        return False
    for j in range(k - 1, max(first, k - FLIGHT_REACH) - 1, -1):
        if lowers[j] in FLIGHT:
            # "fled fighting in X" names what was fled; "a camp for the displaced in X" has
            # them living in X
            return j < k - 1
        if lowers[j] in FLIGHT_BREAKS:
            return False
    return False


def positioned_in(doc: Doc, token_start: int, first: int) -> bool:
    """ "terrorists positioned in X fired shells on Y", "militants holed up in X and Z": X (and
    Z) is where the attackers were, where the fire came from."""
    lowers = doc_lowers(doc)
    k = _before_phrase(doc, token_start, first, POSITIONED_LIST)
    if k <= first or lowers[k] not in POSITIONED_IN:
        return False
    verb = k - 2 if lowers[k - 1] == "up" else k - 1  # "holed up in X"
    return verb >= first and lowers[verb] in POSITIONED


def comes_from(doc: Doc, token_start: int, first: int) -> bool:
    """True when the place is where people came from or were going (:func:`movement`), not
    where a violent incident happened."""
    return movement(doc, token_start, first) is not None


def heading_towards(doc: Doc, token_start: int, first: int) -> bool:
    """ "fighters advanced in their push towards the group's Raqqa stronghold": X is where
    they are going. The "towards" may stand a few words before the name, with no other
    locative between; a movement word just before it makes it a goal."""
    lowers = doc_lowers(doc)
    for k in range(token_start - 1, max(first, token_start - TOWARDS_REACH) - 1, -1):
        if lowers[k] in TOWARDS:
            return any(w in ADVANCING for w in lowers[max(first, k - 3) : k])
        if lowers[k] in LOCATIVE or not doc[k].is_alpha:
            return False
    return False
