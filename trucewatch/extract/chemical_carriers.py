"""A chemical attack told again as the strike that carried it: "rockets with poison gas hit the
suburbs ... the shelling was intense", "Russian planes carried out no air strikes in Idlib".
The carrier is the chemical attack (GOLD-DEV.md: a chemical weapon outranks the platform that
delivered it), not a second incident of its own."""

from __future__ import annotations

from collections.abc import Callable

from trucewatch.extract.actors import GOV, RUS
from trucewatch.extract.draft import Draft, broad, place_name, same_day, toll_within
from trucewatch.extract.main_choice import STRIKE_TYPES
from trucewatch.model.incident import IncidentType

# Governorates lying inside another: the capital's is an enclave of Rif Dimashq ("the Damascus
# countryside"), so "Damascus" and its suburbs name one area.
ENCLAVES = {"Damascus": "Rif Dimashq"}


def one_area(a: Draft, b: Draft) -> bool:
    """True when two drafts' places lie in one governorate, or one in the other's enclave, or
    either has no place."""
    if a.place is None or b.place is None:
        return True
    ga, gb = a.place.place.governorate, b.place.place.governorate
    return ga == gb or ENCLAVES.get(ga or "") == gb or ENCLAVES.get(gb or "") == ga


# Parties that fight as one camp: a strike told by the one and named by the other's weapon is
# one attack ("bombardment by the regime and its ally Russia ... raids by Russian aircraft").
CAMPS = ({GOV, RUS},)


def one_camp(a: str | None, b: str | None) -> bool:
    """True when two perpetrators may be one attack's: either unknown, the same, or one camp."""
    return not a or not b or a == b or any(a in c and b in c for c in CAMPS)


def chemical_carried(
    drafts: list[Draft],
    set_apart: Callable[[Draft], bool] | None = None,
    pointed: Callable[[Draft], bool] | None = None,
) -> None:
    """ "A gas attack killed dozens in Khan Sheikhoun in Idlib on Tuesday ... Russia's
    defence ministry said its planes carried out no air strikes on Idlib": a strike told after
    a chemical attack, in its area (its governorate, or the capital's enclave), on its day or
    none, at no town of its own (no place, the governorate or its seat city), with no count
    of dead that is not the attack's and nothing setting it apart ("also", "another",
    "elsewhere"), is the aircraft or rockets that carried the gas told again: the chemical
    attack (GOLD-DEV.md: a chemical weapon outranks the platform that delivered it). A strike
    by another camp, or with dead of its own, stays a strike.
    "The shelling hit the suburbs of Zamalka and Arbeen" after a gas attack and no shelling
    told before (``pointed``: "the" points back at the strike the report told, and the only
    one it told is the gas attack) is that attack, even at towns: one in each, as any list of
    towns it hit (GOLD-DEV.md)."""
    if set_apart is None or not any(c.type == IncidentType.CHEMICAL_ATTACK for c in drafts):
        return  # most reports tell no gas attack: one pass over the drafts, nothing more
    for k, d in enumerate(drafts):
        if d.type not in STRIKE_TYPES or d.apart or d.another or d.earlier:
            continue
        chem = next(
            (
                c
                for c in drafts
                if c.type == IncidentType.CHEMICAL_ATTACK
                and not c.earlier
                and (c.sent, c.trigger.start) < (d.sent, d.trigger.start)
                and same_day(c.date, d.date)
                # an undated attack recalled ("weeks after the gas attack on X") is no day's
                # news: a strike told with a day of its own is that day's
                and (c.date is not None or d.date is None)
                and one_area(c, d)
                and one_camp(c.perpetrator, d.perpetrator)
            ),
            None,
        )
        if chem is None or set_apart(d):
            continue
        if (
            d.place is not None
            and not broad(d.place.place)
            and not _points_back(chem, d, drafts[:k], pointed)
        ):
            continue  # a town of its own; at the attack's own town absorb_delivery takes it
        if d.killed.known and "killed" not in d.vague and not toll_within(d.killed, chem.killed):
            continue
        d.type = IncidentType.CHEMICAL_ATTACK


def _points_back(
    chem: Draft, d: Draft, before: list[Draft], pointed: Callable[[Draft], bool] | None
) -> bool:
    """ "The shelling hit ...": a strike pointed back at (``pointed``), when no strike of its
    kind was told ``before`` it, points at the chemical attack (at a town other than its own:
    at its own, absorb_delivery takes the carrier)."""
    return (
        pointed is not None
        and pointed(d)
        and place_name(d) != place_name(chem)
        and not any(e.type == d.type for e in before)
    )
