"""Agreements as data: the YAML file format, its loader and its validation.

``load_record(DIR)`` reads a directory of agreement, regime and declaration files plus the
accessions, designations and control areas beside them, and raises an error listing every
problem (file, line, field) if any; ``read_record`` returns them instead. Format:
``docs/agreements.md``.
"""

from trucewatch.agreements.errors import AgreementFileError, Problem
from trucewatch.agreements.loader import AgreementRecord, load_record, read_record

__all__ = ["AgreementFileError", "AgreementRecord", "Problem", "load_record", "read_record"]
