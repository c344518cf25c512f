"""What becomes an incident, and who did an untyped one, on passages we wrote for the causes
round 14 left (notes/r13/ROUND14-x-perp4.md): the force opening a "when" clause after an
untyped killing, the agent of what killed ("mines planted by X have killed"), and a capture
told in a relative clause on a place ("eastern Aleppo, which fell to the army") as the place's
state, not news."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident

TUESDAY = dt.date(2016, 3, 8)
ISIL, OPP = "ISIL", "Syrian opposition"


def main(text: str, title: str | None = None) -> Incident:
    """The main incident of a passage published on a Tuesday."""
    return main_incident(text, TUESDAY, title)


def test_the_force_opening_a_when_clause_after_an_untyped_killing_killed() -> None:
    inc = main("Five people were killed in Homs on Monday when terrorists targeted a school.")
    assert inc.perpetrator == OPP
    assert inc.killed.low == 5


def test_a_force_acted_on_in_the_when_clause_is_not_the_killer() -> None:
    inc = main("Four soldiers were killed in Homs on Monday when their convoy was ambushed.")
    assert inc.perpetrator is None
    inc = main("Four soldiers were killed in Homs on Monday when the army's convoy was hit.")
    assert inc.perpetrator is None


def test_the_agent_of_what_killed_is_the_killer() -> None:
    inc = main(
        "Mines planted by the Islamic State group have killed six civilians in Manbij on "
        "Monday, a monitor said."
    )
    assert inc.perpetrator == ISIL


def test_a_headlines_untyped_attack_takes_the_killer_its_lead_names() -> None:
    inc = main(
        "Six killed in terrorist attack in Homs. At least six people were killed on Monday "
        "when terrorists targeted a government building in the city."
    )
    assert inc.perpetrator == OPP


def incidents(text: str) -> list[Incident]:
    """The incidents of a passage published on a Tuesday."""
    return extract(passage(text, TUESDAY)).incidents


def test_a_capture_told_in_a_relative_clause_on_a_place_is_its_state() -> None:
    found = incidents(
        "Warplanes struck Atareb on Monday, killing six civilians. Activists said gunmen "
        "shot four men in the Sakhour district after they returned to their homes in "
        "eastern Aleppo, which completely fell to government forces."
    )
    assert not [i for i in found if i.type.value == "territory_taken"]


def test_a_capture_a_relative_clause_dates_is_still_told() -> None:
    found = incidents(
        "Rebels shelled army posts near Palmyra, which government forces captured on Monday."
    )
    assert [i for i in found if i.type.value == "territory_taken"]
