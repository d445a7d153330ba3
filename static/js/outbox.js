// Never lose a win to a bad connection: a new win posted while offline (or
// whose sending fails on the way) is kept on this device — its text and files,
// with the form's token — and sent when the connection is back (the "online"
// event, or the next time a page opens). The form's token makes the server
// save it once however often it is sent. Until then every page says how many
// wins are waiting. Kept per person; signing out empties the device's storage.
(function () {
  "use strict";

  const STORE = "outbox";
  const user = document.querySelector("meta[name=winsboard-user]")?.content;
  let sending = false;

  function database() {
    return new Promise(function (resolve, reject) {
      const request = indexedDB.open("winsboard-outbox", 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function run(mode, action) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        const transaction = db.transaction(STORE, mode);
        const result = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(result && result.result);
        transaction.onerror = () => reject(transaction.error);
      });
    });
  }

  function mine() {
    return new Promise(function (resolve, reject) {
      database().then(function (db) {
        const found = [];
        const cursor = db.transaction(STORE, "readonly").objectStore(STORE).openCursor();
        cursor.onsuccess = function () {
          const at = cursor.result;
          if (!at) return resolve(found);
          if (at.value.user === user) found.push({ key: at.key, item: at.value });
          at.continue();
        };
        cursor.onerror = () => reject(cursor.error);
      }, reject);
    });
  }

  function announce(text, level) {
    const region = document.querySelector(".messages");
    if (!region) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-" + (level || "success");
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    region.append(alert);
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
    banner.textContent = count + (count === 1 ? " win" : " wins") +
      " waiting to send. Kept on this phone: it goes as soon as you're back online.";
  }

  function refresh() {
    return mine().then((found) => showWaiting(found.length));
  }

  function keep(form, submitter) {
    const entries = Array.from(new FormData(form, submitter).entries());
    const headline = form.querySelector("[name=headline]")?.value || "Your win";
    const item = { user: user, savedAt: Date.now(), action: form.action || window.location.pathname, headline: headline, entries: entries };
    return run("readwrite", (store) => store.add(item)).then(refresh);
  }

  function send(entry) {
    const body = new FormData();
    const token = document.querySelector("input[name=csrfmiddlewaretoken]")?.value;
    entry.item.entries.forEach(function ([name, value]) {
      body.append(name, name === "csrfmiddlewaretoken" && token ? token : value);
    });
    return fetch(entry.item.action, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Winsboard-Upload": "1" } })
      .then(function (response) {
        const type = response.headers.get("Content-Type") || "";
        if (response.ok && type.includes("application/json")) {
          return run("readwrite", (store) => store.delete(entry.key)).then(function () {
            announce("Your win “" + entry.item.headline + "” was sent. Thank you for sharing it!");
          });
        }
        if (response.status === 400) {
          // The server found something to fix: it waits as a draft on the post form.
          return run("readwrite", (store) => store.delete(entry.key)).then(function () {
            announce("Your win “" + entry.item.headline + "” needs a fix before it can be posted: open Post a win to finish it.", "warning");
            document.dispatchEvent(new CustomEvent("winsboard:needs-fix", { detail: entry.item }));
          });
        }
        return null; // busy, signed out, …: kept for the next try
      });
  }

  function sendAll() {
    if (sending || !navigator.onLine || !user) return Promise.resolve();
    sending = true;
    return mine()
      .then((found) => found.reduce((previous, entry) => previous.then(() => send(entry).catch(() => null)), Promise.resolve()))
      .finally(function () {
        sending = false;
        refresh();
      });
  }

  window.Winsboard = window.Winsboard || {};
  window.Winsboard.outbox = { keep: keep, sendAll: sendAll };

  if (!("indexedDB" in window) || !user) return;
  window.addEventListener("online", sendAll);
  document.addEventListener("DOMContentLoaded", function () {
    refresh().then(sendAll).catch(() => {});
  });
})();
