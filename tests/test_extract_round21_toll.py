"""Death tolls on passages we wrote (round 21, r21-toll): a tally told over several days of
attacks ("over four days of bombardment", "brought to 49 the number killed in two days of
attacks") after the day's incident and its own toll is that span's total, never the incident's
toll nor another source's count of it; one such wave told alone stays its own toll. What a
source "earlier" said of the city's dead, after the lead's count, is no second count of them (a
count since updated or summed), while an earlier report at a quarter of its own keeps its part
and an earlier strike told by no source keeps its own toll. Headlines of other stories run into
the text ("Related ...", "Read Also ...") give no toll; a figure right after a sentence that
opens a period ("have intensified since ... July 31") goes on as its tally."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

WEDNESDAY = dt.date(2016, 3, 9)
T = IncidentType

DAY = (
    "Government air strikes hit the town of Saraqeb on Tuesday, killing 6 civilians, a "
    "monitor said. "
)


def test_days_of_bombardment_after_the_days_strike_are_a_span_not_its_toll() -> None:
    for tally in (
        "Over four days of bombardment, 200 people were killed in the province.",
        "The toll from five days of strikes on the province rose to 200.",
        "The monitor said the strikes brought to 200 the number killed in two days of attacks.",
    ):
        main = main_incident(DAY + tally, WEDNESDAY)
        assert main.type == T.AIR_STRIKE and main.place is not None, tally
        assert (main.killed.low, main.killed.best, main.killed.high) == (6, 6, 6), tally
        assert not any(i.killed.low == 200 for i in passage_incidents(DAY + tally, WEDNESDAY))


def test_a_wave_of_days_told_alone_keeps_its_toll() -> None:
    text = (
        "Two days of clashes between rebels and government troops around the town of Morek "
        "killed 40 fighters, a monitor said on Wednesday."
    )
    main = main_incident(text, WEDNESDAY)
    assert main.killed.best == 40 or main.killed.low == 40


CITY_LEAD = (
    "Rebel rocket attacks killed 10 civilians and injured 41 others in Homs city on Tuesday, a "
    "hospital director said. "
)


def test_an_earlier_report_of_the_citys_dead_is_no_second_count() -> None:
    text = CITY_LEAD + (
        "Earlier on Tuesday a source at the provincial police said that rebels fired rocket "
        "shells on a number of neighbourhoods in Homs city, claiming the life of one person."
    )
    main = main_incident(text, WEDNESDAY)
    assert main.type == T.SHELLING
    assert (main.killed.low, main.killed.best, main.killed.high) == (10, 10, 10)


def test_an_earlier_report_at_a_quarter_of_its_own_keeps_its_part() -> None:
    text = CITY_LEAD + (
        "Earlier the source said that a rocket shell fired by rebels landed in the Akrama "
        "neighbourhood, killing 2 children."
    )
    tolls = {i.place.name: i.killed.best for i in passage_incidents(text, WEDNESDAY) if i.place}
    assert tolls.get("Akrama") == 2


def test_an_earlier_strike_told_by_no_source_keeps_its_own_toll() -> None:
    text = (
        "A car bomb killed 12 people in the town of Azaz on Tuesday, a monitor said. Earlier on "
        "Tuesday an air strike killed 5 people in the town of Marea."
    )
    tolls = sorted(i.killed.best for i in passage_incidents(text, WEDNESDAY) if i.killed.known)
    assert tolls == [5, 12]


def test_headlines_of_other_stories_run_into_the_text_are_no_tolls() -> None:
    for furniture in (
        "Related Coalition Air Strikes Near Raqqa Killed at Least 84 Civilians Tags Syria Raqqa",
        "Read Also Death toll rises to 70 as regime bombs rain down on the south",
    ):
        text = (
            "Kurdish-led forces captured three villages northeast of Deir ez-Zor on Monday, "
            "local media reported. The forces seized weapons and ammunition. " + furniture
        )
        found = passage_incidents(text, WEDNESDAY)
        assert found and not any(i.killed.known for i in found), furniture


def test_a_tally_after_a_sentence_opening_a_period_is_no_toll() -> None:
    text = DAY + (
        "Strikes on the province have intensified since rebels launched a campaign to break "
        "the siege on July 31. The strikes have killed 122 civilians, the monitor said."
    )
    main = main_incident(text, WEDNESDAY)
    assert (main.killed.low, main.killed.best, main.killed.high) == (6, 6, 6)


def test_a_toll_after_background_since_a_year_stays_the_toll() -> None:
    text = (
        "Government air strikes hit the town of Saraqeb on Tuesday, a monitor said. Rebels "
        "have held the town since 2012. The strikes killed 12 people, the monitor said."
    )
    assert main_incident(text, WEDNESDAY).killed.best == 12
