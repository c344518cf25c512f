"""The extraction pipeline: a blank English spaCy pipeline of single-job components.

``COMPONENTS`` lists them in order; each reads what earlier ones left on ``Doc._`` and writes its
own slot (see :mod:`trucewatch.extract.spans`). The public entry points are :func:`extract` and
:func:`extract_many`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
from trucewatch.extract import (  # noqa: F401
    actors,
    attribution,
    attribution_status,
    claims,
    drafts,
    events,
    figure_roles,
    incident_places,
    incidents,
    keep_model,
    merging,
    places,
    quantities,
    roles,
    sentences,
    timing,
    trigger_readings,
)
from trucewatch.extract.spans import Extraction, register_extensions
from trucewatch.model.report import Report

# The actor and claim components (owned with the actor gazetteer) are registered again here with
# what they require and assign, so ``nlp.analyze_pipes()`` can check the whole order.
Language.component(
    "tw_actors_declared",
    requires=["doc._.sentences", "doc._.anchor"],
    assigns=["doc._.actors"],
    func=actors.actors_component,
)
Language.component(
    "tw_claims_declared",
    requires=["doc._.sentences", "doc._.anchor", "doc._.dates", "doc._.report_id"],
    assigns=["doc._.claims"],
    func=claims.claims_component,
)


@Language.component("tw_report", assigns=["doc._.report_id", "doc._.anchor", "doc._.anchor_range"])
def report_component(doc: Doc) -> Doc:
    """Read the report's id and date anchor off ``doc._.report`` (the pipeline's input)."""
    report = doc._.report
    if report is not None:
        doc._.report_id = report.id or None
        doc._.anchor, doc._.anchor_range = report_anchor(report)
    return doc


COMPONENTS: tuple[str, ...] = (
    "tw_report",  # the report's id and date anchor
    "tw_sentences",  # sentence bounds that survive stripped punctuation
    "tw_places",  # gazetteer places, regions, "near"
    "tw_actors_declared",  # forces, factions, officials
    "tw_dates",  # dates and times resolved against publication
    "tw_quantities",  # killed / injured figures
    "tw_events",  # incident-type triggers
    "tw_attribution",  # perpetrator and target per trigger
    "tw_sentence_roles",  # which sentences set the scene or sum up a period
    "tw_figure_roles",  # each casualty figure: an incident's toll, a claim, or neither
    "tw_drafts",  # one draft per sentence and incident type told as a happening
    "tw_merge",  # drafts of one incident merged
    "tw_context_places",  # placeless drafts take the story's place
    "tw_incidents",  # drafts become incidents
    "tw_attribution_status",  # stated / alleged / denied / disputed, alternatives kept
    "tw_main_incident",  # the main incident flagged
    "tw_keep_incidents",  # the learned filter drops unlikely incidents (no-op without weights)
    "tw_claims_declared",  # attributed numeric statements
)


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The default pipeline (built once per process; gazetteers load on first use)."""
    register_extensions()
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def report_anchor(report: Report) -> tuple[dt.date | None, tuple[dt.date, dt.date] | None]:
    """The date relative expressions resolve against: publication, its range, or the dateline."""
    pub = report.published
    if pub.date is not None:
        return pub.date, None
    if pub.earliest is not None and pub.latest is not None:
        return None, (pub.earliest, pub.latest)
    try:
        from trucewatch.extract.dates import find_dateline
    except ImportError:
        return None, None
    found = find_dateline(report.text)
    return (found.date if found is not None else None), None


def make_doc(nlp: Language, report: Report) -> Doc:
    """Tokenise a report's text and attach the report (the pipeline's one input) to the doc."""
    doc = nlp.make_doc(report.text)
    doc._.report = report
    # tokenising never changes the text, so the text is the report's (``Doc.text`` re-joins
    # every token; see spans.doc_text)
    doc.user_data["tw_text"] = report.text
    return doc


def _result(doc: Doc) -> Extraction:
    return Extraction(incidents=list(doc._.incidents or []), claims=list(doc._.claims or []))


def extract(report: Report) -> Extraction:
    """What one report says: its incidents (main flagged) and claims, each with its evidence."""
    nlp = build_pipeline()
    return _result(nlp(make_doc(nlp, report)))


def extract_many(
    reports: Iterable[Report], *, batch_size: int = 64
) -> Iterator[tuple[Report, Extraction]]:
    """Extract from many reports in batches (``nlp.pipe``); yields (report, extraction) in order."""
    nlp = build_pipeline()
    docs = (make_doc(nlp, r) for r in reports)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield doc._.report, _result(doc)
