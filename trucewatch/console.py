"""Terminal output shared by the CLI and the demo: one console, one progress style."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

# soft_wrap: long lines (file paths, reasons) stay whole when piped to a file or another tool.
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def progress() -> Progress:
    """A progress display on stderr that vanishes when done (quiet when not a terminal)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )
