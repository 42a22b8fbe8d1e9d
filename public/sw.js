// Puente's service worker: keeps a signed-in volunteer's own pages readable with no network.
// Pages that declare themselves worth keeping (<meta name="puente-offline" content="keep">: /me,
// the inbox, urgent messages, actions the person signed up for) are saved as they are visited,
// network first, in one cache named after the session that rendered them (<meta
// name="puente-viewer">). A page rendered for anyone else, or for nobody, drops that cache, and so
// does signing out (app/_shell/offline-registration.tsx). Offline, a saved page is served with its
// "saved at HH:MM" notice shown. Besides, /verify and the instance's public keys are kept for
// anyone, as a signed-out reader sees them, with the scripts /verify needs to check a signed
// announcement with no connection. Nothing else is stored but the build's public static files.
// Plain script, no build step: the pure functions at the top are unit-tested (server/offline/).

const PAGES = "puente-pages-";
const STATIC = "puente-static";
const PUBLIC = "puente-public";
/** The pages kept for anyone: checking a signed announcement, and the keys it is checked with. */
const PUBLIC_PATHS = ["/verify", "/.well-known/puente-key"];
const SAVED_AT = "x-puente-saved-at";
const KEEP_UNTIL = "x-puente-keep-until";
const STATIC_ENTRIES = 120;
/** A copy older than a session can last (30 days, server/auth.ts) is never shown. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The paths that may be kept: the person's page, the inbox, a message, an action. */
function isKeepablePath(pathname) {
  return /^\/(me|inbox|inbox\/[0-9a-f-]{36}|actions\/[0-9a-f-]{36})$/.test(pathname);
}

/** The session a page was rendered for (a hash, never the token), or null when signed out. */
function viewerOf(html) {
  const match = /<meta name="puente-viewer" content="([0-9a-f]{16,64})"\/?>/.exec(html);
  return match ? match[1] : null;
}

/** The build's scripts and styles a page loads, which it needs offline too. */
function staticFilesOf(html) {
  const files = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/_next\/static\/[^"?#]+\.(?:js|css))"/g))
    files.add(match[1]);
  return [...files];
}

function isMarkedKeep(html) {
  return /<meta name="puente-offline" content="keep"\/?>/.test(html);
}

/** Until when a page may be shown from the phone (an action's end), or null for no such limit. */
function keepUntilOf(html) {
  const match = /<meta name="puente-offline-until" content="(\d{1,15})"\/?>/.exec(html);
  return match ? Number(match[1]) : null;
}

/** Whether a copy saved at `savedAt`, kept until `until` (or null), may still be shown at `now`. */
function isShowable(savedAt, until, now) {
  return now - savedAt < MAX_AGE_MS && (until === null || now < until);
}

/** "14:05" when saved today, "14:05 (27 Nov)" otherwise, in the page's language and the phone's clock. */
function savedAtLabel(savedAt, now, lang) {
  const at = new Date(savedAt);
  let time;
  let day;
  try {
    time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
    day = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" }).format(at);
  } catch {
    time = at.toTimeString().slice(0, 5);
    day = at.toDateString();
  }
  return at.toDateString() === new Date(now).toDateString() ? time : `${time} (${day})`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/**
 * The saved page as it is shown offline: its notice (rendered hidden by the server, in the
 * reader's language, with "{time}" in its text) made visible and given the time of saving.
 */
function showSavedNotice(html, savedAt, now) {
  const lang = /<html[^>]*\slang="([a-zA-Z-]{2,12})"/.exec(html)?.[1] ?? "en";
  const label = escapeHtml(savedAtLabel(savedAt, now, lang));
  return html.replace(/<p([^>]*\sdata-saved-copy="")([^>]*)>([^<]*)<\/p>/, (_, before, after, text) => {
    const attributes = (before + after).replace(/\shidden(="")?/, "");
    return `<p${attributes}>${text.replace("{time}", label)}</p>`;
  });
}

// ---------------------------------------------------------------------------------------------

async function pageCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PAGES));
}

/** Drops every saved page, or every one not saved for `viewer`. */
async function forgetPages(viewer) {
  for (const name of await pageCaches()) {
    if (name !== PAGES + viewer) await caches.delete(name);
  }
}

