"""CSV cells a spreadsheet reads as text, never as a formula (OWASP "CSV injection").

A report's place, actor or source name is written by whoever wrote the report. Excel, LibreOffice
and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and a
leading tab or carriage return can hide one), so a name like ``=HYPERLINK(...)`` would act when a
monitor opens the export. OWASP's guidance: prefix such a cell with a single quote, which the
spreadsheet shows as text. Only text cells are prefixed: a number written as a number (``-3``,
``-36.2``) is a value, not a formula, and stays a number a spreadsheet can add up.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a CSV cell: a string a spreadsheet would run gets ``'`` in front; the rest
    (numbers, other strings) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
