// Post an opportunity: an "add a shift" button below the single shifts,
// which copies the last row with the next number and empty fields. The
// server reads every row it is sent and shows them all again when
// something needs fixing. Without JavaScript the form has three rows.
(function () {
  "use strict";
  var group = document.querySelector("[data-shift-rows]");
  if (!group) { return; }
  var max = parseInt(group.getAttribute("data-max"), 10) || 20;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  var add = document.createElement("button");
  add.type = "button";
  add.className = "button button-quiet";
  add.textContent = group.getAttribute("data-label-add");

  function rows() { return group.querySelectorAll(".shifts-row"); }

  // renumber rewrites "shift3." to "shift4." in an attribute.
  function renumber(el, attr, n) {
    var v = el.getAttribute(attr);
    if (v) { el.setAttribute(attr, v.replace(/shift\d+\./g, "shift" + n + ".")); }
  }

  function addRow() {
    var all = rows();
    var n = all.length + 1;
    if (n > max) { return; }
    var row = all[all.length - 1].cloneNode(true);
    row.querySelector("legend").textContent = group.getAttribute("data-legend").replace("#", String(n));
    row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    row.querySelectorAll(".field-invalid").forEach(function (e) { e.classList.remove("field-invalid"); });
    row.querySelectorAll("label").forEach(function (l) { renumber(l, "for", n); });
    row.querySelectorAll("input").forEach(function (input) {
      renumber(input, "id", n);
      renumber(input, "name", n);
      input.value = "";
      // The rows' fields have no hints; what they described were errors.
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    all[all.length - 1].after(row);
    status.textContent = group.getAttribute("data-label-added").replace("#", String(n));
    row.querySelector("input").focus();
    if (n >= max) { add.hidden = true; }
  }

  add.addEventListener("click", addRow);
  group.appendChild(add);
  group.appendChild(status);
  if (rows().length >= max) { add.hidden = true; }
}());
