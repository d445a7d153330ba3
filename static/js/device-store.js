// What Winsboard keeps on this device, in IndexedDB: WinsboardStore opens one
// object store (drafts: draft.js); WinsboardOutbox holds the wins waiting to
// be sent and sends them, shared by the page (outbox.js) and the service worker
// (sw.js, for Background Sync). Each win is sent with its form's token, so the
// server saves it once however often — and by whichever of the two — it is sent.
/* exported WinsboardStore, WinsboardOutbox */
var WinsboardStore = function (databaseName, storeName, options) {
  "use strict";

  function database() {
    return new Promise(function (resolve, reject) {
      const request = indexedDB.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName, options);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  // `action(store)` inside one transaction; resolves to its request's result.
  function run(mode, action) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        const transaction = db.transaction(storeName, mode);
        const result = action(transaction.objectStore(storeName));
        transaction.oncomplete = () => resolve(result && result.result);
        transaction.onerror = () => reject(transaction.error);
      });
    });
  }

  return { database: database, run: run };
};

var WinsboardOutbox = (function () {
  "use strict";

  const STORE = "outbox";
  const outbox = WinsboardStore("winsboard-outbox", STORE, { autoIncrement: true });
  const database = outbox.database;
  const run = outbox.run;

  // The kept wins of `user` (every person's when `user` is undefined: the worker).
  function kept(user) {
    return new Promise(function (resolve, reject) {
      database().then(function (db) {
        const found = [];
        const cursor = db.transaction(STORE, "readonly").objectStore(STORE).openCursor();
        cursor.onsuccess = function () {
          const at = cursor.result;
          if (!at) return resolve(found);
          if (user === undefined || at.value.user === user) found.push({ key: at.key, item: at.value });
          at.continue();
        };
        cursor.onerror = () => reject(cursor.error);
      }, reject);
    });
  }

  function add(item) {
    return run("readwrite", (store) => store.add(item));
  }

  function remove(key) {
    return run("readwrite", (store) => store.delete(key));
  }

  // Send one kept win: "sent", "refused" (the form has a problem: 400; kept
  // when `keepRefused`, for a page to turn into a draft) or "kept" (offline,
  // busy, signed out…: try again later).
  function send(entry, csrfToken, keepRefused) {
    const body = new FormData();
    entry.item.entries.forEach(function ([name, value]) {
      body.append(name, name === "csrfmiddlewaretoken" && csrfToken ? csrfToken : value);
    });
    return fetch(entry.item.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Winsboard-Upload": "1" },
    }).then(function (response) {
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && type.includes("application/json")) return remove(entry.key).then(() => "sent");
      if (response.status === 400) return keepRefused ? "refused" : remove(entry.key).then(() => "refused");
      return "kept";
    }, () => "kept");
  }

  return { add: add, kept: kept, send: send };
})();
