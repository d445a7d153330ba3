// Cheers in place, on top of htmx (the Cheer button is also a plain form
// that works without JavaScript):
// - after a cheer, says the new count aloud ("Ana and 3 others cheered") in
//   a polite live region, since the swapped-in line is new to the page;
// - a refused cheer (403, 400) or a lost connection is told in the page's
//   live region (.messages), with the server's own words when it sent some;
// - a redirect (an expired sign-in) is followed instead of swapping a whole
//   page into the card;
// - for every htmx request (curation too): a lost connection is told in the
//   page's live region; `window.Winsboard.announce(text)` tells anything
//   else there (static/js/curation.js uses it; this file loads first).
(function () {
  "use strict";

  function fromCheer(event) {
    const elt = event.detail && event.detail.elt;
    return Boolean(elt && elt.closest && elt.closest("[data-celebrate]"));
  }

  let live = null;

  function politeRegion() {
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("data-cheer-live", "");
      document.body.appendChild(live);
    }
    return live;
  }

  function announce(text) {
    const region = document.querySelector(".messages");
    if (!region) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", "Close");
    alert.appendChild(close);
    region.replaceChildren(alert);
  }

  window.Winsboard = Object.assign(window.Winsboard || {}, { announce: announce });

  document.addEventListener("DOMContentLoaded", politeRegion);

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!fromCheer(event)) return;
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

  // Fired on the element swapped in (the cheer line, or the win page's cheers panel).
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.target;
    if (!target || !target.querySelector) return;
    const summary = target.querySelector("[data-cheer-summary]");
    const button = target.querySelector("button[aria-pressed]");
    if (!summary || !button) return;
    const state = button.getAttribute("aria-pressed") === "true" ? "You cheered. " : "Cheer taken back. ";
    politeRegion().textContent = state + summary.textContent.trim();
  });

  document.addEventListener("htmx:responseError", function (event) {
    if (!fromCheer(event)) return;
    const xhr = event.detail.xhr;
    const status = xhr ? xhr.status : 0;
    const type = xhr ? xhr.getResponseHeader("Content-Type") || "" : "";
    if (type.indexOf("text/plain") === 0 && xhr.responseText) {
      announce(xhr.responseText.slice(0, 300));
    } else if (status === 404) {
      announce("That win is no longer shared. Reload the page.");
    } else {
      announce("That didn't work (error " + status + "). Reload the page and try again.");
    }
  });

  document.addEventListener("htmx:sendError", function () {
    announce("Winsboard could not be reached. Check your connection and try again.");
  });
})();
