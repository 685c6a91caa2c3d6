// Admin pages: a map on which to put a point (a new place, the centre of a
// new community) and a button that copies an invitation link. Both only
// enhance: without this script the point is typed as two coordinates and
// the link is selected and copied by hand.
(function () {
  "use strict";

  function num(s) { var x = parseFloat(String(s).replace(",", ".")); return isFinite(x) ? x : null; }

  // pointMap turns [data-point-map] into a map. A click (or Enter, for the
  // middle of the map) puts the pin and fills the latitude and longitude
  // fields beside it; typing in those fields moves the pin.
  function pointMap(el) {
    var box = el.closest("fieldset");
    var lat = box.querySelector("[data-point-lat]");
    var lng = box.querySelector("[data-point-lng]");
    var form = box.closest("form");
    var radiusInput = form ? form.querySelector("[data-point-radius]") : null;
    var d = el.dataset;
    var center = L.latLng(num(d.centerLat), num(d.centerLng));

    el.hidden = false;
    el.tabIndex = 0;
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", d.labelMap);
    var map = L.map(el, { scrollWheelZoom: false });
    if (d.tiles) {
      L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
    } else {
      el.classList.add("location-map-blank");
    }
    var km = num(d.radiusKm);
    if (km) {
      // The view first: a circle knows its bounds only once on a map with one.
      map.fitBounds(center.toBounds(km * 2000));
      L.circle(center, { radius: km * 1000, interactive: false, fill: false, weight: 2 }).addTo(map);
    } else {
      map.setView(center, num(d.zoom) || 12);
    }

    var marker = null, reach = null;
    function typed() {
      var a = num(lat.value), b = num(lng.value);
      return a === null || b === null ? null : L.latLng(a, b);
    }
    function drawReach(at) {
      if (reach) { map.removeLayer(reach); reach = null; }
      var r = radiusInput ? num(radiusInput.value) : null;
      if (at && r) { reach = L.circle(at, { radius: r * 1000, interactive: false, weight: 1 }).addTo(map); }
    }
    function show(at) {
      if (!at) { return; }
      if (!marker) {
        marker = L.marker(at, { draggable: true, keyboard: true, title: d.labelMap, alt: d.labelMap }).addTo(map);
        marker.on("dragend", function () { pin(marker.getLatLng()); });
      } else {
        marker.setLatLng(at);
      }
      drawReach(at);
    }
    function pin(at) {
      lat.value = at.lat.toFixed(6);
      lng.value = at.lng.toFixed(6);
      show(at);
    }

    map.on("click", function (e) { pin(e.latlng); });
    el.addEventListener("keydown", function (e) {
      if ((e.key === "Enter" || e.key === " ") && e.target === el) {
        e.preventDefault();
        pin(map.getCenter());
      }
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener("change", function () {
        var at = typed();
        if (at) { show(at); map.panTo(at); }
      });
    });
    if (radiusInput) { radiusInput.addEventListener("change", function () { drawReach(typed()); }); }
    show(typed());
  }

  // copyButton shows the copy button next to an invitation link and says
  // in a live region when the link is on the clipboard.
  function copyButton(tools) {
    var source = document.querySelector("[data-copy-source]");
    var button = tools.querySelector("[data-copy-button]");
    var status = tools.querySelector("[data-copy-status]");
    if (!source || !navigator.clipboard) { return; }
    tools.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = status.dataset.copied;
      }, function () {
        source.select();
      });
    });
  }

  if (window.L) { document.querySelectorAll("[data-point-map]").forEach(pointMap); }
  document.querySelectorAll("[data-copy-tools]").forEach(copyButton);
})();
