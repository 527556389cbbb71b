/* Upload with a progress bar (XMLHttpRequest upload progress). Without JavaScript the form posts normally.
   The server answers JSON to requests marked X-Requested-With; errors are shown next to the form and
   nothing else on the page is lost. Also polls "wordt gecontroleerd" labels until the check is done. */
(function () {
  "use strict";
  function toon(status, tekst, fout) {
    if (!status) return;
    status.textContent = tekst;
    status.className = fout ? "melding melding--error" : "";
  }
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      e.preventDefault();
      var balk = form.querySelector("[data-voortgang]");
      var status = form.querySelector("[data-uploadstatus]");
      var knoppen = form.querySelectorAll("button");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable && balk) {
          balk.hidden = false;
          balk.value = Math.round((ev.loaded / ev.total) * 100);
          toon(status, "Uploaden: " + balk.value + "%", false);
        }
      });
      xhr.addEventListener("load", function () {
        knoppen.forEach(function (b) { b.disabled = false; });
        var antwoord = null;
        try { antwoord = JSON.parse(xhr.responseText); } catch (err) { antwoord = null; }
        if (antwoord && antwoord.ok) {
          toon(status, antwoord.bericht || "Geüpload.", false);
          window.location.href = antwoord.redirect;
        } else if (antwoord && antwoord.fouten) {
          if (balk) balk.hidden = true;
          toon(status, antwoord.fouten.join(" "), true);
        } else {
          toon(status, "Het uploaden is mislukt (" + xhr.status + "). Probeer het opnieuw.", true);
        }
      });
      xhr.addEventListener("error", function () {
        knoppen.forEach(function (b) { b.disabled = false; });
        toon(status, "De verbinding is verbroken tijdens het uploaden. Probeer het opnieuw.", true);
      });
      knoppen.forEach(function (b) { b.disabled = true; });
      xhr.send(new FormData(form));
    });
  });
  document.querySelectorAll("[data-status-url]").forEach(function (label) {
    if (label.textContent.trim() !== "Wordt gecontroleerd") return;
    var pogingen = 0;
    var timer = window.setInterval(function () {
      pogingen += 1;
      var xhr = new XMLHttpRequest();
      xhr.open("GET", label.getAttribute("data-status-url"));
      xhr.addEventListener("load", function () {
        try {
          var s = JSON.parse(xhr.responseText);
          label.textContent = s.label;
          if (s.controle !== "bezig") {
            label.className = "label " + (s.controle === "in_orde" ? "label--ok" : "label--fout");
            window.clearInterval(timer);
          }
        } catch (err) { window.clearInterval(timer); }
      });
      xhr.send();
      if (pogingen > 60) window.clearInterval(timer);
    }, 3000);
  });
})();
