// The public map: draws the places of the list below it as clustered
// markers and keeps the list to what the map shows. Without this script
// (or without Leaflet) the list alone is the page. Without a tile server
// the markers are drawn on a blank background.
(function () {
  "use strict";
  if (!window.L || !L.markerClusterGroup) { return; }
  var area = document.querySelector("[data-map-area]");
  var el = area && area.querySelector("[data-map]");
  if (!el) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-map-item]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-map-group]"));
  var status = area.querySelector("[data-map-status]");
  var reset = area.querySelector("[data-map-reset]");
  var d = el.dataset;

  area.hidden = false;
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", d.labelMap);
  // markercluster needs a highest zoom, which a map without tiles lacks.
  var map = L.map(el, { scrollWheelZoom: false, maxZoom: 19 });
  if (d.tiles) {
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
  } else {
    el.classList.add("location-map-blank");
  }

  // Clusters, like markers, are not keyboard stops of their own (see below).
  if (L.MarkerCluster) { L.MarkerCluster.prototype.options.keyboard = false; }
  var cluster = L.markerClusterGroup();
  var points = [];
  items.forEach(function (li) {
    var lat = parseFloat(li.dataset.lat), lng = parseFloat(li.dataset.lng);
    if (!isFinite(lat) || !isFinite(lng)) { points.push(null); return; }
    var at = L.latLng(lat, lng);
    points.push(at);
    var text = li.textContent.replace(/\s+/g, " ").trim();
    // Markers are for the mouse and touch: a keyboard pans and zooms the
    // map itself (arrow keys, + and -), and the list, which follows the
    // map, holds every marker's text and link.
    var marker = L.marker(at, { title: text, alt: text, keyboard: false });
    var link = li.querySelector("a");
    var popup = document.createElement("div");
    if (link) {
      var a = document.createElement("a");
      a.href = link.getAttribute("href");
      a.textContent = text;
      popup.appendChild(a);
    } else {
      popup.textContent = text;
    }
    marker.bindPopup(popup);
    cluster.addLayer(marker);
  });

  var all = L.latLngBounds(points.filter(function (p) { return p; }));
  function fill(template, shown) {
    return template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
  }
  // sync shows in the list only what lies in the map's view.
  function sync() {
    var view = map.getBounds();
    var shown = 0;
    items.forEach(function (li, i) {
      var inView = points[i] !== null && view.contains(points[i]);
      li.hidden = !inView;
      if (inView) { shown++; }
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("[data-map-item]:not([hidden])");
    });
    status.textContent = shown === items.length ? fill(status.dataset.textAll, shown) : fill(status.dataset.textView, shown);
  }
  function showAll() {
    if (all.isValid()) {
      map.fitBounds(all, { padding: [24, 24], maxZoom: 16 });
    } else {
      map.setView([0, 0], 2);
    }
  }
  map.on("moveend", sync);
  reset.addEventListener("click", function () {
    showAll();
    items.forEach(function (li) { li.hidden = false; });
    groups.forEach(function (g) { g.hidden = false; });
    status.textContent = fill(status.dataset.textAll, items.length);
  });
  showAll();
  map.addLayer(cluster);
  sync();
  // Tests and other scripts reach the map here.
  el.mutuaMap = map;
}());
