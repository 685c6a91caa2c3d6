// Becoming a volunteer, one step at a time. Without this script the form
// is one long page with a heading per step, and works the same: the script
// only hides the steps that are not being answered and adds buttons to move
// between them. The server never knows the difference.
(function () {
  "use strict";
  var form = document.querySelector("[data-volunteer-steps]");
  if (!form) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll(".step"));
  if (steps.length < 2) { return; }

  function show(index, focus) {

    steps.forEach(function (step, i) { step.classList.toggle("step-hidden", i !== index); });
    // A map drawn while its step was hidden needs to measure itself again.
    window.dispatchEvent(new Event("resize"));
    if (focus) {
      var heading = steps[index].querySelector("h2");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  function button(text, kind, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button " + kind;
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  steps.forEach(function (step, i) {
    var bar = document.createElement("div");
    bar.className = "step-buttons";
    if (i < steps.length - 1) {
      bar.appendChild(button(form.dataset.next, "button-primary", function () { show(i + 1, true); }));
    }
    if (i > 0) {
      bar.appendChild(button(form.dataset.back, "button-quiet", function () { show(i - 1, true); }));
    }
    step.appendChild(bar);
  });

  // The step of an element, so that a link to it opens its step.
  function stepOf(el) {
    for (var i = 0; i < steps.length; i++) {
      if (steps[i].contains(el)) { return i; }
    }
    return -1;
  }

  // The links of the error summary lead to fields that may be in a
  // hidden step: open that step first.
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function () {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      var i = target ? stepOf(target) : -1;
      if (i >= 0) { show(i, false); }
    });
  });

  // A form that came back with errors opens at the first step with one.
  var invalid = form.querySelector(".field-invalid");
  show(invalid ? Math.max(0, stepOf(invalid)) : 0, false);
})();
