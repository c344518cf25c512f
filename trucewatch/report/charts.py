"""Bar charts and trend lines as SVG text, drawn with matplotlib's Agg backend.

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

from trucewatch.report.daily import DayCount, TallyRow

VIOLATION_COLOUR = "#b2182b"
INCIDENT_COLOUR = "#bdbdbd"
KILLED_COLOUR = "#2166ac"
STYLE = {
    "svg.hashsalt": "trucewatch",  # ids in the SVG come from this, not from random numbers
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",  # ships with matplotlib
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
MAX_BARS = 15


def svg_text(figure: Figure) -> str:
    """The figure as an SVG document with no timestamps or tool names in it."""
    buffer = io.StringIO()
    with plt.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


def bar_chart(rows: Sequence[TallyRow], title: str) -> str | None:
    """Horizontal bars: violations over all violent incidents per key; None when there is nothing.

    Keys beyond the first ``MAX_BARS`` are summed into one "other" bar.
    """
    if not rows:
        return None
    shown = list(rows[:MAX_BARS])
    rest = rows[MAX_BARS:]
    if rest:
        shown.append(
            TallyRow(
                f"other ({len(rest)})",
                sum(r.violations for r in rest),
                sum(r.incidents for r in rest),
            )
        )
    shown.reverse()  # matplotlib draws the first bar at the bottom
    labels = [r.key for r in shown]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.0, 0.35 * len(shown) + 1.0), dpi=100)
        positions = range(len(shown))
        axes.barh(positions, [r.incidents for r in shown], color=INCIDENT_COLOUR, label="incidents")
        axes.barh(
            positions, [r.violations for r in shown], color=VIOLATION_COLOUR, label="violations"
        )
        axes.set_yticks(list(positions), labels)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_title(title, loc="left", fontsize=10)
        # Above the plot, right of the title, so it never hides a bar.
        axes.legend(
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False, fontsize=8
        )
        figure.tight_layout()
    return svg_text(figure)


def trend_chart(days: Sequence[DayCount], title: str) -> str | None:
    """Daily lines of incidents, violations and the low count of killed; None for under 2 days."""
    if len(days) < 2:
        return None
    x = list(range(len(days)))
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 2.8), dpi=100)
        axes.plot(x, [d.incidents for d in days], color="#636363", marker="o", label="incidents")
        axes.plot(
            x, [d.violations for d in days], color=VIOLATION_COLOUR, marker="o", label="violations"
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
        axes.legend(loc="upper left", frameon=False, fontsize=8, ncols=3)
        figure.tight_layout()
    return svg_text(figure)
