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
// - Screens loaded on demand (a teacher's visit screens) are not in everyone's shell; the page asks ("keep") for the
//   ones its user needs offline. The list is remembered, so every later shell on this phone holds them too.

const VERSION = "0"; // replaced by the server
const SHELL_CACHE = `vaktaal-shell-${VERSION}`;
const AUDIO_CACHE = "vaktaal-audio";
const NAVIGATION_TIMEOUT = 6000;
const KEEP_CACHE = "vaktaal-keep";
const KEEP_LIST = "/keep-list";

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
  const seen = await precacheFrom(ENTRY, (url) => precacheOne(cache, url));
  // What the page asked to keep (a teacher's visit screens): a file gone since then never stops an update.
  const kept = (await keptUrls()).filter((url) => !seen.has(url));
  await precacheFrom(kept, (url) => precacheOne(cache, url).catch(() => []), seen);
  return seen;
}

// Store `entries` and every shell file they refer to (`store(url)` returns those), each once.
async function precacheFrom(entries, store, seen = new Set()) {
  for (const url of entries) seen.add(url);
  let wave = [...entries];
  while (wave.length) {
    const found = await Promise.all(wave.map(store));
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

async function keptUrls() {
  if (!(await caches.has(KEEP_CACHE))) return [];
  const response = await (await caches.open(KEEP_CACHE)).match(KEEP_LIST);
  return response ? response.json() : [];
}

// The page asked to keep these modules (and what they import) for use offline: remember them, and store what the
// shell does not hold yet.
async function keep(urls) {
  const list = [...new Set([...(await keptUrls()), ...urls])];
  const body = new Response(JSON.stringify(list), { headers: { "Content-Type": "application/json" } });
  await (await caches.open(KEEP_CACHE)).put(KEEP_LIST, body);
  const cache = await caches.open(SHELL_CACHE);
  await precacheFrom(urls, async (url) => ((await cache.match(url)) ? [] : precacheOne(cache, url)));
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

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === "string" && /^\/static\/js\/[\w-]+\.js$/.test(url));
  event.waitUntil(keep(urls).catch(() => {}));
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
