/* Site-wide behaviour without inline scripts (Content-Security-Policy, issue 11). */
(function () {
  "use strict";
  // A form marked data-eenmalig is sent once: its buttons are disabled on submit (no double inschrijving).
  document.querySelectorAll("form[data-eenmalig]").forEach(function (f) {
    f.addEventListener("submit", function () {
      f.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
})();
