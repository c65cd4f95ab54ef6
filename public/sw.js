// Inovasi service worker: lets pages a person has visited open without a connection.
//
// Network first, always: the server's copy is the truth and the app's files keep their names
// between releases, so serving a cached copy while online could pair an old page with new code.
// Only when the network fails (or takes longer than a slow line should make anyone wait) does
// the cached copy answer. The "new proposal" page carries no id: the wizard mints one on the
// device, so every proposal begun from the kept page, online or not, is a new one. A proposal
// begun offline has an address the cache has never seen; it opens from the kept "new proposal"
// page, which picks its id up from the address.
// Signing out empties the cache, so the next person on a shared computer sees nothing of it.
// Every page says whose it is (`X-Inovasi-Account`: an opaque tag, or `-` for nobody); when a
// page comes back for another account than the kept pages were for (another person signed in,
// or nobody any more: signed out elsewhere, the session expired), the kept pages are dropped
// before anything else is kept, so one person's pages are never served to another.
// A page may name more pages to keep in its `X-Inovasi-Offline-Pages` header (the judge's list
// names every assigned proposal's scoring page); they are fetched and kept in the background,
// with the script bundle each of them preloads: a page loads only its own islands' bundle
// (server/http/page_scripts.rs), so the list's bundle is not the one its pages need offline.

const CACHE = 'inovasi-pages-v1';
const NETWORK_TIMEOUT_MS = 4000;
const NEW_PROPOSAL = '/agency/proposals/new';
const OFFLINE_PAGES_HEADER = 'x-inovasi-offline-pages';
const PRECACHE_PARALLEL = 3;
const ACCOUNT_HEADER = 'x-inovasi-account';
// Where the account the kept pages belong to is noted (never fetched: an address of no page).
const ACCOUNT_KEY = '/__inovasi/account';

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function cacheable(request, url) {
  if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js' || url.pathname === '/healthz') return false;
  return request.mode === 'navigate' || url.pathname.startsWith('/pkg/') || url.pathname === '/favicon.svg' || url.pathname === '/print.js';
}

// The cache key of a page ignores its query (a `?error=` must not hide the page offline).
function keyOf(request, url) {
  return request.mode === 'navigate' ? url.origin + url.pathname : request;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function fromCache(request, url) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(keyOf(request, url));
  if (hit) return hit;
  if (request.mode === 'navigate' && /^\/agency\/proposals\/[0-9a-f-]{36}$/.test(url.pathname)) {
    const blank = await cache.match(url.origin + NEW_PROPOSAL);
    if (blank) return blank;
  }
  return undefined;
}

// Fetches same-site pages a page named and keeps them, a few at a time. A page that fails is
// skipped: it is fetched again the next time the naming page is opened online.
async function keepPages(list) {
  const paths = list.split(',').map((p) => p.trim()).filter((p) => p.startsWith('/') && !p.startsWith('//'));
  const cache = await caches.open(CACHE);
  let next = 0;
  async function worker() {
    while (next < paths.length) {
      const path = paths[next++];
      try {
        const response = await fetch(path, { credentials: 'same-origin' });
        if (response.ok && response.type === 'basic') {
          const html = await response.clone().text();
          await cache.put(self.location.origin + path, response);
          await keepScripts(cache, html);
        }
      } catch (error) {
        // Offline again: stop quietly.
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: PRECACHE_PARALLEL }, worker));
}

// Keeps the script files a kept page preloads (its islands' bundle). The pages of one list share
// a bundle and are fetched side by side: each file is fetched once, not once per page.
const keepingFiles = new Map();
function keepScripts(cache, html) {
  const files = new Set(Array.from(html.matchAll(/<link rel="(?:modulepreload|preload)" href="(\/pkg\/[^"]+)"/g), (m) => m[1]));
  return Promise.all(Array.from(files, (file) => {
    if (!keepingFiles.has(file)) {
      keepingFiles.set(file, keepFile(cache, file).finally(() => keepingFiles.delete(file)));
    }
    return keepingFiles.get(file);
  }));
}

// Fetched even when a copy is kept: the files keep their names between releases, and a kept page
// of this release must not come to life offline with last release's bundle (the browser's HTTP
// cache makes an unchanged file a short revalidation).
async function keepFile(cache, file) {
  const response = await fetch(file, { credentials: 'same-origin' });
  if (response.ok && response.type === 'basic') await cache.put(self.location.origin + file, response);
}

// Drops every kept page when `account` is not the one they were kept for. The app's files
// (`/pkg/`) are the same for everyone and stay.
async function followAccount(cache, account) {
  const noted = await cache.match(self.location.origin + ACCOUNT_KEY);
  const previous = noted ? await noted.text() : null;
  if (previous === account) return;
  if (previous !== null) {
    const keys = await cache.keys();
    await Promise.all(keys.filter((k) => !new URL(k.url).pathname.startsWith('/pkg/')).map((k) => cache.delete(k)));
  }
  await cache.put(self.location.origin + ACCOUNT_KEY, new Response(account));
}

async function networkFirst(event, request, url) {
  const network = fetch(request).then(async (response) => {
    const account = response.headers.get(ACCOUNT_HEADER);
    if (request.mode === 'navigate' && account !== null && response.type === 'basic') {
      await followAccount(await caches.open(CACHE), account);
    }
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(CACHE);
      await cache.put(keyOf(request, url), response.clone());
      const more = response.headers.get(OFFLINE_PAGES_HEADER);
      if (more && request.mode === 'navigate') {
        const kept = keepPages(more);
        try {
          event.waitUntil(kept);
        } catch (error) {
          // The event already ended (the cached copy answered first); the fetches run anyway.
        }
      }
    }
    return response;
  });
  try {
    return await withTimeout(network, NETWORK_TIMEOUT_MS);
  } catch (error) {
    const cached = await fromCache(request, url);
    if (cached) return cached;
    // Nothing cached: wait for the network after all, and let its failure show.
    return network;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.pathname === '/api/logout') {
    event.respondWith(caches.delete(CACHE).then(() => fetch(event.request)));
    return;
  }
  if (!cacheable(event.request, url)) return;
  event.respondWith(networkFirst(event, event.request, url));
});
