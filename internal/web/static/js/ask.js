// Ask for help: keeps the two dates of the form in order while someone
// picks them. The server checks the same and says so next to the field;
// this only saves a round trip. Without JavaScript nothing is lost.
(function () {
  "use strict";
  var from = document.getElementById("f-needed_from");
  var by = document.getElementById("f-needed_by");
  if (!from || !by) { return; }

  function follow() {
    if (!from.value) { return; }
    by.min = from.value;
    // ISO dates compare as text.
    if (by.value && by.value < from.value) { by.value = from.value; }
  }
  from.addEventListener("change", follow);
  follow();
}());
