// Cheers in place, on top of htmx (the Cheer button is also a plain form
// that works without JavaScript):
// - after a cheer, says the new count aloud ("Ana and 3 others cheered") in
//   a polite live region, since the swapped-in line is new to the page;
// - a cheer refused because the win is gone (404) says so; other refusals,
//   a lost connection and a redirect (an expired sign-in) are handled for
//   every htmx request by static/js/site.js.
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

  document.addEventListener("DOMContentLoaded", politeRegion);

  // Fired on the element swapped in (the cheer line, or the win page's cheers panel).
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.target;
    if (!target || !target.querySelector) return;
    const summary = target.querySelector("[data-cheer-summary]");
    const button = target.querySelector("button[aria-pressed]");
    if (!summary || !button) return;
    // Pressed, the line itself says it: "You, Ana and 3 others cheered".
    const said = summary.textContent.trim();
    politeRegion().textContent = button.getAttribute("aria-pressed") === "true" ? said :
      // Translators: said aloud after someone takes their cheer back; %(summary)s is the cheers line, e.g. "Ana and 3 others cheered".
      interpolate(gettext("Cheer taken back. %(summary)s"), { summary: said }, true);
  });

  // The words static/js/site.js tells when a cheer fails (else the server's own, a text/plain refusal).
  document.addEventListener("htmx:responseError", function (event) {
    if (!fromCheer(event) || !event.detail.xhr) return;
    if (event.detail.xhr.status === 404) event.detail.failure = gettext("That win is no longer shared. Reload the page.");
  });
})();
