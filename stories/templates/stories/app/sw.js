// Winsboard's service worker ({{ version }}): keeps the app shell and the
// offline page, never a signed-in page. Rendered by stories.views.app_shell.
const SHELL_CACHE = "winsboard-shell-{{ version|escapejs }}";
const SHELL = {{ shell_json|safe }};
const OFFLINE = "{{ offline_url|escapejs }}";
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
importScripts("{{ device_store_url|escapejs }}");

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    // As a stranger fetches them (no cookies): nothing of anyone's own is kept.
    await cache.addAll([...SHELL, OFFLINE].map((url) => new Request(url, { credentials: "omit" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_PREFIX) && SHELL.includes(url.pathname)) {
    // The shell's static files: from the phone first (their names change with their content).
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  } else if (request.mode === "navigate") {
    // Pages: always from the network; offline, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  }
});

// Background Sync: wins kept while offline (outbox.js) are sent even when no
// Winsboard page is open; a win the server refuses stays for a page to show.
self.addEventListener("sync", (event) => {
  if (event.tag !== "winsboard-outbox") return;
  event.waitUntil(
    WinsboardOutbox.kept()
      .then((entries) => entries.reduce((done, entry) => done.then(() => WinsboardOutbox.send(entry, null, true)), Promise.resolve()))
      .then(() => self.clients.matchAll())
      .then((pages) => pages.forEach((page) => page.postMessage("outbox-changed")))
  );
});
