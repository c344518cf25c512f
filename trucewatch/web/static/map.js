// Dashboard map: base layer, agreement zones and events (one marker each) coloured by ruling, all fetched from
// this app's own API (no tiles, nothing off the origin). Text goes in with textContent only.
(function () {
  "use strict";
  // The colours and words of trucewatch/report/words.py (RULING_COLOURS, RULING_WORDS).
  var COLOURS = {
    violation: "#c62828", alleged_violation: "#f57c00", disputed: "#8e24aa", undetermined: "#8d6e00",
    permitted_excluded_target: "#2e7d32", perpetrator_not_party: "#5c6bc0",
    out_of_scope: "#607d8b", not_in_force: "#9e9e9e", none: "#455a64"
  };
  var WORDS = {
    violation: "violation", alleged_violation: "alleged violation", disputed: "disputed",
    undetermined: "undetermined", permitted_excluded_target: "permitted (excluded target)",
    perpetrator_not_party: "perpetrator not a party", out_of_scope: "out of scope",
    not_in_force: "not in force", none: "not ruled"
  };
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true }).setView([35.0, 38.5], 6.5);
  map.attributionControl.setPrefix("Leaflet");
  var eventsLayer = L.layerGroup().addTo(map);

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(p.id);
    link.textContent = (p.type || "event").replace(/_/g, " ") + (p.place ? " in " + p.place : "");
    box.appendChild(link);
    [["best day", p.date ? p.date + (p.window_straddles ? " (window reaches outside the range)" : "") : null],
     ["perpetrator", p.perpetrator ? p.perpetrator + (p.attribution ? " (" + p.attribution + ")" : "") : null],
     ["ruling", WORDS[p.ruling] || p.ruling], ["sources", String(p.sources)],
     ["grade", p.grade || "ungraded"]].forEach(function (pair) {
      var line = document.createElement("div");
      line.textContent = pair[0] + ": " + (pair[1] || "unknown");
      box.appendChild(line);
    });
    return box;
  }

  function loadEvents(query) {
    var url = el.dataset.eventsUrl + (query ? "?" + query : "");
    return getJSON(url).then(function (data) {
      eventsLayer.clearLayers();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        var colour = COLOURS[p.ruling] || COLOURS.none;
        L.circleMarker([c[1], c[0]], {
          radius: 6, color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.9,
          className: "event ruling-" + p.ruling
        }).bindPopup(popup(p)).addTo(eventsLayer);
      });
      el.dataset.count = String(data.features.length);
      if (status) {
        status.textContent = data.features.length + " events with coordinates on the map" +
          (data.unplaced ? "; " + data.unplaced + " more without coordinates (in the event list)." : ".");
      }
    });
  }

  getJSON(el.dataset.basemapUrl).then(function (data) {
    L.geoJSON(data, {
      style: function (f) {
        var country = f.properties && f.properties.kind === "country";
        return { color: country ? "#37474f" : "#90a4ae", weight: country ? 2 : 1, fillColor: "#f5f5f0", fillOpacity: country ? 0 : 1 };
      },
      onEachFeature: function (f, layer) {
        // Leaflet puts a string tooltip in as HTML: hand it an element holding plain text.
        if (f.properties && f.properties.name) {
          var name = document.createElement("span");
          name.textContent = String(f.properties.name);
          layer.bindTooltip(name);
        }
      }
    }).addTo(map).bringToBack();
  }).catch(function () { /* no base layer shipped: the map still shows events */ });

  getJSON(el.dataset.zonesUrl).then(function (data) {
    var zones = L.geoJSON(data, {
      style: function (f) {
        var regime = f.properties.kind === "regime";
        return { color: "#1b7837", weight: regime ? 2 : 1, dashArray: "4 3", fillColor: "#1b7837", fillOpacity: regime ? 0.15 : 0.03, interactive: regime };
      },
      onEachFeature: function (f, layer) {
        var label = document.createElement("span");
        label.textContent = f.properties.agreement + ": " + f.properties.title;
        layer.bindTooltip(label);
      }
    });
    zones.addTo(map);
    L.control.layers(null, { "Agreement and regime zones": zones, "Events": eventsLayer }).addTo(map);
  }).catch(function (e) { if (status) { status.textContent = String(e); } });

  loadEvents(el.dataset.query).catch(function (e) { if (status) { status.textContent = String(e); } });

  // Filtering redraws the map in place; the form still works as a plain GET without script.
  var form = document.getElementById("map-filters");
  if (form) {
    var apply = function (event) {
      if (event) { event.preventDefault(); }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (value) { params.append(key, value); } });
      var query = params.toString();
      history.replaceState(null, "", "/" + (query ? "?" + query : ""));
      loadEvents(query).catch(function (e) { if (status) { status.textContent = String(e); } });
    };
    form.addEventListener("submit", apply);
    form.addEventListener("change", apply);
  }

  // Live pages (live.js): events or rulings changed, so redraw with the filters in force.
  document.addEventListener("trucewatch:live", function () {
    loadEvents(window.location.search.slice(1)).catch(function () {});
  });
})();
