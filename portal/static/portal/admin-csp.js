/* Starts the Wagtail admin widgets that Wagtail itself starts with an inline <script>, which the
 * Content-Security-Policy forbids (issue 11). Our template overrides (portal/templates/wagtailadmin/) leave a
 * <span hidden data-portaal-init="..."> instead; this file, served from 'self', starts them on page load and
 * whenever Wagtail inserts new ones (an inline panel's "add" button). Only these names are ever called. */
(function () {
  "use strict";
  var FUNCTIES = { initDateChooser: 1, initTimeChooser: 1, initDateTimeChooser: 1 };
  // Constructors taking (options) and those taking (id, options): the inline panels and the choosers.
  var KLASSEN = { InlinePanel: 1, MultipleChooserPanel: 1, PageChooser: 1, SnippetChooser: 1, ImageChooser: 1,
                  DocumentChooser: 1, Chooser: 1, TaskChooser: 1 };

  function start(el) {
    if (el.dataset.portaalGestart) return;
    el.dataset.portaalGestart = "1";
    var naam = el.dataset.portaalInit;
    var opties = el.dataset.opties ? JSON.parse(el.dataset.opties) : {};
    if (FUNCTIES[naam] && typeof window[naam] === "function") {
      window[naam](el.dataset.doel, opties);
    } else if (KLASSEN[naam] && typeof window[naam] === "function") {
      if (el.dataset.doel) new window[naam](el.dataset.doel, opties);
      else new window[naam](opties);
    }
  }

  function binnen(wortel) {
    if (wortel.nodeType !== 1) return;
    if (wortel.matches("[data-portaal-init]")) start(wortel);
    wortel.querySelectorAll("[data-portaal-init]").forEach(start);
  }

  function begin() {
    binnen(document.body);
    new MutationObserver(function (mutaties) {
      mutaties.forEach(function (m) { m.addedNodes.forEach(binnen); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
