// The service worker's pure rules (public/sw.js), run in a plain V8 context: which pages may be
// kept, whose they are, and how a saved copy says when it was saved.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { viewerKeyOf } from "./viewer";

interface Rules {
  remember(url: URL, response: Response): Promise<void>;
  savedCopy(url: URL): Promise<Response | undefined>;
  forgetPages(viewer: string | null): Promise<void>;
  isShowable(savedAt: number, until: number | null, now: number): boolean;
  isKeepablePath(pathname: string): boolean;
  viewerOf(html: string): string | null;
  isMarkedKeep(html: string): boolean;
  savedAtLabel(savedAt: number, now: number, lang: string): string;
  showSavedNotice(html: string, savedAt: number, now: number): string;
}

/** The browser's CacheStorage, as far as the service worker uses it, in memory. */
class Store {
  entries = new Map<string, Response>();
  async match(path: string) {
    return this.entries.get(path)?.clone();
  }
  async put(path: string, response: Response) {
    this.entries.set(path, response);
  }
  async delete(path: string) {
    return this.entries.delete(path);
  }
}
class Storage {
  stores = new Map<string, Store>();
  async keys() {
    return [...this.stores.keys()];
  }
  async open(name: string) {
    if (!this.stores.has(name)) this.stores.set(name, new Store());
    return this.stores.get(name)!;
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  /** Every kept path, as "cache name path". */
  list() {
    return [...this.stores].flatMap(([name, store]) => [...store.entries.keys()].map((p) => `${name} ${p}`));
  }
}

function loadRules(caches = new Storage()): Rules {
  const source = readFileSync(path.join(import.meta.dirname, "../../public/sw.js"), "utf8");
  const context = vm.createContext({ Intl, Date, URL, Response, Headers, caches });
  vm.runInContext(
    `${source}\n;globalThis.rules = { remember, savedCopy, forgetPages, isShowable, isKeepablePath, viewerOf, isMarkedKeep, savedAtLabel, showSavedNotice };`,
    context,
  );
  return (context as unknown as { rules: Rules }).rules;
}

const rules = loadRules();
const id = "0b5c3f0e-8d1a-4c2b-9f7e-2a1d3c4b5e6f";
const key = viewerKeyOf("a".repeat(64));

/** A page as React renders it, with the notice a kept page carries. */
function page(lang: string, notice: string, viewer: string | null = key) {
  return [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charSet="utf-8"/>`,
    viewer ? `<meta name="puente-viewer" content="${viewer}"/>` : "",
    `<meta name="puente-offline" content="keep"/></head><body><main id="main">`,
    `<p data-saved-copy="" hidden="" role="status" class="rounded-md">${notice}</p>`,
    `<h1>Mi cuenta</h1><p hidden="">other</p></main></body></html>`,
  ].join("");
}

describe("which pages the service worker keeps", () => {
  it("keeps the person's page, the inbox, a message and an action, and nothing else", () => {
    for (const kept of ["/me", "/inbox", `/inbox/${id}`, `/actions/${id}`]) {
      expect(rules.isKeepablePath(kept), kept).toBe(true);
    }
    for (const other of [
      "/",
      "/actions",
      `/actions/${id}/manage`,
      `/actions/${id}/roster.csv`,
      "/me/export",
      "/admin/audit",
      "/inbox/../admin",
      `/groups/${id}`,
      "/api/trpc/messages.inbox",
    ]) {
      expect(rules.isKeepablePath(other), other).toBe(false);
    }
  });

  it("reads whose page it is from the page itself, and nobody's from a signed-out page", () => {
    expect(rules.viewerOf(page("en", "x"))).toBe(key);
    expect(rules.viewerOf(page("en", "x", null))).toBeNull();
    expect(rules.isMarkedKeep(page("en", "x"))).toBe(true);
    expect(rules.isMarkedKeep("<html><head></head><body>public</body></html>")).toBe(false);
  });

  it("is not fooled by a message whose text looks like the marks", () => {
    // Text is escaped by React: a body cannot become a tag.
    const body = "&lt;meta name=&quot;puente-viewer&quot; content=&quot;" + "f".repeat(32) + "&quot;/&gt;";
    const html = `<html lang="en"><head></head><body><p>${body}</p></body></html>`;
    expect(rules.viewerOf(html)).toBeNull();
    expect(rules.isMarkedKeep(html.replace("puente-viewer", "puente-offline"))).toBe(false);
  });

  it("keys pages by a hash of the session, never the session token itself", () => {
    const token = "b".repeat(64);
    expect(viewerKeyOf(token)).toMatch(/^[0-9a-f]{32}$/);
    expect(viewerKeyOf(token)).not.toContain(token.slice(0, 16));
    expect(viewerKeyOf(token)).not.toBe(viewerKeyOf("c".repeat(64)));
  });
});

describe("a saved copy shown offline", () => {
  const savedAt = new Date(2026, 10, 28, 14, 5).getTime();
  const sameDay = new Date(2026, 10, 28, 18, 40).getTime();
  const nextDay = new Date(2026, 10, 29, 9, 0).getTime();

  it("gives the time as HH:MM on the day it was saved, with the date after that", () => {
    expect(rules.savedAtLabel(savedAt, sameDay, "en")).toBe("14:05");
    expect(rules.savedAtLabel(savedAt, sameDay, "es")).toBe("14:05");
    expect(rules.savedAtLabel(savedAt, nextDay, "en")).toBe("14:05 (Nov 28)");
    expect(rules.savedAtLabel(savedAt, nextDay, "es")).toBe("14:05 (28 nov)");
  });

  it("shows the notice in the page's language with the time filled in", () => {
    const en = rules.showSavedNotice(page("en", "Saved copy, saved at {time}."), savedAt, sameDay);
    expect(en).toContain(
      '<p data-saved-copy="" role="status" class="rounded-md">Saved copy, saved at 14:05.</p>',
    );
    const es = rules.showSavedNotice(page("es", "Copia guardada a las {time}."), savedAt, nextDay);
    expect(es).toContain(">Copia guardada a las 14:05 (28 nov).</p>");
    // Only the notice changes.
    expect(es).toContain('<p hidden="">other</p>');
  });

  it("leaves a page without a notice as it was", () => {
    const html = '<html lang="en"><body><p hidden="">x</p></body></html>';
    expect(rules.showSavedNotice(html, savedAt, sameDay)).toBe(html);
  });
});

describe("what the service worker stores as pages come from the network", () => {
  const other = viewerKeyOf("d".repeat(64));
  const at = (p: string) => new URL(p, "http://localhost");
  /** A page from the network, as a service worker receives it (same-origin: type "basic"). */
  function fromNetwork(html: string, status = 200) {
    const response = new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
    Object.defineProperty(response, "type", { value: "basic" });
    return response;
  }
  const notice = "Saved copy, saved at {time}.";

  it("keeps a marked page for its viewer and replays it with the notice shown", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    await sw.remember(at("/me"), fromNetwork(page("en", notice)));
    expect(caches.list()).toEqual([`puente-pages-${key} /me`]);
    const copy = await sw.savedCopy(at("/me"));
    expect(await copy!.text()).toMatch(
      /<p data-saved-copy="" role="status" class="rounded-md">Saved copy, saved at \d{2}:\d{2}\.<\/p>/,
    );
    expect(await sw.savedCopy(at("/inbox"))).toBeUndefined();
  });

  it("drops the first person's pages when a page is rendered for another session", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    await sw.remember(at("/me"), fromNetwork(page("en", notice)));
    await sw.remember(
      at("/actions"),
      fromNetwork(page("en", "", other).replace(/<meta name="puente-offline"[^>]*>/, "")),
    );
    expect(caches.list()).toEqual([]);
    expect(await sw.savedCopy(at("/me"))).toBeUndefined();
  });

  it("drops every saved page when a page is rendered for nobody (signed out, or the session ended)", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    await sw.remember(at("/me"), fromNetwork(page("en", notice)));
    await sw.remember(at("/"), fromNetwork('<html lang="en"><head></head><body>Welcome</body></html>'));
    expect(caches.list()).toEqual([]);
  });

  it("keeps neither unmarked pages, other paths, queries nor errors, and forgets a page no longer marked", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    const unmarked = page("en", notice).replace(/<meta name="puente-offline"[^>]*>/, "");
    await sw.remember(at(`/actions/${id}`), fromNetwork(page("en", notice)));
    await sw.remember(at(`/groups/${id}`), fromNetwork(page("en", notice)));
    await sw.remember(at("/inbox?before=2026-01-01"), fromNetwork(page("en", notice)));
    await sw.remember(at("/inbox"), fromNetwork(page("en", notice), 500));
    expect(caches.list()).toEqual([`puente-pages-${key} /actions/${id}`]);
    // The signup was cancelled: the action's page no longer asks to be kept.
    await sw.remember(at(`/actions/${id}`), fromNetwork(unmarked));
    expect(caches.list()).toEqual([]);
  });

  it("never replays an action's page after the action ended (its exact place is nobody's then)", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    const ended = Date.now() - 60_000;
    const html = page("en", notice).replace(
      "</head>",
      `<meta name="puente-offline-until" content="${ended}"/></head>`,
    );
    await sw.remember(at(`/actions/${id}`), fromNetwork(html));
    expect(caches.list()).toEqual([`puente-pages-${key} /actions/${id}`]);
    expect(await sw.savedCopy(at(`/actions/${id}`))).toBeUndefined();
    expect(caches.list()).toEqual([]);
    const later = html.replace(String(ended), String(Date.now() + 3_600_000));
    await sw.remember(at(`/actions/${id}`), fromNetwork(later));
    expect(await sw.savedCopy(at(`/actions/${id}`))).toBeDefined();
  });

  it("never replays a copy older than a session can last", async () => {
    const caches = new Storage();
    const sw = loadRules(caches);
    await sw.remember(at("/me"), fromNetwork(page("en", notice)));
    const store = await caches.open(`puente-pages-${key}`);
    const saved = (await store.match("/me"))!;
    const headers = new Headers(saved.headers);
    headers.set("x-puente-saved-at", String(Date.now() - 31 * 86_400_000));
    await store.put("/me", new Response(await saved.text(), { headers }));
    expect(await sw.savedCopy(at("/me"))).toBeUndefined();
    expect(caches.list()).toEqual([]);
  });

  it("decides what may be shown from the save time and the page's own limit", () => {
    const now = Date.now();
    expect(rules.isShowable(now - 1000, null, now)).toBe(true);
    expect(rules.isShowable(now - 31 * 86_400_000, null, now)).toBe(false);
    expect(rules.isShowable(now - 1000, now + 1, now)).toBe(true);
    expect(rules.isShowable(now - 1000, now, now)).toBe(false);
    expect(rules.isShowable(Number.NaN, null, now)).toBe(false);
  });
});
