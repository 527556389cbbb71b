/* The pages where a provider answers eisen (issue 12). While a form with a file is being sent the buttons are
   disabled and a status says so (no double upload). The error summary's focus is site-wide (portal/site.js). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-bezig]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      var status = form.querySelector("[data-uploadstatus]");
      var bestand = form.querySelector("input[type=file]");
      if (status && bestand && bestand.files && bestand.files.length) {
        status.textContent = "Het bestand wordt verstuurd en gecontroleerd; een ogenblik geduld.";
      }
      // Disable after the submitter's name/value went into the form data (the event runs before that).
      window.setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
