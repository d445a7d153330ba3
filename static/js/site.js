// What every page shares, loaded by templates/base.html before any feature's
// script (htmx itself and its configuration: templates/includes/_htmx.html).
// - `window.Winsboard.announce(text, level)` tells something in the page's
//   live region (.messages), as an alert a person can close (a Bootstrap
//   level: "danger" unless given);
// - a redirect (e.g. an expired sign-in) is followed, once for every htmx
//   request, instead of swapping a whole page into a part of it;
// - a failed htmx request is told in that live region: a lost connection,
//   or a refusal in the words of the feature that sent it, else in the
//   server's own words (a text/plain answer), else in general words. A
//   feature gives its words from its own htmx:responseError listener on the
//   document, by setting `event.detail.failure`; this file listens on the
//   window, which the event reaches after the document, so the order the
//   scripts load in does not matter.
(function () {
  "use strict";

  function announce(text, level) {
    const region = document.querySelector(".messages");
    if (!region) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-" + (level || "danger") + " alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", gettext("Close"));
    alert.appendChild(close);
    region.replaceChildren(alert);
  }

  window.Winsboard = Object.assign(window.Winsboard || {}, { announce: announce });

  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    const config = event.detail.requestConfig;
    if (!xhr || !xhr.responseURL || !config) return;
    const asked = new URL(config.path, window.location.href);
    const answered = new URL(xhr.responseURL);
    if (asked.pathname !== answered.pathname) {
      event.detail.shouldSwap = false;
      window.location.assign(answered.href);
    }
  });

  function serverWords(xhr) {
    const type = xhr ? xhr.getResponseHeader("Content-Type") || "" : "";
    return type.indexOf("text/plain") === 0 && xhr.responseText ? xhr.responseText.slice(0, 300) : "";
  }

  window.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    const status = xhr ? xhr.status : 0;
    announce(
      event.detail.failure ||
      serverWords(xhr) ||
      // Translators: %(status)s is the HTTP status number, e.g. 500.
      interpolate(gettext("That didn't work (error %(status)s). Reload the page and try again."), { status: status }, true)
    );
  });

  window.addEventListener("htmx:sendError", function () {
    announce(gettext("Winsboard could not be reached. Check your connection and try again."));
  });
})();
