"""The ruling colours in app.css (the map, its legend, the pills): every ruling has one, each
stays apart from every other for readers with red-, green- or blue-blind vision, "out of scope"
and "not ruled" are nowhere near each other, and a pill's words are readable on its colour.

Colour-vision deficiency is simulated with Machado, Oliveira & Fernandes (2009), severity 1, and
distance is CIE76 ΔE in CIELAB (about 2.3 is just noticeable; 12 is plainly different at a glance).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from trucewatch.report.words import RULING_COLOURS, RULING_ORDER

CSS = (
    Path(__file__).resolve().parents[1] / "trucewatch" / "web" / "static" / "app.css"
).read_text()
RULINGS = [*RULING_ORDER, "none"]
MACHADO = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _palette() -> dict[str, str]:
    found = dict(re.findall(r"--ruling-([a-z_]+):\s*(#[0-9a-fA-F]{6})", CSS))
    return {r: found[r] for r in RULINGS if r in found}


def _linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(v, 0.0), 1.0) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    m = MACHADO[vision]
    return _lab([sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)])


def _distance(a: str, b: str, vision: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_seen(a, vision), _seen(b, vision), strict=True)) ** 0.5


def test_every_ruling_has_a_colour() -> None:
    assert set(_palette()) == set(RULINGS)


@pytest.mark.parametrize("vision", list(MACHADO))
def test_rulings_stay_apart_for_every_kind_of_vision(vision: str) -> None:
    palette = _palette()
    closest = min(
        (_distance(palette[a], palette[b], vision), a, b)
        for a, b in itertools.combinations(RULINGS, 2)
    )
    assert closest[0] >= 12, closest


@pytest.mark.parametrize("vision", list(MACHADO))
def test_out_of_scope_and_not_ruled_are_far_apart(vision: str) -> None:
    palette = _palette()
    assert _distance(palette["out_of_scope"], palette["none"], vision) >= 40


def _luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_pill_words_are_readable_on_every_ruling_colour() -> None:
    # Pills take ink by default; the rule listing `.pill.ruling-X` selectors names the white ones.
    rule = re.search(r"((?:\.pill\.ruling-\w+,?\s*)+)\{ color: #fff; \}", CSS)
    assert rule, "no rule gives the dark ruling colours white words"
    white = set(re.findall(r"\.pill\.ruling-(\w+)", rule[1]))
    for ruling, colour in _palette().items():
        text = 1.0 if ruling in white else 0.0
        light, dark = sorted((_luminance(colour), text), reverse=True)
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 4.5, (ruling, colour, round(ratio, 2))


def test_the_pdf_report_uses_the_web_palette() -> None:
    """The situation report's map and charts colour rulings as the web map does."""
    assert _palette() == {k: v.lower() for k, v in RULING_COLOURS.items()}
