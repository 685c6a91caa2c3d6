// Location picker: turns the "location" fieldset into a map on which a
// person drops a pin. Without this script the same fieldset works as a
// choice of named places plus typed coordinates; the script only fills
// those same fields, so the server sees one kind of form either way.
(function () {
  "use strict";
  if (!window.L) { return; }

  function num(s) { var x = parseFloat(String(s).replace(",", ".")); return isFinite(x) ? x : null; }
  function fixed(x) { return x.toFixed(6); }

  function setup(el) {
    var box = el.closest("fieldset");
    var select = box.querySelector("[data-location-place]");
    var lat = box.querySelector("[data-location-lat]");
    var lon = box.querySelector("[data-location-lon]");
    var form = box.closest("form");
    var radiusInput = form ? form.querySelector("[data-location-radius]") : null;
    var d = el.dataset;
    var center = L.latLng(num(d.centerLat), num(d.centerLng));

    el.hidden = false;
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", d.labelMap);
    var map = L.map(el, { scrollWheelZoom: false });
    if (d.tiles) {
      L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
    } else {
      el.classList.add("location-map-blank");
    }
    var area = L.circle(center, { radius: num(d.radiusKm) * 1000, interactive: false, fill: false, weight: 2 });
    area.addTo(map);
    map.fitBounds(area.getBounds());

    var marker = null;
    var reach = null;

    function drawReach(at) {
      if (reach) { map.removeLayer(reach); reach = null; }
      var km = radiusInput ? num(radiusInput.value) : null;
      if (at && km) {
        reach = L.circle(at, { radius: km * 1000, interactive: false, weight: 1 }).addTo(map);
      }
    }
    function placeMarker(at) {
      if (!marker) {
        marker = L.marker(at, { draggable: true, keyboard: true, title: d.labelPin, alt: d.labelPin }).addTo(map);
        marker.on("dragend", function () { pin(marker.getLatLng()); });
      } else {
        marker.setLatLng(at);
      }
    }
    function removeMarker() {
      if (marker) { map.removeLayer(marker); marker = null; }
    }
    // pin records a point as the chosen location, in the same fields a
    // person without JavaScript fills by hand.
    function pin(at) {
      placeMarker(at);
      lat.value = fixed(at.lat);
      lon.value = fixed(at.lng);
      select.value = "pin";
      drawReach(at);
    }
    function chosenPlace() {
      var opt = select.options[select.selectedIndex];
      if (!opt || !opt.dataset.lat) { return null; }
      return L.latLng(num(opt.dataset.lat), num(opt.dataset.lng));
    }
    function showChoice(zoom) {
      var place = chosenPlace();
      var typed = (num(lat.value) !== null && num(lon.value) !== null) ? L.latLng(num(lat.value), num(lon.value)) : null;
      if (select.value === "pin" && typed) {
        placeMarker(typed);
        drawReach(typed);
        if (zoom) { map.setView(typed, 15); }
      } else if (place) {
        removeMarker();
        drawReach(place);
        if (zoom) { map.setView(place, 14); }
      } else {
        removeMarker();
        drawReach(null);
      }
    }

    map.on("click", function (e) { pin(e.latlng); });
    // Keyboard users pan with the arrow keys and drop the pin in the middle.
    el.addEventListener("keydown", function (e) {
      if ((e.key === "Enter" || e.key === " ") && e.target === el) {
        e.preventDefault();
        pin(map.getCenter());
      }
    });
    select.addEventListener("change", function () { showChoice(true); });
    lat.addEventListener("change", function () { select.value = "pin"; showChoice(true); });
    lon.addEventListener("change", function () { select.value = "pin"; showChoice(true); });
    if (radiusInput) { radiusInput.addEventListener("change", function () { showChoice(false); }); }

    var tools = document.createElement("div");
    tools.className = "location-tools";
    if (navigator.geolocation) {
      var locate = document.createElement("button");
      locate.type = "button";
      locate.className = "button button-quiet";
      locate.textContent = d.labelLocate;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          var at = L.latLng(pos.coords.latitude, pos.coords.longitude);
          pin(at);
          map.setView(at, 16);
        });
      });
      tools.appendChild(locate);
    }
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button button-quiet";
    clear.textContent = d.labelClear;
    clear.addEventListener("click", function () {
      removeMarker();
      lat.value = "";
      lon.value = "";
      if (select.value === "pin") { select.value = ""; }
      showChoice(false);
    });
    tools.appendChild(clear);
    el.insertAdjacentElement("afterend", tools);

    showChoice(true);
  }

  document.querySelectorAll("[data-location-map]").forEach(setup);
})();
