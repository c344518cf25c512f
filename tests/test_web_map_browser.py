"""The dashboard map in Debian's Chromium: events grouped with counts, the day and range control
redrawing markers, tiles and URL, towns named when zoomed in on Aleppo, sources in the popup as
text, and the chart's labels clear of its bars. Store: tests/web_map_seed.py (eight events).

Without /usr/bin/chromium these skip on a developer's machine but fail under CI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.test_web_browser import ARGS, CHROMIUM, _need_browser, assert_same_origin, serving
from tests.web_map_seed import HOSTILE_OUTLET, PASSWORD, seed_map
from trucewatch.store import open_store

ALEPPO = "#map=13/36.2050/37.1500"
DOUMA = "#map=12/33.5700/36.4000"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a real port over the map's store."""
    _need_browser()
    from trucewatch.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('map') / 'map.db'}"
    store = open_store(url)
    seed_map(store)
    store.close()
    app = create_app(url, secret_key="map-test", secure_cookies=False)
    with serving(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(server, browser):
    """A logged-in tab that records its requests and script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.requested, tab.console_errors = [], []  # type: ignore[attr-defined]
    tab.on("request", lambda r: tab.requested.append(r.url))
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.goto(server + "/login")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(server + "/")
    yield tab
    context.close()


def _open(page, url: str, count: int) -> None:
    page.goto("about:blank")  # a whole new load, not a move within the page (#map=...)
    page.goto(url)
    # Waits by selector: the CSP forbids the eval that wait_for_function would need.
    page.wait_for_selector(f"#map[data-count='{count}']", state="attached")
    page.wait_for_selector("#map[data-labels]", state="attached")


def _cluster_counts(page) -> list[int]:
    return sorted(int(t) for t in page.locator(".event-cluster span").all_inner_texts())


def test_crowded_events_are_grouped_with_their_counts(server, page) -> None:
    _open(page, server + "/", 8)
    page.wait_for_selector(".event-cluster", state="attached")
    # Country view: Aleppo's five and Deir ez-Zor's two are groups; Douma's one is a marker.
    assert _cluster_counts(page) == [2, 5]
    assert page.locator("path.event").count() == 1
    # The group's ring is its gravest ruling (Aleppo holds a violation), in the legend's colour.
    aleppo = page.locator(".event-cluster div").filter(has_text="5")
    assert "violation" in (aleppo.get_attribute("title") or "")
    assert page.locator("#legend li[data-ruling=violation] .n").inner_text() == "(2)"
    page.locator(".event-cluster").filter(has_text="5").click()  # zooms in and opens it up
    page.wait_for_selector("path.ruling-alleged_violation", state="attached")
    assert page.locator("path.event").count() >= 5
    assert not page.console_errors, page.console_errors
    assert_same_origin(page, server)


def test_day_and_range_control_redraws_markers_tiles_and_url(server, page) -> None:
    _open(page, server + "/", 8)
    page.fill("#map-day", "2016-03-07")
    page.wait_for_selector("#map[data-count='5']", state="attached")
    assert "day=2016-03-07" in page.url
    page.wait_for_selector("#day:text-is('2016-03-07')", state="attached")  # the tiles follow
    assert page.locator("#count-events").inner_text() == "5"
    assert "date_from=2016-03-07" in (page.locator("#map").get_attribute("data-query") or "")
    page.click("[data-day-step='1']")  # the day after: Deir ez-Zor's two
    page.wait_for_selector("#map[data-count='2']", state="attached")
    assert "day=2016-03-08" in page.url
    page.click("[data-day-step='0']")  # the whole range again
    page.wait_for_selector("#map[data-count='8']", state="attached")
    page.fill("#map-filters input[name=date_from]", "2016-03-08")
    page.wait_for_selector("#map[data-count='3']", state="attached")
    assert "date_from=2016-03-08" in page.url and "day=" not in page.url
    # A link to the page shows the same: the server reads the URL, the map its filters.
    _open(page, server + "/?day=2016-03-09", 1)
    assert page.locator("#map-day").input_value() == "2016-03-09"
    assert page.locator("#count-events").inner_text() == "1"
    assert not page.console_errors, page.console_errors


def test_zoomed_on_aleppo_its_towns_and_neighbourhoods_are_named(server, page) -> None:
    _open(page, server + "/", 8)
    names = set(page.locator(".place-label").all_text_contents())
    assert {"Aleppo", "Damascus", "Turkey"} <= names  # the country view: cities, neighbours
    assert "Sheikh Maqsoud" not in names  # neighbourhoods wait for the zoom
    _open(page, server + "/" + ALEPPO, 8)
    page.wait_for_selector(".place-neighbourhood", state="attached")
    names = set(page.locator(".place-label").all_text_contents())
    assert {"Sheikh Maqsoud", "Bustan al-Qasr", "Salaheddine", "Masaken Hanano"} <= names
    assert len(names) >= 15
    boxes = [b for b in (x.bounding_box() for x in page.locator(".place-label").all()) if b]
    overlapping = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["width"] - 1
        and b["x"] < a["x"] + a["width"] - 1
        and a["y"] < b["y"] + b["height"] - 1
        and b["y"] < a["y"] + a["height"] - 1
    ]
    assert not overlapping, overlapping[:3]
    assert not page.console_errors, page.console_errors


def _popup_text(page) -> str:
    page.locator("path.event").first.click()
    popup = page.locator(".leaflet-popup .event-popup")
    popup.wait_for()
    return popup.inner_text()


def test_popup_lists_the_events_sources_as_text(server, page) -> None:
    _open(page, server + "/" + DOUMA, 8)
    api = page.request.get(server + "/api/v1/map/events?date_from=2016-03-09").json()
    sources = api["features"][0]["properties"]["sources"]
    text = _popup_text(page)
    line = next(x for x in text.splitlines() if x.startswith("sources:"))
    if isinstance(sources, int):
        assert line == "sources: 2 independent sources"
    else:  # the API names the outlets: both are written, markup as text
        assert "Wire 7" in line and HOSTILE_OUTLET in line
    assert page.locator(".event-popup img").count() == 0


@pytest.mark.parametrize(
    "sources",
    [
        {"independent": 2, "outlets": [HOSTILE_OUTLET, "Wire B"]},
        [{"name": HOSTILE_OUTLET}, {"name": "Wire B"}],
    ],
)
def test_popup_writes_outlet_names_as_text(server, page, sources) -> None:
    """Whatever form the API gives the outlets in, their names go in as text, never markup."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [36.4, 33.57]},
        "properties": {
            "id": "e-x",
            "type": "shelling",
            "place": "Douma",
            "ruling": "violation",
            "date": "2016-03-09",
            "sources": sources,
        },
    }
    body = json.dumps({"type": "FeatureCollection", "features": [feature], "unplaced": 0})
    page.route(
        "**/api/v1/map/events*",
        lambda route: route.fulfill(status=200, content_type="application/json", body=body),
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, server + "/" + DOUMA, 1)
    line = next(x for x in _popup_text(page).splitlines() if x.startswith("sources:"))
    assert HOSTILE_OUTLET in line and "Wire B" in line
    assert ("2 independent" in line) == isinstance(sources, dict)
    assert page.locator(".event-popup img").count() == 0 and not dialogs


def test_chart_labels_clear_of_bars_and_of_each_other(server, page) -> None:
    _open(page, server + "/", 8)
    labels = [t.bounding_box() for t in page.locator("svg.chart text").all()]
    bars = [r.bounding_box() for r in page.locator("svg.chart rect").all()]
    bars = [b for b in bars if b and b["height"] > 0]
    assert len(labels) == 3 and bars

    def overlap(a: dict, b: dict) -> bool:
        return (
            a["x"] < b["x"] + b["width"]
            and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"]
            and b["y"] < a["y"] + a["height"]
        )

    assert not [(t, b) for t in labels for b in bars if overlap(t, b)]
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlap(a, b)]
