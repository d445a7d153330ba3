// Never lose a win to a bad connection: a new win posted while offline (or
// whose sending fails on the way) is kept on this device — its text and files,
// with the form's token — and sent when the connection is back (the "online"
// event, or the next time a page opens). The form's token makes the server
// save it once however often it is sent. Until then every page says how many
// wins are waiting. Kept per person; signing out empties the device's storage.
(function () {
  "use strict";

  const user = document.querySelector("meta[name=winsboard-user]")?.content;
  const core = window.WinsboardOutbox;
  let sending = false;

  function announce(text, level) {
    window.Winsboard.announce(text, level || "success"); // site.js
  }

  function showWaiting(count) {
    let banner = document.querySelector("[data-outbox-waiting]");
    if (!count) {
      if (banner) banner.remove();
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "alert alert-warning";
      banner.setAttribute("data-outbox-waiting", "");
      document.querySelector(".messages")?.prepend(banner);
    }
    banner.textContent = interpolate(ngettext(
      "%(count)s win waiting to send. Kept on this phone: it goes as soon as you're back online.",
      "%(count)s wins waiting to send. Kept on this phone: they go as soon as you're back online.",
      count), { count: count }, true);
  }

  function refresh() {
    return core.kept(user).then((found) => showWaiting(found.length));
  }

  function keep(form, submitter) {
    const entries = Array.from(new FormData(form, submitter).entries());
    const headline = form.querySelector("[name=headline]")?.value || gettext("Your win");
    const item = { user: user, savedAt: Date.now(), action: form.action || window.location.pathname, headline: headline, entries: entries };
    return core.add(item).then(function () {
      // Where the browser has Background Sync, the service worker sends it even if the page is closed.
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker.ready.then((registration) => registration.sync && registration.sync.register("winsboard-outbox")).catch(() => {});
      }
      return refresh();
    });
  }

  function send(entry) {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]")?.value;
    return core.send(entry, token).then(function (outcome) {
      if (outcome === "sent") {
        // Translators: %(headline)s is the win's headline, as its author typed it.
        announce(interpolate(gettext("Your win “%(headline)s” was sent. Thank you for sharing it!"), { headline: entry.item.headline }, true));
      } else if (outcome === "refused") {
        // The server found something to fix: it waits as a draft on the post form (draft.js).
        announce(interpolate(gettext("Your win “%(headline)s” needs a fix before it can be posted: open Post a win to finish it."), { headline: entry.item.headline }, true), "warning");
        document.dispatchEvent(new CustomEvent("winsboard:needs-fix", { detail: entry.item }));
      }
    });
  }

  function sendAll() {
    if (sending || !navigator.onLine || !user) return Promise.resolve();
    sending = true;
    return core.kept(user)
      .then((found) => found.reduce((previous, entry) => previous.then(() => send(entry).catch(() => null)), Promise.resolve()))
      .finally(function () {
        sending = false;
        refresh();
      });
  }

  window.Winsboard = window.Winsboard || {};
  window.Winsboard.outbox = { keep: keep, sendAll: sendAll };

  if (!("indexedDB" in window) || !user || !core) return;
  window.addEventListener("online", sendAll);
  // The service worker sent one (Background Sync): the count here follows.
  navigator.serviceWorker?.addEventListener("message", (event) => event.data === "outbox-changed" && refresh());
  document.addEventListener("DOMContentLoaded", function () {
    refresh().then(sendAll).catch(() => {});
  });
})();
