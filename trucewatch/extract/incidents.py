"""Incidents from drafts, and the report's main incident.

The incident components run in this order (each a spaCy component declaring what it requires
and assigns): ``tw_sentence_roles`` (:mod:`.roles`: what each sentence does), ``tw_drafts``
(:mod:`.drafts`: one draft per sentence and incident type told as a happening, with its place,
date, actors and figures), ``tw_merge`` (:mod:`.merging`: drafts of one incident merge),
``tw_context_places`` (:mod:`.incident_places`: placeless drafts take the story's place),
``tw_incidents`` and ``tw_main_incident`` (here: drafts become incidents, the main one is
flagged: by the learned ranker of :mod:`.main_choice` when its weights ship, else by the hand
rule, the first violent one told, weighed by the headline).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.discourse_articles import background_violence
from trucewatch.extract.draft import Draft, mention, named_area, same_day, specificity
from trucewatch.extract.elaboration import fold_elaboration
from trucewatch.extract.incident_dates import LOOSE_DAY_WORDS, window_of
from trucewatch.extract.lexicon import words
from trucewatch.extract.main_choice import (
    Headline,
    MainModel,
    candidate_features,
    rank_candidates,
    read_headline,
    shipped_model,
    weapon_unsaid,
)
from trucewatch.extract.places import (
    CAPITAL,
    CAPITAL_REGION,
    headline_figures,
)
from trucewatch.extract.spans import doc_lowers, doc_text
from trucewatch.gazetteer import normalise
from trucewatch.model.incident import (
    NON_VIOLENT,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
)
from trucewatch.model.report import Mention


def _to_incident(doc: Doc, d: Draft) -> Incident:
    date = d.date.date if d.date is not None else None
    time = getattr(d.date, "time_utc", None) if d.date is not None else None
    precision = None
    loose = d.loose
    if d.date is not None:
        precision = TimePrecision(int(d.date.precision))
        if any(w in d.date.text.lower() for w in LOOSE_DAY_WORDS):
            date, time, precision, loose = None, None, None, True
    place: Place | None = d.place.place if d.place is not None else None
    return Incident(
        type=d.type,
        date=date,
        time=time if isinstance(time, dt.datetime) else None,
        time_precision=precision,
        place=place,
        perpetrator=d.perpetrator,
        target=d.target,
        killed=d.killed,
        injured=d.injured,
        # one mention may back a field twice after merging: keep it once
        evidence=sorted(
            {(m.field, m.start, m.end): m for m in d.evidence}.values(),
            key=lambda m: (m.start, m.field),
        ),
        report_id=doc._.report_id,
        window=window_of(doc, date, precision, loose),
    )


def choose_main(
    incidents: list[Incident],
    headline: Sequence[Sequence[str]] | None = None,
    figures: frozenset[int] = frozenset(),
    told: Headline | None = None,
    apart: frozenset[int] = frozenset(),
) -> None:
    """Flag the incident the report is mainly about: among the violent incidents (else any),
    the first told in the governorates the headline names first (:func:`headline_tiers`:
    "Warplanes pound Idlib as battles rage in Aleppo" is a story about Idlib), else in those it
    names next, else the first told; of those, the first whose toll the headline gives when one
    does (when none there does, an incident of a kind the headline names that gives its toll,
    wherever it is: a headline's place may be approximate, "near Aleppo"). A roundup's total
    (the headline's, or a lead's the headline does not give) that two or more parts at distinct
    places add up to names its part with the most dead. A headline's "Damascus" takes in its
    countryside, which surrounds the city. An execution or a massacre told first is the story
    as much as a strike is (massacres told beside a weapon have already merged into it). A
    first-told incident with no dead yields to the first one of its governorate and day that
    tells the dead (:func:`_first_with_dead`) unless the headline (``told``) names it or that
    one is told ``apart`` (ids of incidents set apart: "In another attack ...")."""
    if not incidents:
        return
    violent = [i for i in incidents if i.type not in NON_VIOLENT]
    pool = violent or incidents
    whole = pool
    for tier in headline or ():
        named = [i for i in pool if _in(i, tier)]
        if named:
            pool = named
            break
    # "Strikes kill 58 civilians": the incident whose toll the headline gives
    stating = [i for i in pool if _states(i, figures)] if figures else []
    if figures and not stating and told is not None:
        # "US air strikes kill 11 near Aleppo": an air strike elsewhere that killed 11 is the
        # story when none in the named governorate states the toll ("near" is approximate)
        stating = [i for i in whole if _states(i, figures) and i.type in told.types]
    by_headline = stating or (_roundup_part(pool, figures) if figures else [])
    lead = (by_headline or pool)[0]
    # a lead the headline does not pick whose toll is the sum of parts told below it is their
    # total (GOLD-DEV-2.md: each part gets its own toll); the story is its largest part. A
    # town's own toll is no sum of other towns' (five dead in one town, three and two in others)
    others = [i for i in pool if i is not lead]
    summing = _dead(lead) and not by_headline and not _at_a_town(lead)
    total = frozenset({_dead(lead)}) if summing else frozenset()
    story = (_roundup_part(others, total) or [lead])[0]
    if not by_headline and not _dead(story):
        # a lead with no dead of its own yields to the one that tells the story's dead
        story = _first_with_dead(story, others, told, apart) or story
    story.main = True


def _at_a_town(incident: Incident) -> bool:
    """True when the incident is placed at a town or a quarter, not a city standing for its
    governorate, a named area or a region."""
    place = incident.place
    return place is not None and specificity(place) < 2 and not named_area(place)


def _first_with_dead(
    lead: Incident,
    others: list[Incident],
    told: Headline | None = None,
    apart: frozenset[int] = frozenset(),
) -> Incident | None:
    """The incident that carries the story's dead when the one told first carries none: the
    first of ``others`` with a killed figure, in the lead's governorate and, when the text dates
    the lead, on its day ("Rebels launched an assault on Aleppo ... The rockets they fired killed
    eight": the story is the deadly part). None when the lead counts wounded of its own, is a
    capture (which tells no dead by its nature), or is what the headline names by its type or
    town; a toll of another day or governorate is background the report recalls, and one told
    ``apart`` ("In another attack ...", "Elsewhere ...") is another story."""
    if lead.injured.known or lead.type == IncidentType.TERRITORY_TAKEN:
        return None
    if told is not None and (
        lead.type in told.types
        or (lead.place is not None and f" {normalise(lead.place.name)} " in told.words)
    ):
        return None
    gov = lead.place.governorate if lead.place is not None else None
    for other in others:
        if _dead(other) <= 0 or not other.type.violent or gov is None or id(other) in apart:
            continue
        placed = other.place is not None and other.place.governorate == gov
        if placed and (lead.date is None or other.date == lead.date):
            return other
    return None


# a roundup's parts searched for a headline's total (2^8 sums at most)
MAX_PARTS = 8


def _in(incident: Incident, governorates: Sequence[str]) -> bool:
    """True when the incident is placed in one of the headline's ``governorates`` (its
    "Damascus" takes in the countryside around the city)."""
    region = set(governorates) | ({CAPITAL_REGION} if CAPITAL in governorates else set())
    return incident.place is not None and incident.place.governorate in region


def _roundup_part(pool: list[Incident], figures: frozenset[int]) -> list[Incident]:
    """The story of a headline whose toll no one incident states but two or more of the pool's
    tolls add up to ("Four killed in attacks on Damascus and Aleppo": 1 + 3): a roundup of its
    parts, whose story is the part with the most dead (empty when no parts add up). Parts are
    told at distinct places: two readings of one place's toll are one event, not two parts."""
    tolled = [i for i in pool if _dead(i) > 0][:MAX_PARTS]
    for size in range(len(tolled), 1, -1):
        for parts in combinations(tolled, size):
            places = {i.place.name if i.place else None for i in parts}
            if len(places) == size and sum(_dead(i) for i in parts) in figures:
                return _most_killed(list(parts))
    return []


def _most_killed(pool: list[Incident]) -> list[Incident]:
    """The first incident of ``pool`` with the largest known killed figure (none: empty)."""
    tolled = [(_dead(i), -k, i) for k, i in enumerate(pool)]
    best = max(tolled, key=lambda t: (t[0], t[1]), default=None)
    return [best[2]] if best is not None and best[0] > 0 else []


def _dead(incident: Incident) -> int:
    """The incident's killed figure (best, else low; 0 when unknown)."""
    return incident.killed.best or incident.killed.low or 0


def _told(incident: Incident) -> bool:
    """An incident is told when it is non-violent, or the text gives its place or its day."""
    return not incident.type.violent or incident.place is not None or incident.date is not None


def _states(incident: Incident, figures: frozenset[int]) -> bool:
    """True when one of the incident's killed or injured figures is among ``figures``."""
    values = {incident.killed.low, incident.killed.best, incident.killed.high}
    values |= {incident.injured.low, incident.injured.best, incident.injured.high}
    return bool(values & figures)


def headline_place(doc: Doc, headline: list[str]) -> tuple[Place, Mention] | None:
    """Where the headline sets the story, for an incident the text places nowhere: the first
    governorate the headline names, at regional precision, backed by the text's first mention
    of a place there (no mention, no place: the evidence must be in the text)."""
    if not headline:
        return None
    named = next((p for p in doc._.places or () if p.place.governorate == headline[0]), None)
    if named is None:
        return None
    gov = headline[0]
    place = Place(gov, gov, geo_precision=GeoPrecision.REGION)
    return place, mention("place", doc, named.start, named.end)


def _main_place_from_headline(doc: Doc, incidents: list[Incident], headline: list[str]) -> None:
    """A main incident the text places nowhere happened where the headline sets the story."""
    main = next((i for i in incidents if i.main), None)
    if main is None or main.place is not None:
        return
    given = headline_place(doc, headline)
    if given is not None:
        main.place = given[0]
        main.evidence.append(given[1])


def main_candidates(
    doc: Doc, incidents: Sequence[Incident], headline: list[str]
) -> tuple[list[int], list[Place | None]]:
    """The incidents that may be main (by index) and, for each, the place the headline gives it
    when the text places it nowhere: those told (:func:`_told`), and those the headline would
    place (violence tied to no place and no day is no incident: it is dropped)."""
    given = [None if i.place is not None else headline_place(doc, headline) for i in incidents]
    places = [g[0] if g is not None else None for g in given]
    keep = [k for k, i in enumerate(incidents) if _told(i) or places[k] is not None]
    return keep, [places[k] for k in keep]


def choose_main_learned(
    doc: Doc, incidents: list[Incident], title: str | None, model: MainModel
) -> None:
    """Flag the candidate (:func:`main_candidates`) the learned ranker scores highest."""
    headline = read_headline(title)
    keep, places = main_candidates(doc, incidents, [g for t in headline.tiers for g in t])
    if not keep:
        return
    x = candidate_features(doc, [incidents[k] for k in keep], headline, places)
    incidents[keep[rank_candidates(x, model)]].main = True


# words that set a sentence's incident apart from the one told before ("In another attack",
# "Separately", "Elsewhere", "Meanwhile"): it is another story, not the lead's deadly part
APART = words("another separate separately elsewhere meanwhile")


def _told_apart(doc: Doc, incidents: Sequence[Incident]) -> frozenset[int]:
    """The incidents (by ``id``) first told in a sentence that sets itself apart (:data:`APART`)."""
    sents = doc._.sentences or ()
    if not sents:
        return frozenset()
    starts = [s.start for s in sents]
    text = doc_text(doc)
    out = set()
    for inc in incidents:
        told = [m.start for m in inc.evidence if m.field == "type"]
        if told:
            sent = sents[max(bisect_right(starts, min(told)) - 1, 0)]
            if APART & set(text[sent.start : sent.end].lower().replace(",", " ").split()):
                out.add(id(inc))
    return frozenset(out)


def _weapon_from_headline(incidents: Sequence[Incident], headline: Headline) -> None:
    """ "Assad air strikes kill at least 80 civilians in Aleppo ... Intense bombardment killed
    over 80 civilians": a strike the text tells only by words naming no weapon
    (:func:`~trucewatch.extract.main_choice.weapon_unsaid`), whose toll the headline gives, is
    of the one strike type the headline names by its weapon; its own type was only the word's
    default reading."""
    if len(headline.weapons) != 1 or not headline.figures:
        return
    (kind,) = headline.weapons
    for inc in incidents:
        if inc.type != kind and weapon_unsaid(inc) and _states(inc, headline.figures):
            inc.type = kind


def flag_main(doc: Doc, incidents: list[Incident], model: MainModel | None) -> None:
    """Flag the report's main incident among ``incidents`` (the learned ranker, or the hand
    rule when ``model`` is None), place it where the headline sets the story when the text
    places it nowhere, and drop violence the text ties to no place and no day."""
    report = doc._.report
    title = report.title if report is not None else None
    headline = read_headline(title)
    tiers = headline.tiers
    # a report whose headline tells a vote, a deal or a statement and no violence happening
    # keeps only the violence it tells as news: the rest is its backdrop (discourse_articles)
    backdrop = set(background_violence(incidents, title, headline, doc._.anchor))
    if backdrop:
        incidents[:] = [i for k, i in enumerate(incidents) if k not in backdrop]
    _weapon_from_headline(incidents, headline)
    if model is not None:
        choose_main_learned(doc, incidents, title, model)
    else:
        choose_main(incidents, tiers, headline.figures, headline, _told_apart(doc, incidents))
    _main_place_from_headline(doc, incidents, [gov for tier in tiers for gov in tier])
    placed = [i for i in incidents if _told(i)]
    if len(placed) < len(incidents):
        # violence the text ties to no place and no day ("reports that forces killed 900 with
        # chemical weapons") is a statement about the war, not an incident (GOLD-DEV-2.md)
        incidents[:] = placed
        if not any(i.main for i in incidents) and model is None:
            choose_main(incidents, tiers, headline_figures(title))


@Language.component(
    "tw_incidents",
    requires=["doc._.placed", "doc._.report_id", "doc._.anchor", "doc._.anchor_range"],
    assigns=["doc._.incidents"],
)
def incidents_component(doc: Doc) -> Doc:
    """Turn the placed drafts into incidents on ``doc._.incidents``."""
    placed = capture_told_as_clash(doc, list(doc._.placed or ()))
    doc._.incidents = [_to_incident(doc, d) for d in placed]
    return doc


CAPTURE_REACH = 3  # sentences after fighting where the capture it won may be told


# Words by which a capture's sentence points at the fighting that won it ("took control of the
# villages following the clashes", "captured the base after fierce fighting").
WON_BY_FIGHTING = words("clashes fighting battle battles")


def capture_told_as_clash(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "Syrian troops killed 30 militants in clashes near the village of X ... The troops
    established control over the abovementioned villages following the clashes": fighting
    told and then a capture by the same side at the same place (or only its governorate), on
    the same or no day, is one story, the capture (GOLD-DEV.md: ``territory_taken``, a force
    captures a town or area), the fighting being how it was won. The clash takes the capture's
    type and party and the capture folds into it, keeping the clash's narrower place and toll.
    """
    out = list(drafts)
    for t in drafts:
        if t.type != IncidentType.TERRITORY_TAKEN or t.place is None:
            continue
        sent = doc._.sentences[t.sent]
        if not WON_BY_FIGHTING & set(doc_lowers(doc)[sent.token_start : sent.token_end]):
            continue
        fights = [
            c
            for c in out
            if c.type == IncidentType.ARMED_CLASH
            and c.place is not None
            and 0 < t.sent - c.sent <= CAPTURE_REACH
            and same_day(c.date, t.date)
            and (c.perpetrator is None or t.perpetrator in (None, c.perpetrator))
            and c.place.place.governorate == t.place.place.governorate
            and (c.place.place.name == t.place.place.name or specificity(t.place.place) >= 2)
        ]
        if len(fights) != 1:
            continue
        c = fights[0]
        c.type = IncidentType.TERRITORY_TAKEN
        c.perpetrator = c.perpetrator or t.perpetrator
        c.date = c.date or t.date
        fold_elaboration(c, t)
        out = [x for x in out if x is not t]
    return out


@Language.component(
    "tw_main_incident",
    requires=["doc._.incidents", "doc._.places"],
    assigns=["doc._.main"],
)
def main_incident_component(doc: Doc) -> Doc:
    """Flag the report's main incident (its index on ``doc._.main``): the learned ranker
    (:mod:`.main_choice`) when its weights ship, else the hand rule (:func:`choose_main`)."""
    incidents: list[Incident] = doc._.incidents or []
    flag_main(doc, incidents, shipped_model())
    doc._.main = next((k for k, i in enumerate(incidents) if i.main), None)
    return doc
