// Live pages: when the server says events or rulings changed, refresh the page's live parts
// (elements with data-live) in place, from a fresh copy of the same page. No reload, no scroll.
// The refresh itself is window.trucewatchRefreshLive(url): the map's day control uses it too.
(function () {
  "use strict";
  function refreshLive(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(url + ": " + r.status)); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var next = el.id && fresh.getElementById(el.id);
          if (next) el.replaceWith(document.importNode(next, true));
        });
      });
  }
  window.trucewatchRefreshLive = refreshLive;

  if (!window.EventSource || !document.querySelector("[data-live]")) return;
  var source = new EventSource("/live/stream");
  var busy = false;
  source.addEventListener("changed", function () {
    if (busy) return;
    busy = true;
    refreshLive(window.location.href)
      .then(function () { document.dispatchEvent(new CustomEvent("trucewatch:live")); })
      .catch(function () {})
      .then(function () { busy = false; });
  });
})();
