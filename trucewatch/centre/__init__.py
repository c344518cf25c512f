"""The monitoring centre (issue 6): parties and accessions, meetings and local agreements,
protection requests, the hotline, deliveries, the verification workflow, users and roles, and the
hash-chained audit log.

Service functions take a ``Connection`` inside ``store.transaction()`` and the acting ``User``;
they check permission first, write the record and its history, and append to the audit log, all
in that one transaction.
"""

import trucewatch.store.centre_tables  # noqa: F401  (registers the centre's tables)
from trucewatch.centre.errors import (
    CentreError,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    StaleRecord,
)

__all__ = ["CentreError", "IllegalTransition", "NotFound", "PermissionDenied", "StaleRecord"]