/** After a page came from the network: keep it, or drop what it shows should no longer be kept. */
async function remember(url, response) {
  if (response.type !== "basic" || !(response.headers.get("content-type") ?? "").includes("text/html"))
    return;
  const html = await response.text();
  const viewer = viewerOf(html);
  await forgetPages(viewer);
  if (!viewer) return;
  const cache = await caches.open(PAGES + viewer);
  if (!response.ok || url.search || !isKeepablePath(url.pathname) || !isMarkedKeep(html)) {
    // No longer kept (a signup cancelled, say): the older copy goes too.
    if (response.ok && !url.search) await cache.delete(url.pathname);
    return;
  }
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  const until = keepUntilOf(html);
  if (until !== null) headers.set(KEEP_UNTIL, String(until));
  await cache.put(url.pathname, new Response(html, { status: 200, headers }));
}

async function savedCopy(url) {
  if (!isKeepablePath(url.pathname)) return undefined;
  const [name] = await pageCaches();
  if (!name) return undefined;
  const cache = await caches.open(name);
  const saved = await cache.match(url.pathname);
  if (!saved) return undefined;
  const savedAt = Number(saved.headers.get(SAVED_AT));
  const until = saved.headers.has(KEEP_UNTIL) ? Number(saved.headers.get(KEEP_UNTIL)) : null;
  if (!isShowable(savedAt, until, Date.now())) {
    await cache.delete(url.pathname);
    return undefined;
  }
  const html = showSavedNotice(await saved.text(), savedAt, Date.now());
  return new Response(html, { status: 200, headers: saved.headers });
}

/** Fetches /verify and the keys as anyone sees them, with /verify's scripts, to check offline. */
async function keepPublic() {
  const pages = await caches.open(PUBLIC);
  const files = await caches.open(STATIC);
  for (const path of PUBLIC_PATHS) {
    const response = await fetch(path, { credentials: "omit", cache: "no-store" });
    if (!response.ok) continue;
    if ((response.headers.get("content-type") ?? "").includes("text/html")) {
      const html = await response.clone().text();
      for (const file of staticFilesOf(html)) {
        if (!(await files.match(file))) await files.add(file).catch(() => {});
      }
    }
    await pages.put(path, response);
  }
}

async function publicCopy(url) {
  if (url.search || !PUBLIC_PATHS.includes(url.pathname)) return undefined;
  return (await caches.open(PUBLIC)).match(url.pathname);
}

async function navigate(event, url) {
  let response;
  try {
    response = (await event.preloadResponse) ?? (await fetch(event.request));
  } catch (error) {
    const saved = (await savedCopy(url)) ?? (await publicCopy(url));
    if (saved) return saved;
    throw error;
  }
  // A server that is down behind a proxy answers 502/503: a saved copy is more use than that.
  if (response.status >= 500) {
    const saved = await savedCopy(url);
    if (saved) return saved;
  }
  event.waitUntil(remember(url, response.clone()).catch(() => {}));
  return response;
}

/** The build's static files have hashed names and never change: cache first, a bounded few. */
async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - STATIC_ENTRIES))) await cache.delete(old);
  }
  return response;
}

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
  self.addEventListener("install", () => self.skipWaiting());

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      (async () => {
        await self.registration.navigationPreload?.enable();
        for (const name of await caches.keys()) {
          if (!name.startsWith(PAGES) && name !== STATIC && name !== PUBLIC) await caches.delete(name);
        }
        await self.clients.claim();
      })(),
    );
  });

  self.addEventListener("message", (event) => {
    if (event.data?.type === "forget") event.waitUntil(forgetPages(null));
    if (event.data?.type === "keep-public") event.waitUntil(keepPublic().catch(() => {}));
  });

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === "navigate") event.respondWith(navigate(event, url));
    else if (PUBLIC_PATHS.includes(url.pathname))
      event.respondWith(fetch(request).catch(async () => (await publicCopy(url)) ?? Response.error()));
    else if (url.pathname.startsWith("/_next/static/")) event.respondWith(staticFile(request));
  });
}
