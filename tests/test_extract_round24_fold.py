"""Round 24 (r24c-fold): listed towns kept apart, on passages we wrote; none is copied from
FA-KES, the gold files or the written sets."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 7, 5)


def _by_place(text: str) -> dict[str, object]:
    return {i.place.name: i for i in passage_incidents(text, DAY) if i.place is not None}


def test_every_village_of_a_list_is_hit() -> None:
    """ "the villages of A-B C D and E": names the gazetteer lacks after the first of a list
    are villages too, each struck (one incident per town without a toll of its own)."""
    found = _by_place(
        "Government jets bombed the villages of Kafr-Duwayr Salim Hadda and Umm Tuwaynat "
        "in the eastern countryside of Hama province on Monday."
    )
    assert {"Kafr-Duwayr", "Salim Hadda", "Umm Tuwaynat"} <= set(found)
    assert all(i.place.governorate == "Hama" for i in found.values())


def test_unknown_names_run_together_are_not_split() -> None:
    """ "the villages of Rujm Abyad Tall Safra Ayn Malih": two unknown names with nothing
    between them have no end the words tell, so no made-up village is split off."""
    found = _by_place(
        "Troops stormed the villages of Rujm Abyad Tall Safra Ayn Malih near Palmyra "
        "on Monday, the army said."
    )
    assert len([p for p in found if p != "Palmyra"]) <= 1


def test_village_of_a_list_known_only_by_its_province_is_a_town() -> None:
    """ "the town of Saraqeb and the village of X in Idlib province": a village the gazetteer
    lacks is a town of the list, not a region, so it has an incident of its own, and a toll
    told at the first town stays with it."""
    found = _by_place(
        "Warplanes pounded the north of Syria again on Monday. Air strikes hit the town of "
        "Saraqeb and the village of Tall Dughaym in Idlib province on Monday. Seven civilians "
        "were killed in Saraqeb and a man died in Tall Dughaym, a monitor said."
    )
    assert {"Saraqib", "Tall Dughaym"} <= set(found)
    assert found["Saraqib"].killed.low == 7
    assert not found["Tall Dughaym"].killed.known


def test_the_abovementioned_villages_are_each_taken() -> None:
    """Fighting near three listed villages, then "took control of the abovementioned
    villages": each village is captured, one incident per village."""
    incidents = passage_incidents(
        "Troops fought Nusra fighters near the villages of Tall-Jamal Abu Hayya and Ruwayda in "
        "the north of Hama province, killing 20 of them. "
        "A commander said the army later took control of the abovementioned villages.",
        DAY,
    )
    taken = {i.place.name for i in incidents if i.type == IncidentType.TERRITORY_TAKEN}
    assert {"Tall-Jamal", "Abu Hayya", "Ruwayda"} <= taken


def test_a_listed_village_known_only_by_its_province_is_not_folded_into_the_city() -> None:
    """A city's air strikes, then centres hit "in the neighbourhood of X and the town of Y in
    rural Aleppo": Y, which the gazetteer lacks, is a town of that list, so its strike is not
    folded into the city's incident."""
    found = _by_place(
        "Air strikes killed 30 people in Aleppo city on Sunday, activists said. "
        "Two rescue centres in the neighbourhood of Hanano and the town of Kafr Batikh in rural "
        "Aleppo were put out of service after being hit by warplanes on Sunday."
    )
    assert "Kafr Batikh" in found
    assert found["Aleppo"].killed.low == 30
