"""Elaborating sentences: "the explosion took place in ...", told after the incident itself.

A definite incident word ("the explosion", "the bombing") that is the subject of a verb of
occurring presupposes the incident already told; the sentence adds where, who or how many,
not a second incident. ``tw_drafts`` folds such a draft into the incident it elaborates.
"""

from __future__ import annotations

from trucewatch.extract.draft import Draft, add_toll, join_target
from trucewatch.extract.spans import Trigger

# Verbs right after "the explosion" that say where or when the incident already named happened
# ("the bombing took place in Nisreen Street", "the blast occurred at a checkpoint"): the
# definite article and the verb presuppose the incident, so the sentence elaborates it.
ELABORATING = (("took", "place"), ("occurred",), ("happened",))
ELABORATION_GAP = 2  # words between the trigger and the verb ("the explosion reportedly took")


def elaborates(lowers: list[str], t: Trigger) -> bool:
    """ "The explosion took place in ...": the trigger is the subject of a verb of occurring."""
    for k in range(t.token_end, min(t.token_end + ELABORATION_GAP + 1, len(lowers))):
        for verb in ELABORATING:
            if tuple(lowers[k : k + len(verb)]) == verb:
                return True
    return False


def fold_elaboration(home: Draft, d: Draft) -> None:
    """What an elaborating sentence adds to the incident it tells again: a place, a party or a
    toll the incident lacked (its figures of the same victims are the same dead, not more). A
    place the incident already has stays, and so does its day: the sentence may name others
    in passing, and a day there may be another clause's."""
    home.place = home.place or d.place
    home.perpetrator = home.perpetrator or d.perpetrator
    for kind in ("killed", "injured"):
        toll = d.killed if kind == "killed" else d.injured
        if toll.known and not (home.killed if kind == "killed" else home.injured).known:
            add_toll(home, kind, toll, kind in d.vague, update=False)
    join_target(home, d)
    home.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
