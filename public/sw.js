// The CCMEX service worker: keeps the public agenda readable offline.
//
// Agenda pages (/agenda, /agenda/changements, /sessions/N/agenda) are fetched from the
// network first and the latest copy is kept; without network the kept copy is shown (it
// says when the agenda was last updated). The site's hashed assets (/pkg/…) are kept too,
// so the copy is styled and still hydrates. Nothing else is intercepted: the live stream,
// forms, the workspace and every other page always go to the network.
const CACHE = "ccmex-agenda-v1";
const AGENDA = /^\/(agenda(\/changements)?|sessions\/\d+\/agenda)\/?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (AGENDA.test(url.pathname) && request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/pkg/")) {
    // Network first here too (the browser's HTTP cache still answers hashed files):
    // a kept copy must never hide a newer build.
    event.respondWith(networkFirst(request));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}
