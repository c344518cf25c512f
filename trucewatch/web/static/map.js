// Dashboard map, all from this app's origin (no tiles, nothing fetched elsewhere): neighbouring
// countries, governorates, towns named as the zoom allows, agreement zones, and events coloured by
// their gravest ruling, grouped with counts where they crowd. The day and range controls drive the
// map, the count tiles, the chart and the URL together. Data goes in with textContent only.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var legend = document.getElementById("legend");
  var form = document.getElementById("map-filters");
  var dayInput = document.getElementById("map-day");
  var css = getComputedStyle(document.documentElement);

  // Rulings, gravest first, and their words: the legend (rendered from report/words.py) says both.
  var RULINGS = [], WORDS = {};
  if (legend) {
    legend.querySelectorAll("li[data-ruling]").forEach(function (li) {
      RULINGS.push(li.dataset.ruling);
      WORDS[li.dataset.ruling] = li.querySelector(".word").textContent;
    });
  }
  function colour(ruling) {
    // One palette, in app.css (--ruling-*): the pills, the legend and the map agree.
    return css.getPropertyValue("--ruling-" + ruling).trim() || css.getPropertyValue("--ruling-none").trim();
  }
  function gravity(ruling) {
    var i = RULINGS.indexOf(ruling);
    return i < 0 ? RULINGS.length : i;
  }

  // The view lives in the URL's fragment (#map=zoom/lat/lon) so a link shows the same place.
  var VIEW = /^#map=(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/;
  var map = L.map(el, { zoomSnap: 0.25, minZoom: 5, maxZoom: 16 });
  function showView(hash) {
    var view = VIEW.exec(hash);
    map.setView(view ? [Number(view[2]), Number(view[3])] : [35.0, 38.5], view ? Number(view[1]) : 6.5);
  }
  showView(window.location.hash);
  window.addEventListener("hashchange", function () { showView(window.location.hash); });
  map.on("moveend", function () {
    var c = map.getCenter();
    history.replaceState(null, "", window.location.pathname + window.location.search +
      "#map=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
  });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth; GeoNames (CC BY 4.0)");
  // Panes, bottom to top: base layers (overlay pane), place names, events, clusters (marker pane).
  map.createPane("labels").style.zIndex = 450;
  map.createPane("events").style.zIndex = 550;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  function say(text) { if (status) { status.textContent = text; } }

  // --- base layers ---------------------------------------------------------------------------
  var places = [];  // points to name, in the order they are named (lowest rank first)
  var labels = L.layerGroup().addTo(map);

  function addPlace(lat, lon, name, kind, minzoom, maxzoom) {
    places.push({ ll: L.latLng(lat, lon), name: String(name), kind: kind, minzoom: minzoom, maxzoom: maxzoom });
  }

  var measure = document.createElement("canvas").getContext("2d");
  function labelWidth(place) {
    if (place.width === undefined) {
      measure.font = (place.kind === "capital" ? "600 13px " : "12px ") + "system-ui, sans-serif";
      var text = place.kind === "governorate" || place.kind === "neighbour" ? place.name.toUpperCase() : place.name;
      place.width = Math.ceil(measure.measureText(text).width) + (place.kind === "governorate" ? text.length * 1.5 : 0) + 6;
    }
    return place.width;
  }

  // Names are placed greedily in rank order, to the right of their town's dot, else left, above
  // or below it; a name that fits nowhere clear is left out, so zooming in reveals more of them
  // instead of piling them up.
  function candidates(at, w, dot) {
    if (!dot) { return [[[at.x - w / 2, at.y - 8, at.x + w / 2, at.y + 8], [w / 2, 8]]]; }
    return [[[at.x + 4, at.y - 8, at.x + 6 + w, at.y + 8], [-5, 8]],
            [[at.x - 6 - w, at.y - 8, at.x - 4, at.y + 8], [w + 5, 8]],
            [[at.x - w / 2, at.y - 25, at.x + w / 2, at.y - 9], [w / 2, 25]],
            [[at.x - w / 2, at.y + 9, at.x + w / 2, at.y + 25], [w / 2, -9]]];
  }
  function drawLabels() {
    labels.clearLayers();
    var zoom = map.getZoom(), view = map.getBounds().pad(0.05), taken = [];
    var clear = function (box) {
      return !taken.some(function (t) { return box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]; });
    };
    places.forEach(function (p) {
      if (zoom < p.minzoom || (p.maxzoom !== undefined && zoom > p.maxzoom) || !view.contains(p.ll)) { return; }
      var at = map.latLngToContainerPoint(p.ll), w = labelWidth(p), dot = p.kind !== "governorate" && p.kind !== "neighbour" && p.kind !== "area";
      var spot = candidates(at, w, dot).filter(function (c) { return clear(c[0]); })[0];
      if (!spot) { return; }
      taken.push(spot[0]);
      if (dot) { taken.push([at.x - 4, at.y - 4, at.x + 4, at.y + 4]); }
      var text = document.createElement("span");
      text.textContent = p.name;
      var icon = L.divIcon({ html: text, className: "place-label place-" + p.kind, iconSize: null, iconAnchor: spot[1] });
      L.marker(p.ll, { icon: icon, pane: "labels", interactive: false, keyboard: false }).addTo(labels);
      if (dot) {
        L.circleMarker(p.ll, { pane: "labels", radius: p.kind === "capital" ? 3.5 : 2.5, color: "#37474f", weight: 1,
                               fillColor: "#ffffff", fillOpacity: 1, interactive: false }).addTo(labels);
      }
    });
    el.dataset.labels = String(labels.getLayers().filter(function (l) { return l instanceof L.Marker; }).length);
  }
  map.on("zoomend moveend", drawLabels);

  var neighbours = getJSON(el.dataset.neighboursUrl).then(function (data) {
    L.geoJSON(data, { interactive: false, style: function () {
      return { color: "#b0bec5", weight: 1, fillColor: "#e9ebe4", fillOpacity: 1 };
    } }).addTo(map).bringToBack();
    data.features.forEach(function (f) {
      addPlace(f.properties.label_lat, f.properties.label_lon, f.properties.name, "neighbour", 0, 9);
    });
  }).catch(function () { /* no neighbours shipped: Syria alone on the sea colour */ });

  var governorates = getJSON(el.dataset.basemapUrl).then(function (data) {
    L.geoJSON(data, {
      style: function (f) {
        var country = f.properties && f.properties.kind === "country";
        return { color: country ? "#37474f" : "#90a4ae", weight: country ? 2 : 1, fillColor: "#f7f7f2",
                 fillOpacity: country ? 0 : 1, interactive: false };
      }
    }).addTo(map);
  }).catch(function () { /* no base layer shipped: the map still shows events */ });

  var towns = getJSON(el.dataset.placesUrl).then(function (data) {
    data.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      addPlace(c[1], c[0], p.name, p.kind, p.minzoom, p.kind === "governorate" ? 8 : undefined);
    });
  }).catch(function () { /* no places shipped: outlines only */ });

  // Neighbour and governorate outlines below, names once all are in (neighbours' names first).
  Promise.all([neighbours, governorates, towns]).then(function () {
    map.eachLayer(function (layer) { if (layer.feature && layer.feature.properties.kind === "neighbour") { layer.bringToBack(); } });
    drawLabels();
  });

  // --- events -------------------------------------------------------------------------------
  function clusterIcon(cluster) {
    var worst = "none", n = cluster.getChildCount();
    cluster.getAllChildMarkers().forEach(function (m) {
      if (gravity(m.options.ruling) < gravity(worst)) { worst = m.options.ruling; }
    });
    var size = n < 10 ? 30 : n < 100 ? 36 : 44;
    var box = document.createElement("div");
    box.style.borderColor = colour(worst);
    var count = document.createElement("span");
    count.textContent = String(n);
    box.appendChild(count);
    box.title = n + " events; gravest ruling: " + (WORDS[worst] || worst);
    return L.divIcon({ html: box, className: "event-cluster worst-" + worst, iconSize: L.point(size, size) });
  }
  var eventsLayer = L.markerClusterGroup ?
    L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40, showCoverageOnHover: false,
                           spiderfyOnMaxZoom: true, chunkedLoading: true }) :
    L.layerGroup();  // without the plugin every event still shows, one marker each
  eventsLayer.addTo(map);

  // `sources` is the number of independent sources, or (newer API) an object or list naming the
  // outlets; every form is read, and any other falls back to "unknown".
  function sourcesText(s) {
    if (typeof s === "number") { return s + (s === 1 ? " independent source" : " independent sources"); }
    var names = Array.isArray(s) ? s : s && (s.outlets || s.names || s.items);
    var outlets = (Array.isArray(names) ? names : []).map(function (o) {
      return typeof o === "string" ? o : o && (o.name || o.outlet || o.source);
    }).filter(function (o) { return o; });
    var independent = s && !Array.isArray(s) ? (s.independent !== undefined ? s.independent : s.count) : null;
    var parts = [];
    if (typeof independent === "number") { parts.push(independent + " independent"); }
    if (outlets.length) { parts.push(outlets.join(", ")); }
    return parts.join(": ");
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "event-popup";
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(p.id);
    link.textContent = String(p.type || "event").replace(/_/g, " ") + (p.place ? " in " + p.place : "");
    box.appendChild(link);
    [["best day", p.date ? p.date + (p.window_straddles ? " (window reaches outside the range)" : "") : null],
     ["perpetrator", p.perpetrator ? p.perpetrator + (p.attribution ? " (" + p.attribution + ")" : "") : null],
     ["ruling", WORDS[p.ruling || "none"] || p.ruling],
     ["sources", sourcesText(p.sources)],
     ["grade", p.grade || "ungraded"]].forEach(function (pair) {
      var line = document.createElement("div");
      line.className = "popup-" + pair[0].replace(/ /g, "-");
      line.textContent = pair[0] + ": " + (pair[1] || "unknown");
      box.appendChild(line);
    });
    return box;
  }

  function showCounts(features) {
    if (!legend) { return; }
    var n = {};
    features.forEach(function (f) { var r = f.properties.ruling || "none"; n[r] = (n[r] || 0) + 1; });
    legend.querySelectorAll("li[data-ruling]").forEach(function (li) {
      li.querySelector(".n").textContent = "(" + (n[li.dataset.ruling] || 0) + ")";
    });
  }

  function loadEvents(query) {
    var url = el.dataset.eventsUrl + (query ? "?" + query : "");
    return getJSON(url).then(function (data) {
      eventsLayer.clearLayers();
      var markers = data.features.map(function (f) {
        var c = f.geometry.coordinates, p = f.properties, ruling = p.ruling || "none";
        return L.circleMarker([c[1], c[0]], {
          pane: "events", radius: 6, color: "#1d2327", weight: 1, fillColor: colour(ruling), fillOpacity: 0.95,
          className: "event ruling-" + ruling, ruling: ruling
        }).bindPopup(popup(p));
      });
      if (eventsLayer.addLayers) { eventsLayer.addLayers(markers); } else { markers.forEach(function (m) { eventsLayer.addLayer(m); }); }
      el.dataset.count = String(data.features.length);
      el.dataset.query = query || "";
      showCounts(data.features);
      say(data.features.length + " events with coordinates on the map" +
          (data.unplaced ? "; " + data.unplaced + " more without coordinates (in the event list)." : "."));
    });
  }

  getJSON(el.dataset.zonesUrl).then(function (data) {
    var zones = L.geoJSON(data, {
      style: function (f) {
        var regime = f.properties.kind === "regime";
        return { color: "#1b7837", weight: regime ? 2 : 1, dashArray: "4 3", fillColor: "#1b7837", fillOpacity: regime ? 0.08 : 0.02, interactive: regime };
      },
      onEachFeature: function (f, layer) {
        var label = document.createElement("span");
        label.textContent = f.properties.agreement + ": " + f.properties.title;
        layer.bindTooltip(label);
      }
    });
    zones.addTo(map);
    L.control.layers(null, { "Agreement and regime zones": zones, "Events": eventsLayer, "Place names": labels }).addTo(map);
  }).catch(function (e) { say(String(e)); });

  // --- the day, the range and the other filters ----------------------------------------------
  // The page's URL keeps every filter and `day`; the map asks the API for the day when one is
  // chosen (within the range, if any), else for the whole range.
  function pageQuery() {
    var params = new URLSearchParams();
    if (form) { new FormData(form).forEach(function (value, key) { if (value) { params.append(key, value); } }); }
    return params;
  }
  function mapQuery(params) {
    var q = new URLSearchParams(params), day = q.get("day");
    q.delete("day");
    if (day) {
      var from = q.get("date_from"), to = q.get("date_to");
      q.set("date_from", from && from > day ? from : day);
      q.set("date_to", to && to < day ? to : day);
    }
    return q.toString();
  }

  // The count tiles and the chart are the server's: live.js swaps the page's live parts from
  // a fresh copy of the page for the new URL.
  function apply(event) {
    if (event) { event.preventDefault(); }
    var params = pageQuery(), query = params.toString(), url = "/" + (query ? "?" + query : "");
    history.replaceState(null, "", url + window.location.hash);
    loadEvents(mapQuery(params)).catch(function (e) { say(String(e)); });
    window.trucewatchRefreshLive(url).catch(function (e) { say(String(e)); });
  }

  function stepDay(days) {
    var start = dayInput.value || (document.getElementById("day") || {}).textContent || "";
    var d = new Date(start + "T00:00:00Z");
    if (isNaN(d.getTime())) { return; }
    d.setUTCDate(d.getUTCDate() + days);
    dayInput.value = d.toISOString().slice(0, 10);
    apply();
  }

  if (form) {
    form.addEventListener("submit", apply);
    form.addEventListener("change", apply);
  }
  if (dayInput) {
    // The day field belongs to the filter form (form="map-filters") but sits by the map.
    dayInput.addEventListener("change", function () { apply(); });
    document.querySelectorAll("[data-day-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.dataset.dayStep);
        if (step) { stepDay(step); } else { dayInput.value = ""; apply(); }
      });
    });
    // A bar of the chart picks its day (the chart is replaced on refresh: listen on the page).
    document.addEventListener("click", function (event) {
      var bar = event.target.closest && event.target.closest("#live-chart [data-date]");
      if (bar) { dayInput.value = bar.dataset.date; apply(); }
    });
  }

  loadEvents(mapQuery(pageQuery())).catch(function (e) { say(String(e)); });

  // Live pages (live.js): events or rulings changed, so redraw with the filters in force.
  document.addEventListener("trucewatch:live", function () {
    loadEvents(mapQuery(pageQuery())).catch(function () {});
  });
})();
