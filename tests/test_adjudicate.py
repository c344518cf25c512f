"""Rulings on incidents written from the 2016 record, against examples/syria-2016/agreements.

Each case is a short incident of our own in the extraction format, the agreement or regime it is
ruled under, and the ruling a monitor would give. Actor names go through a small alias table
here (the real actor dictionary is exercised by the last tests when it is installed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from trucewatch.adjudicate import adjudicate, incident_from_json, table_lookup, tally
from trucewatch.adjudicate.commands import adjudicate_jsonl
from trucewatch.agreements import AgreementRecord, load_record
from trucewatch.model.agreement import Accession, RulingValue

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "syria-2016" / "agreements"

ACTORS = table_lookup(
    {
        "Syrian army": "Syrian government forces",
        "regime forces": "Syrian government forces",
        "rebels": "Syrian opposition",
        "Free Syrian Army": "Syrian opposition",
        "Liwa Sultan Murad": "Liwa Sultan Murad",
        "Russian warplanes": "Russian forces",
        "Russian Aerospace Forces": "Russian forces",
        "coalition": "US-led coalition",
        "Daesh": "ISIL",
        "Islamic State": "ISIL",
        "YPG": "Kurdish forces (YPG/SDF)",
        "Kurdish militia": "Kurdish forces (YPG/SDF)",
        "Turkish army": "Turkish forces",
        "Jaysh al-Izza": "Jaysh al-Izza",
        "Homs unit": "Homs unit",
    },
    parents={"Liwa Sultan Murad": "Syrian opposition"},
)

# A faction that joined in March, as the reconciliation centre's bulletins record one joining
# in Homs on 17 Mar 2016: added to the record by the tests that need it.
LATE_JOINER = Accession(
    agreement="coh-2016-02",
    party="Homs unit",
    at=dt.datetime(2016, 3, 17, 12, tzinfo=dt.UTC),
    through="Russia",
    source="test: modelled on the 17 Mar 2016 bulletin",
)


@pytest.fixture(scope="module")
def record() -> AgreementRecord:
    rec = load_record(EXAMPLES)
    rec.accessions.append(LATE_JOINER)
    return rec


ALEPPO = {"place": "Aleppo", "governorate": "Aleppo", "geo_precision": 1}
DOUMA = {"place": "Douma", "governorate": "Rif Dimashq", "geo_precision": 1}
EAST_ALEPPO = {"place": "al-Shaar", "governorate": "Aleppo", "lat": 36.21, "lon": 37.19}
SHEIKH_MAQSOUD = {"place": "Sheikh Maqsoud", "governorate": "Aleppo", "lat": 36.228, "lon": 37.158}
RAQQA = {"place": "Raqqa", "governorate": "Raqqa", "lat": 35.95, "lon": 39.01}
HAMA_TOWN = {"place": "Kafr Zita", "governorate": "Hama", "geo_precision": 1}
LATAKIA_TOWN = {"place": "Kinsabba", "governorate": "Latakia", "geo_precision": 1}
AZAZ = {"place": "Azaz", "governorate": "Aleppo", "geo_precision": 1}
RIF_DIMASHQ_ONLY = {"place": None, "governorate": "Rif Dimashq", "geo_precision": 3}


def inc(kind: str = "air_strike", *, date=None, time=None, tp=None, where=None, by=None, on=None):
    """An extraction-format incident; ``by`` and ``on`` are perpetrator and target."""
    d = {
        "id": "t",
        "type": kind,
        "date": date or (time[:10] if time else None),
        "time": time,
        "time_precision": tp or (1 if date or time else None),
        "place": None,
        "governorate": None,
        "lat": None,
        "lon": None,
        "geo_precision": None,
        "perpetrator": by,
        "target": on,
        "killed": {"low": None, "best": None, "high": None},
        "evidence": [{"field": "perpetrator", "start": 0, "end": 4, "text": by or ""}],
    }
    d.update(where or {})
    return d


SAA, OPP, RU = "Syrian army", "rebels", "Russian warplanes"

# (case id, incident, agreement, expected ruling, words the reasons must contain)
CASES = [
    # Time-zone edges around the start, 22:00 UTC on 26 Feb (00:00 Damascus, 27 Feb).
    ("one minute before the start", inc(time="2016-02-26T21:59:00Z", where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "not_in_force", ["2016-02-26 22:00"]),
    ("at the start", inc(time="2016-02-26T22:00:00Z", where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "violation", ["clause 1"]),
    ("01:30 Damascus on 27 Feb is 23:30 UTC on 26 Feb",
     inc(time="2016-02-26T23:30:00+00:00", where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "violation", ["clause 1"]),
    ("a time with a Damascus offset", inc(time="2016-02-26T23:59:00+02:00", where=ALEPPO, by=SAA,
     on=OPP), "coh-2016-02", "not_in_force", []),
    ("26 Feb, day precision, straddles the start",
     inc(date="2016-02-26", where=ALEPPO, by=SAA, on=OPP), "coh-2016-02", "undetermined",
     ["time", "crosses 2016-02-26 22:00"]),
    ("27 Feb, day precision, wholly inside", inc(date="2016-02-27", where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "violation", []),
    ("25 Feb, day precision, wholly before", inc(date="2016-02-25", where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "not_in_force", []),
    ("a week around 27 Feb straddles", inc(date="2016-02-27", tp=2, where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "undetermined", ["week precision"]),
    ("March 2016, month precision", inc(date="2016-03-15", tp=3, where=ALEPPO, by=SAA, on=OPP),
     "coh-2016-02", "violation", []),
    ("undated", inc(where=ALEPPO, by=SAA, on=OPP), "coh-2016-02", "undetermined", ["time"]),
    # Parties and accession.
    ("opposition after its 26 Feb acceptance", inc(time="2016-02-26T22:30:00Z", where=ALEPPO,
     by=OPP, on="Syrian army"), "coh-2016-02", "violation", ["through United States"]),
    ("a faction under the opposition", inc(date="2016-03-16", where=ALEPPO,
     by="Liwa Sultan Murad", on="civilians"), "coh-2016-02", "violation",
     ["via Syrian opposition"]),
    ("accession after the incident", inc(date="2016-03-10", where=HAMA_TOWN, by="Homs unit",
     on="Syrian army"), "coh-2016-02", "perpetrator_not_party", ["after the incident"]),
    ("the same unit after it joined", inc(date="2016-03-20", where=HAMA_TOWN, by="Homs unit",
     on="Syrian army"), "coh-2016-02", "violation", []),
    ("accession known only to the day", inc(time="2016-02-26T22:30:00Z", where=ALEPPO, by="YPG",
     on="Syrian opposition"), "coh-2016-02", "undetermined", ["may fall before or after"]),
    ("ISIL attacking is not a party", inc("explosion", date="2016-03-05", where=HAMA_TOWN,
     by="Daesh", on="civilians"), "coh-2016-02", "perpetrator_not_party", ["designated by UNSC"]),
    ("Turkey never acceded", inc("shelling", date="2016-02-28", where=AZAZ, by="Turkish army",
     on="civilians"), "coh-2016-02", "perpetrator_not_party", ["no accession recorded"]),
    # Excluded and disputed targets.
    ("Daesh is ISIL, excluded", inc(date="2016-03-05", where=RAQQA, by="coalition",
     on="Daesh"), "coh-2016-02", "permitted_excluded_target", ["ISIL", "UNSC"]),
    ("Nusra's new name is still excluded", inc(date="2016-08-10", where=ALEPPO, by=RU,
     on="Jabhat Fateh al-Sham"), "coh-2016-02", "permitted_excluded_target", ["Jabhat al-Nusra"]),
    ("excluded target with no perpetrator", inc(date="2016-03-05", where=ALEPPO, by=None,
     on="al-Nusra Front"), "coh-2016-02", "permitted_excluded_target", []),
    ("Turkey shells the YPG: disputed designation", inc("shelling", date="2016-02-28",
     where=AZAZ, by="Turkish army", on="YPG"), "coh-2016-02", "disputed",
     ["Turkey", "United States, Russia"]),
    ("a party shells Sheikh Maqsoud: disputed designation", inc("shelling", date="2016-03-16",
     where=SHEIKH_MAQSOUD, by="Liwa Sultan Murad", on="Kurdish militia"), "coh-2016-02",
     "disputed", ["Turkey"]),
    ("strike in east Aleppo: disputed control", inc(date="2016-05-20", where=EAST_ALEPPO, by=RU,
     on=OPP), "coh-2016-02", "disputed", ["Russia", "Jabhat al-Nusra", "United States",
     "Syrian opposition"]),
    ("civilians in ISIL-held Raqqa", inc(date="2016-04-02", where=RAQQA, by=RU, on="civilians"),
     "coh-2016-02", "undetermined", ["aimed at the excluded holder"]),
    ("Russian strike on a group that never joined, after 25 May", inc(date="2016-05-27",
     where=HAMA_TOWN, by=RU, on="Jaysh al-Izza"), "coh-2016-02", "disputed",
     ["Russia", "United States"]),
    ("the same strike before 25 May", inc(date="2016-05-20", where=HAMA_TOWN, by=RU,
     on="Jaysh al-Izza"), "coh-2016-02", "undetermined", ["not recorded"]),
    # Missing facts.
    ("unknown perpetrator", inc("shelling", date="2016-03-05", where=ALEPPO, by="Unknown",
     on="civilians"), "coh-2016-02", "undetermined", ["perpetrator"]),
    ("no target", inc(date="2016-03-05", where=ALEPPO, by=SAA, on=None), "coh-2016-02",
     "undetermined", ["target"]),
    ("neither", inc(date="2016-03-05", where=ALEPPO), "coh-2016-02", "undetermined",
     ["perpetrator, target"]),
    ("no place", inc(date="2016-03-05", by=SAA, on=OPP), "coh-2016-02", "undetermined",
     ["place"]),
    ("territory taken breaks clause 2", inc("territory_taken", date="2016-03-10",
     where=HAMA_TOWN, by=SAA, on=OPP), "coh-2016-02", "violation", ["clause 2"]),
    # Regimes: their own ruling, their own place and time.
    ("Douma during the Ghouta calm", inc(date="2016-05-25", where=DOUMA, by=SAA, on=OPP),
     "calm-ghouta-darayya-2016-05", "violation", ["Douma"]),
    ("Douma after the 72 hours", inc(date="2016-05-28", where=DOUMA, by=SAA, on=OPP),
     "calm-ghouta-darayya-2016-05", "not_in_force", ["no longer in force"]),
    ("Aleppo during the Ghouta calm", inc(date="2016-05-25", where=ALEPPO, by=SAA, on=OPP),
     "calm-ghouta-darayya-2016-05", "out_of_scope", []),
    ("only the governorate, which the calm covers in part", inc(date="2016-05-25",
     where=RIF_DIMASHQ_ONLY, by=SAA, on=OPP), "calm-ghouta-darayya-2016-05", "undetermined",
     ["place", "in part"]),
    ("Aleppo city in the first 48 hours", inc(time="2016-05-05T10:00:00Z", where=ALEPPO, by=SAA,
     on=OPP), "calm-aleppo-2016-05-05", "violation", []),
    ("00:30 Damascus (UTC+3 in May) is before 01:00", inc(time="2016-05-04T21:30:00Z",
     where=ALEPPO, by=SAA, on=OPP), "calm-aleppo-2016-05-05", "not_in_force", []),
    ("the 48 hours have expired", inc(time="2016-05-07T10:00:00Z", where=ALEPPO, by=SAA, on=OPP),
     "calm-aleppo-2016-05-05", "not_in_force", ["its stated end"]),
    ("the extension then covers it", inc(time="2016-05-07T10:00:00Z", where=ALEPPO, by=SAA,
     on=OPP), "calm-aleppo-2016-05-07", "violation", []),
    ("the extension covers Latakia", inc(date="2016-05-08", where=LATAKIA_TOWN, by=OPP,
     on="Syrian army"), "calm-aleppo-2016-05-07", "violation", []),
    ("a town outside the city", inc(time="2016-05-05T10:00:00Z", where=AZAZ, by=SAA, on=OPP),
     "calm-aleppo-2016-05-05", "out_of_scope", ["Azaz"]),
    ("4 May, day precision, straddles 01:00 on 5 May", inc(date="2016-05-04", where=ALEPPO,
     by=SAA, on=OPP), "calm-aleppo-2016-05-05", "undetermined", ["time"]),
    ("the last extension's end is exclusive", inc(time="2016-05-11T21:00:00Z", where=ALEPPO,
     by=SAA, on=OPP), "calm-aleppo-2016-05-10", "not_in_force", []),
    ("a minute before that end", inc(time="2016-05-11T20:59:00Z", where=ALEPPO, by=SAA, on=OPP),
     "calm-aleppo-2016-05-10", "violation", []),
    # September: the renewed cessation supersedes February's, then collapses.
    ("13 Sep under the September arrangement", inc(date="2016-09-13", where=ALEPPO, by=SAA,
     on=OPP), "arrangement-2016-09", "violation", ["acceded"]),
    ("13 Sep: February's cessation was superseded", inc(date="2016-09-13", where=ALEPPO, by=SAA,
     on=OPP), "coh-2016-02", "not_in_force", ["superseded by arrangement-2016-09"]),
    ("20 Sep: after the collapse", inc(date="2016-09-20", where=ALEPPO, by=SAA, on=OPP),
     "arrangement-2016-09", "not_in_force", []),
    ("19 Sep, day precision, straddles the end", inc(date="2016-09-19", where=ALEPPO, by=SAA,
     on=OPP), "arrangement-2016-09", "undetermined", ["time"]),
    # Attribution: one source whose only word on the perpetrator is "residents said" is alleged.
    ("residents said, one source", {**inc(date="2016-03-01", where=ALEPPO, by=RU, on=OPP),
     "attribution": "alleged"}, "coh-2016-02", "alleged_violation",
     ["alleged", "two independent sources"]),
    ("denied by the accused, one source", {**inc(date="2016-03-01", where=ALEPPO, by=RU, on=OPP),
     "attribution": "denied", "denied_by": "Moscow"}, "coh-2016-02", "alleged_violation",
     ["denied"]),
    ("stated by the text", {**inc(date="2016-03-01", where=ALEPPO, by=RU, on=OPP),
     "attribution": "stated"}, "coh-2016-02", "violation", ["stated"]),
]  # fmt: skip


def rulings_for(incident: dict, record: AgreementRecord, reported: dt.date | None = None):
    return adjudicate(
        incident_from_json(incident),
        record.agreements,
        record.designations,
        record.control_areas,
        record.accessions,
        resolve=ACTORS.resolve,
        lineage=ACTORS.lineage,
        reported=reported,
    )


@pytest.mark.parametrize(
    ("name", "incident", "agreement", "expected", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_ruling(name, incident, agreement, expected, words, record):
    rulings = {r.agreement: r for r in rulings_for(incident, record)}
    assert agreement in rulings, f"no ruling under {agreement}: {sorted(rulings)}"
    ruling = rulings[agreement]
    text = " ".join(f"{r.rule} {r.fact}" for r in ruling.reasons)
    assert ruling.ruling == RulingValue(expected), text
    for word in words:
        assert word in text, f"{word!r} not in reasons: {text}"
    assert all(r.rule and r.fact for r in ruling.reasons)


def test_cases_cover_every_ruling_value():
    assert {c[3] for c in CASES} == {v.value for v in RulingValue}
    assert len(CASES) >= 30


@pytest.mark.parametrize("kind", ["humanitarian_delivery", "accession", "truce_declared"])
def test_non_violent_incidents_are_never_violations(kind, record):
    assert rulings_for(inc(kind, date="2016-03-05", where=ALEPPO, by=SAA, on=OPP), record) == []


def test_agreements_that_fit_neither_time_nor_place_give_no_ruling(record):
    got = {
        r.agreement
        for r in rulings_for(inc(date="2016-03-05", where=HAMA_TOWN, by=SAA, on=OPP), record)
    }
    assert "coh-2016-02" in got
    assert "calm-ghouta-darayya-2016-05" not in got  # March, and Hama: could not apply
    assert "declaration-russia-2016-05-25" not in got  # a declaration is never ruled on


def test_reasons_carry_the_evidence_and_the_record_line(record):
    incident = inc(date="2016-03-05", where=ALEPPO, by=SAA, on=OPP)
    incident["evidence"].append({"field": "date", "start": 10, "end": 18, "text": "Saturday"})
    ruling = next(r for r in rulings_for(incident, record) if r.agreement == "coh-2016-02")
    evidence = [e for r in ruling.reasons for e in r.evidence]
    assert 'date [10:18] "Saturday"' in evidence
    assert any(e.startswith("agreements/coh-2016-02.yaml:") for e in evidence)
    assert any(e.startswith("agreements/accessions.yaml:") for e in evidence)


def _coh(incident: dict, record: AgreementRecord, reported: dt.date | None):
    return next(r for r in rulings_for(incident, record, reported) if r.agreement == "coh-2016-02")


def test_an_undated_incident_is_read_as_news_of_the_week_before_its_report(record):
    shelling = inc("shelling", where=ALEPPO, by=OPP, on="civilians")
    assert _coh(shelling, record, None).ruling == RulingValue.UNDETERMINED
    # published well inside the cessation: the whole week before was in force
    ruled = _coh(shelling, record, dt.date(2016, 4, 28))
    assert ruled.ruling == RulingValue.VIOLATION
    window = next(r for r in ruled.reasons if r.rule == "effective window")
    assert "published on 2016-04-28" in window.fact and "2016-04-21" in window.fact
    assert window.evidence[-1] == "its report published 2016-04-28"
    # published two days after the start: the week before straddles it, so time decides nothing
    early = _coh(shelling, record, dt.date(2016, 2, 29))
    assert early.ruling == RulingValue.UNDETERMINED
    # published before the cessation began: nothing it tells can breach it
    assert _coh(shelling, record, dt.date(2016, 2, 20)).ruling == RulingValue.NOT_IN_FORCE
    # a date the text gives wins over the report's
    dated = inc("shelling", date="2016-02-20", where=ALEPPO, by=OPP, on="civilians")
    assert _coh(dated, record, dt.date(2016, 4, 28)).ruling == RulingValue.NOT_IN_FORCE


def test_withdrawal_ends_party_status(record):
    rec = dataclasses.replace(
        record,
        accessions=[
            *record.accessions,
            Accession(
                "coh-2016-02",
                "Homs unit",
                dt.datetime(2016, 4, 1, tzinfo=dt.UTC),
                status="withdrawn",
                source="test",
            ),
        ],
    )
    incident = inc(date="2016-04-05", where=HAMA_TOWN, by="Homs unit", on="Syrian army")
    ruling = next(r for r in rulings_for(incident, rec) if r.agreement == "coh-2016-02")
    assert ruling.ruling == RulingValue.PERPETRATOR_NOT_PARTY


def test_tally_counts_each_incident_once_per_party_and_day(record):
    incidents = [
        inc(date="2016-05-25", where=DOUMA, by=SAA, on=OPP),  # breaks the CoH and the calm
        inc(date="2016-05-25", where=ALEPPO, by="regime forces", on="civilians"),
        inc(date="2016-03-05", where=RAQQA, by="coalition", on="Daesh"),  # permitted
    ]
    results = []
    for i, d in enumerate(incidents):
        d["id"] = f"i{i}"
        results.append((incident_from_json(d), rulings_for(d, record)))
    t = tally(results, ACTORS)
    assert t.incidents == 2
    assert t.by_party == {"Syrian government forces": 2}
    assert t.by_governorate == {"Rif Dimashq": 1, "Aleppo": 1}
    assert t.by_day == {"2016-05-25": 2}
    assert t.by_agreement == {"coh-2016-02": 2, "calm-ghouta-darayya-2016-05": 1}
    assert t.by_ruling["permitted_excluded_target"] >= 1


def test_adjudicate_jsonl_writes_one_object_per_incident(tmp_path):
    lines = [
        inc(date="2016-03-05", where=ALEPPO, by="Syrian government forces", on="Syrian opposition"),
        inc("humanitarian_delivery", date="2016-03-05"),
    ]
    lines[0]["id"], lines[1]["id"] = "a1", "a2"
    path = tmp_path / "incidents.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert adjudicate_jsonl(EXAMPLES, path, out, with_tally=True) == 2
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r.get("incident") for r in rows[:2]] == ["a1", "a2"]
    coh = next(r for r in rows[0]["rulings"] if r["agreement"] == "coh-2016-02")
    assert coh["ruling"] == "violation"
    assert {"rule", "fact", "evidence"} <= set(coh["reasons"][0])
    assert rows[1]["rulings"] == []
    assert rows[2]["tally"]["by_agreement"] == {"coh-2016-02": 1}


def test_adjudicate_jsonl_reads_extract_report_lines(tmp_path):
    report = {
        "report": {"id": "r9"},
        "incidents": [
            inc(date="2016-03-05", where=ALEPPO, by="Syrian government forces", on="civilians")
        ],
    }
    del report["incidents"][0]["id"]
    path = tmp_path / "extract.jsonl"
    path.write_text(json.dumps(report) + "\n", encoding="utf-8")
    out = io.StringIO()
    adjudicate_jsonl(EXAMPLES, path, out)
    assert json.loads(out.getvalue())["incident"] == "r9#0"


def test_real_actor_dictionary_resolves_aliases(record):
    actors = pytest.importorskip("trucewatch.gazetteer.actors")
    assert actors.load_actors().canonical("Daesh") == "ISIL"
    incident = incident_from_json(inc(date="2016-03-05", where=RAQQA, by="coalition", on="Daesh"))
    rulings = adjudicate(
        incident, record.agreements, record.designations, record.control_areas, record.accessions
    )
    coh = next(r for r in rulings if r.agreement == "coh-2016-02")
    assert coh.ruling == RulingValue.PERMITTED_EXCLUDED_TARGET
