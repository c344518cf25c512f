"""What the eye sees on the pages (issue 16): the grade badge readable on the event and account
pages (it was white on white)."""

from __future__ import annotations

from urllib.parse import quote

from tests.test_web_browser import log_in, page, server  # noqa: F401  (fixtures)


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fore: str, back: str) -> float:
    """WCAG contrast ratio of two computed colours."""
    a, b = sorted((_luminance(_rgb(fore)), _luminance(_rgb(back))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_grade_badges_are_readable(server, page) -> None:  # noqa: F811
    base, seeded = server
    log_in(page, base, "admin")
    for path in (f"/events/{quote(seeded.events[0])}", f"/incidents/{quote(seeded.strike)}"):
        page.goto(base + path)
        badge = page.locator("span.pill[class*='grade-']").first
        colour = badge.evaluate("e => getComputedStyle(e).color")
        fill = badge.evaluate("e => getComputedStyle(e).backgroundColor")
        assert "rgba(0, 0, 0, 0)" not in fill, path  # a background of its own
        assert contrast(colour, fill) >= 4.5, (path, colour, fill)
