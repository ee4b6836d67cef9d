// Wegwijs service worker: the app keeps working with no network after one visit.
//
// `xtask precache` writes this file into dist/ with BUILD (a hash over the build's files) and
// FILES (every file of the build with its hash and brotli size) filled in; a browser compares
// the worker byte for byte, so any change to any file of a build is an update.
//
// One cache per build ("wegwijs-<BUILD>") holds the shell, code, style and the content of that
// build together, each file checked against its hash, so one build's wasm never meets another
// build's content. A language is two files, its index (`/content/lang/<code>.json`) and the rest
// of its words (`/content/more/<code>.json`). The languages a person uses are added to it as they
// are fetched; an update
// copies the same languages from the new build before it may take over, and the old build's
// cache is removed only once the new worker controls the page.
'use strict';

const BUILD = '';
const FILES = [];

const CACHE = `wegwijs-${BUILD}`;
const LANG = /^\/content\/(?:lang|more)\/([a-z]+)\.json$/;
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 3000;
const byUrl = new Map(FILES.map((f) => [f.url, f]));
const core = FILES.filter((f) => !LANG.test(f.url));

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Fetches one file of this build from the network, past the HTTP cache, and stores it only when
// its bytes are the ones this build lists: a server already on a newer build fails the check.
async function fetchChecked(cache, file) {
  await storeChecked(cache, file, await fetch(file.url, { cache: 'no-cache' }));
}

async function storeChecked(cache, file, response) {
  if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
  const body = await response.clone().arrayBuffer();
  if ((await sha256(body)) !== file.rev) throw new Error(`${file.url}: not the file of build ${BUILD}`);
  await cache.put(file.url, response);
}

// The languages kept by any build's cache on this phone.
async function keptLanguages() {
  const codes = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith('wegwijs-')) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const match = LANG.exec(new URL(request.url).pathname);
      if (match) codes.add(match[1]);
    }
  }
  return codes;
}

async function keep(codes) {
  const cache = await caches.open(CACHE);
  const wanted = [...codes].flatMap((code) => [`/content/lang/${code}.json`, `/content/more/${code}.json`])
    .map((url) => byUrl.get(url)).filter(Boolean);
  const missing = [];
  for (const file of wanted) {
    if (!(await cache.match(file.url))) missing.push(file);
  }
  await Promise.all(missing.map((file) => fetchChecked(cache, file)));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(core.map((file) => fetchChecked(cache, file)));
    // What the person kept with the build before stays on the phone with this one.
    await keep(await keptLanguages());
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.clients.claim();
    for (const name of await caches.keys()) {
      if (name.startsWith('wegwijs-') && name !== CACHE) await caches.delete(name);
    }
  })());
});

self.addEventListener('message', (event) => {
  const { type, codes } = event.data ?? {};
  const reply = (message) => event.ports[0]?.postMessage(message);
  if (type === 'activate') {
    self.skipWaiting();
  } else if (type === 'keep' && Array.isArray(codes)) {
    event.waitUntil(keep(codes).then(() => reply({ ok: true }), (e) => reply({ ok: false, error: String(e) })));
  } else if (type === 'languages') {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      // One entry per language, its two files together: kept when both are.
      const byCode = new Map();
      for (const file of FILES) {
        const match = LANG.exec(file.url);
        if (!match) continue;
        const entry = byCode.get(match[1]) ?? { code: match[1], size: 0, kept: true };
        entry.size += file.size;
        entry.kept &&= Boolean(await cache.match(file.url));
        byCode.set(match[1], entry);
      }
      reply({ ok: true, languages: [...byCode.values()] });
    })());
  }
});

async function fromCache(request) {
  return (await caches.open(CACHE)).match(request, { ignoreSearch: true, ignoreVary: true });
}

// Pages: the network's answer when it comes within 3 s, else this build's shell (every address
// of the app is the same shell; the app reads the address itself).
async function navigate(request) {
  const network = fetch(request);
  network.catch(() => {});
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response && response.ok) return response;
  } catch {
    // Offline: the shell below.
  }
  const shell = await fromCache(SHELL);
  return shell ?? network;
}

// A language: from this build's cache; else fetched, checked and kept for next time.
async function language(request, file) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  // A language of another build is shown (it is what the server has) but not kept.
  storeChecked(await caches.open(CACHE), file, response.clone()).catch(() => {});
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  const file = byUrl.get(url.pathname);
  if (!file) return;
  if (LANG.test(url.pathname)) {
    event.respondWith(language(request, file));
    return;
  }
  event.respondWith(fromCache(request).then((cached) => cached ?? fetch(request)));
});
