// The service worker: the app opens and practises without a connection.
//
// - The app shell (the page, styles, scripts, icons) is cached per VERSION at install; a new VERSION installs beside
//   the old one, takes over when it is complete, and removes the old shell. VERSION is a hash of the frontend
//   files that the server writes into this file when it serves it (api/frontend.py): the browser only installs a
//   new worker when this file changes, so every change to the app reaches the phones.
// - Navigations: the network first, the cached page when there is none (or it is too slow).
// - /static/ and the manifest: the cache first.
// - Term audio (/api/terms/<id>/audio, /example-audio; versioned URLs that never change): the cache first, kept
//   across versions. No other API answer is ever cached or answered from a cache.

const VERSION = "0"; // replaced by the server
const SHELL_CACHE = `vaktaal-shell-${VERSION}`;
const AUDIO_CACHE = "vaktaal-audio";
const NAVIGATION_TIMEOUT = 6000;

// The shell is found, not listed: the page, what it links (styles, icons, the start script), the manifest's icons,
// and every module the start script imports, followed import by import.
const ENTRY = ["/", "/manifest.webmanifest"];
const LINKED = /(?:href|src)="(\/static\/[^"]+)"/g;
const IMPORTED = /(?:^|[;}\s])(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

async function download(url) {
  // "no-cache": past the browser's HTTP cache by revalidating, so a new version never stores an old file.
  const response = await fetch(new Request(url, { cache: "no-cache" }));
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

async function precacheShell(cache) {
  const seen = new Set(ENTRY);
  let wave = [...ENTRY];
  while (wave.length) {
    const found = await Promise.all(wave.map((url) => precacheOne(cache, url)));
    wave = [];
    for (const next of found.flat()) {
      if (!seen.has(next)) {
        seen.add(next);
        wave.push(next);
      }
    }
  }
  return seen;
}

// Store one shell file; returns the shell files it refers to.
async function precacheOne(cache, url) {
  const response = await download(url);
  const found = [];
  if (url === "/") {
    const html = await response.clone().text();
    for (const match of html.matchAll(LINKED)) found.push(match[1]);
  } else if (url.endsWith(".webmanifest")) {
    const manifest = await response.clone().json();
    for (const icon of manifest.icons || []) found.push(new URL(icon.src, self.location.origin).pathname);
  } else if (url.endsWith(".js")) {
    const code = await response.clone().text();
    for (const match of code.matchAll(IMPORTED)) found.push(new URL(match[1], self.location.origin + url).pathname);
  }
  await cache.put(url, response);
  return found;
}

const AUDIO_PATH = /^\/api\/terms\/\d+\/(audio|example-audio)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then(precacheShell)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("vaktaal-shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function navigation(request) {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT);
    if (response.status < 500) return response;
    throw new Error(`status ${response.status}`);
  } catch (error) {
    const cached = await caches.match("/", { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole, good answers (an audio element may ask for a range; a 206 is not stored).
  if (response.status === 200) cache.put(request, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (AUDIO_PATH.test(url.pathname) && url.searchParams.has("v")) {
    event.respondWith(cacheFirst(request, AUDIO_CACHE));
  }
  // Everything else (the API) goes to the network as if there were no service worker.
});
