/* The pages where a provider answers eisen (issue 12). When a page comes back with errors, the focus moves to the
   error summary at the top, so a screen reader reads what went wrong and every message links to its field. While a
   form with a file is being sent the buttons are disabled and a status says so (no double upload). */
(function () {
  "use strict";
  var overzicht = document.querySelector("[data-foutoverzicht]");
  if (overzicht) overzicht.focus();
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
