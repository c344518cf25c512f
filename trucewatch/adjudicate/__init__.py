"""Adjudication: every incident ruled on under the agreements in force at its time and place.

``adjudicate(incident, agreements, designations, control_areas, accessions)`` returns one
:class:`~trucewatch.model.agreement.Ruling` per agreement or regime that could apply, each with
its reasons (rule or clause, fact used, evidence). ``tally`` counts violations. Pure functions:
the command functions in ``commands`` do the reading and writing.
"""

from trucewatch.adjudicate.actors import ActorLookup, make_lookup, table_lookup
from trucewatch.adjudicate.incidents import IncidentFormatError, incident_from_json
from trucewatch.adjudicate.rules import adjudicate, adjudicate_all
from trucewatch.adjudicate.tally import Tally, tally

__all__ = [
    "ActorLookup",
    "IncidentFormatError",
    "Tally",
    "adjudicate",
    "adjudicate_all",
    "incident_from_json",
    "make_lookup",
    "table_lookup",
    "tally",
]
