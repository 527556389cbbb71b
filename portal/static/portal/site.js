/* Site-wide behaviour without inline scripts (Content-Security-Policy, issue 11). Loaded by base.html on every page. */
(function () {
  "use strict";
  // A form marked data-eenmalig is sent once: its buttons are disabled on submit (no double inschrijving).
  document.querySelectorAll("form[data-eenmalig]").forEach(function (f) {
    f.addEventListener("submit", function () {
      f.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
  // The error summary (includes/foutsamenvatting.html, issue 12): focus moves to it when the page loads, so a
  // screen reader reads the errors first and a keyboard user tabs straight into the links to the fields.
  var samenvatting = document.querySelector("[data-foutsamenvatting]");
  if (samenvatting) {
    samenvatting.focus();
    // A link to a field focuses that field (the first input of a group of checkboxes or radios) and shows its label.
    samenvatting.addEventListener("click", function (e) {
      var link = e.target.closest("a[href^='#']");
      if (!link) { return; }
      var doel = document.getElementById(link.getAttribute("href").slice(1));
      if (!doel) { return; }
      var veld = doel.matches("input, select, textarea") ? doel : doel.querySelector("input, select, textarea");
      if (!veld) { return; }
      e.preventDefault();
      veld.focus();
      var label = document.querySelector("label[for='" + veld.id + "']");
      (label || veld).scrollIntoView({ block: "center" });
    });
  }
})();
