"""Trend lines as SVG text, drawn with matplotlib's Agg backend.

Output is byte-for-byte stable for the same numbers: fixed figure sizes, a fixed SVG hash salt,
no date or tool metadata, and text drawn as paths (so no font lookup differs between machines).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: the same on a laptop and in CI

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from trucewatch.report.daily import DayCount
from trucewatch.report.words import RULING_COLOURS

VIOLATION_COLOUR = RULING_COLOURS["violation"]
ALLEGED_COLOUR = RULING_COLOURS["alleged_violation"]
KILLED_COLOUR = "#2166ac"
STYLE = {
    "svg.hashsalt": "trucewatch",  # ids in the SVG come from this, not from random numbers
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",  # ships with matplotlib
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def svg_text(figure: Figure) -> str:
    """The figure as an SVG document with no timestamps or tool names in it."""
    buffer = io.StringIO()
    with plt.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


def trend_chart(days: Sequence[DayCount], title: str) -> str | None:
    """Daily lines of events, violations, alleged violations and the low count of killed;
    None for under 2 days."""
    if len(days) < 2:
        return None
    x = list(range(len(days)))
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 2.8), dpi=100)
        axes.plot(x, [d.events for d in days], color="#636363", marker="o", label="violent events")
        axes.plot(
            x, [d.violations for d in days], color=VIOLATION_COLOUR, marker="o", label="violations"
        )
        axes.plot(
            x,
            [d.alleged for d in days],
            color=ALLEGED_COLOUR,
            marker="s",
            label="alleged violations",
        )
        axes.plot(
            x,
            [d.killed_low for d in days],
            color=KILLED_COLOUR,
            linestyle="--",
            label="killed (low)",
        )
        step = max(1, len(days) // 10)
        axes.set_xticks(x[::step], [d.day.strftime("%d %b") for d in days][::step])
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.set_ylim(bottom=0)
        axes.set_title(title, loc="left", fontsize=10)
        axes.legend(loc="upper left", frameon=False, fontsize=8, ncols=4)
        figure.tight_layout()
    return svg_text(figure)
