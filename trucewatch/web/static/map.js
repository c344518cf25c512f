// Dashboard map: base layer, agreement zones and incidents coloured by ruling, all fetched from
// this app's own API (no tiles, nothing off the origin). Text goes in with textContent only.
(function () {
  "use strict";
  var COLOURS = {
    violation: "#c62828", disputed: "#ef6c00", undetermined: "#8e6c00",
    permitted_excluded_target: "#2e7d32", perpetrator_not_party: "#6a1b9a",
    out_of_scope: "#607d8b", not_in_force: "#9e9e9e", none: "#455a64"
  };
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true }).setView([35.0, 38.5], 6.5);
  map.attributionControl.setPrefix("Leaflet");
  var incidents = L.layerGroup().addTo(map);

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p.id);
    link.textContent = (p.type || "incident").replace(/_/g, " ") + (p.place ? " in " + p.place : "");
    box.appendChild(link);
    [["date", p.date], ["perpetrator", p.perpetrator], ["ruling", (p.ruling || "").replace(/_/g, " ")],
     ["grade", p.grade || "ungraded"]].forEach(function (pair) {
      var line = document.createElement("div");
      line.textContent = pair[0] + ": " + (pair[1] || "unknown");
      box.appendChild(line);
    });
    return box;
  }

  function loadIncidents(query) {
    var url = el.dataset.incidentsUrl + (query ? "?" + query : "");
    return getJSON(url).then(function (data) {
      incidents.clearLayers();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        var colour = COLOURS[p.ruling] || COLOURS.none;
        L.circleMarker([c[1], c[0]], {
          radius: 6, color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.9,
          className: "incident ruling-" + p.ruling
        }).bindPopup(popup(p)).addTo(incidents);
      });
      el.dataset.count = String(data.features.length);
      if (status) { status.textContent = data.features.length + " incidents with coordinates on the map."; }
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
  }).catch(function () { /* no base layer shipped: the map still shows incidents */ });

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
    L.control.layers(null, { "Agreement and regime zones": zones, "Incidents": incidents }).addTo(map);
  }).catch(function (e) { if (status) { status.textContent = String(e); } });

  loadIncidents(el.dataset.query).catch(function (e) { if (status) { status.textContent = String(e); } });

  // Filtering redraws the map in place; the form still works as a plain GET without script.
  var form = document.getElementById("map-filters");
  if (form) {
    var apply = function (event) {
      if (event) { event.preventDefault(); }
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (value) { params.append(key, value); } });
      var query = params.toString();
      history.replaceState(null, "", "/" + (query ? "?" + query : ""));
      loadIncidents(query).catch(function (e) { if (status) { status.textContent = String(e); } });
    };
    form.addEventListener("submit", apply);
    form.addEventListener("change", apply);
  }

  // Live pages (live.js): events or rulings changed, so redraw with the filters in force.
  document.addEventListener("trucewatch:live", function () {
    loadIncidents(window.location.search.slice(1)).catch(function () {});
  });
})();
