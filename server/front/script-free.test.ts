import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { serveWithoutScripts, wantsScriptFree, withoutScripts } from "./script-free";

const ACTION = "/actions/0b6f9c3e-2f5d-4a8e-9d1c-7a4b2e6f8c10";

function request(url: string, headers: Record<string, string> = {}, method = "GET") {
  return { method, url, headers };
}

describe("which requests get a page without scripts", () => {
  it("a signed-out reader's page load of each public page", () => {
    for (const url of ["/", "/actions", "/actions?when=week&page=2", ACTION, "/stories", "/groups"]) {
      expect(wantsScriptFree(request(url)), url).toBe(true);
    }
  });

  it("not a signed-in person, whatever the cookie's form", () => {
    for (const cookie of [
      "authjs.session-token=abc",
      "NEXT_LOCALE=es; __Secure-authjs.session-token=abc",
      "authjs.session-token.0=abc; authjs.session-token.1=def",
    ]) {
      expect(wantsScriptFree(request("/actions", { cookie })), cookie).toBe(false);
    }
    // Another cookie of the same ending is not a session.
    expect(wantsScriptFree(request("/actions", { cookie: "xauthjs.session-token=abc" }))).toBe(true);
  });

  it("not the other pages, forms, or the router's own fetches", () => {
    for (const url of [
      "/me",
      "/home",
      "/signin",
      "/actions/new",
      `${ACTION}/manage`,
      "/groups/new",
      "/api/trpc/x",
    ]) {
      expect(wantsScriptFree(request(url)), url).toBe(false);
    }
    expect(wantsScriptFree(request("/actions", {}, "POST"))).toBe(false);
    expect(wantsScriptFree(request("/actions", {}, "HEAD"))).toBe(false);
    expect(wantsScriptFree(request("/actions", { rsc: "1" }))).toBe(false);
    expect(wantsScriptFree(request("/actions", { "next-router-prefetch": "1" }))).toBe(false);
  });
});

// The shape of what Next 16 renders: preloads and async chunks in <head>, the page, then inline
// scripts carrying the React Server Components payload (which may itself contain "</" escaped).
const PAGE = `<!DOCTYPE html><html lang="es"><head><meta charSet="utf-8"/>\
<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>\
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js"/>\
<link rel="modulepreload" href="/_next/static/chunks/module.js"/>\
<link rel="preload" as="image" href="/icon.svg"/>\
<script src="/_next/static/chunks/main-app.js" async="" nonce="n0"></script>\
<title>Acciones — Puente</title></head><body>\
<header><a href="/">Puente</a><form action="/language" method="post"><button type="submit">English</button></form></header>\
<main><h1>Acciones</h1><p>Traer agua &amp; comida. Un texto que dice &lt;script&gt; no es un script.</p>\
<ul aria-label="Acciones encontradas"><li><a href="${ACTION}">Acompañamiento en El Chaparral</a></li></ul></main>\
<script nonce="n0">(self.__next_f=self.__next_f||[]).push([0])</script>\
<script nonce="n0">self.__next_f.push([1,"5:[\\"$\\",\\"h1\\",null,{\\"children\\":\\"Acciones\\"}]\\u003c/script\\u003e"])</script>\
</body></html>`;

describe("a page without its scripts", () => {
  it("loses every script and script preload, and keeps all else byte for byte", async () => {
    const html = await withoutScripts(PAGE);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("__next_f");
    expect(html).not.toContain("webpack.js");
    expect(html).not.toContain("module.js");
    expect(html).toBe(
      PAGE.replace(/<script[\s\S]*?<\/script>/g, "")
        .replace(/<link rel="preload" as="script"[^>]*>/, "")
        .replace(/<link rel="modulepreload"[^>]*>/, ""),
    );
    // What a reader sees and uses is all there.
    for (const kept of [
      '<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>',
      '<link rel="preload" as="image" href="/icon.svg"/>',
      "<title>Acciones — Puente</title>",
      '<form action="/language" method="post">',
      "Traer agua &amp; comida. Un texto que dice &lt;script&gt; no es un script.",
      `<a href="${ACTION}">Acompañamiento en El Chaparral</a>`,
    ]) {
      expect(html).toContain(kept);
    }
  });

  it("is left whole when part of it still needs scripts to appear", async () => {
    const streaming = PAGE.replace(
      "<main>",
      '<main><!--$?--><template id="B:0"></template><p>Cargando…</p><!--/$-->',
    );
    expect(await withoutScripts(streaming)).toBe(streaming);
    const clientRendered = PAGE.replace("<main>", "<main><!--$!--><template></template><!--/$-->");
    expect(await withoutScripts(clientRendered)).toBe(clientRendered);
  });
});

describe("serving a page without scripts", () => {
  /** A real HTTP server whose handler answers as Next does: headers by writeHead, the body in chunks. */
  async function serverWith(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
    const server = createServer((req, res) => void serveWithoutScripts(req, res, handle));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  const nextLike =
    (status: number, type: string, body: string) => async (req: IncomingMessage, res: ServerResponse) => {
      // Next compresses only what the client accepts; the page must reach it asked for nothing.
      expect(req.headers["accept-encoding"]).toBeUndefined();
      res.appendHeader("vary", "rsc, next-router-state-tree");
      res.writeHead(status, { "content-type": type, "x-content-type-options": "nosniff" });
      res.flushHeaders();
      const half = Math.floor(body.length / 2);
      res.write(body.slice(0, half));
      res.write(Buffer.from(body.slice(half)));
      res.end();
    };

  it("sends the page gzipped, without scripts, with Next's headers and its own length", async () => {
    const app = await serverWith(nextLike(200, "text/html; charset=utf-8", PAGE));
    try {
      const response = await fetch(`${app.base}/actions`, { headers: { "accept-encoding": "gzip" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe("gzip");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("vary")).toBe(
        "rsc, next-router-state-tree, Accept-Encoding, Accept-Language, Cookie",
      );
      const html = await response.text(); // fetch un-gzips
      expect(html).toBe(await withoutScripts(PAGE));
      expect(Number(response.headers.get("content-length"))).toBe(gzipSync(html).length);
    } finally {
      await app.close();
    }
  });

  it("leaves other answers as they are, and uncompressed for a client that takes none", async () => {
    const app = await serverWith(nextLike(404, "text/html; charset=utf-8", PAGE));
    try {
      const response = await fetch(`${app.base}/actions/x`, { headers: { "accept-encoding": "identity" } });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(await response.text()).toBe(PAGE);
    } finally {
      await app.close();
    }
  });

  it("answers 500 rather than hang when the page cannot be made", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const app = await serverWith(async () => {
      throw new Error("render failed");
    });
    try {
      const response = await fetch(`${app.base}/actions`);
      expect(response.status).toBe(500);
    } finally {
      await app.close();
    }
  });
});
