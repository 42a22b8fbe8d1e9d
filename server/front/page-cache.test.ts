// The pages kept for signed-out readers, on the real database: a write shows on the next request,
// each language has its own page, and nothing one person was shown reaches another.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stories } from "@/db/schema";
import { negotiateLocale } from "@/server/i18n/locale";
import { makeStory } from "@/test-support/factories";
import { setUpDatabase } from "@/test-support/setup";
import { MAX_AGE_MS, PageCache, walPosition } from "./page-cache";
import { frontHandler } from "./requests";

const handle = setUpDatabase();

/**
 * Stands in for Next: renders /stories from the database (the published stories' titles) in the
 * reader's language, with a script and its nonce as Next's pages have, and greets whoever holds a
 * cookie it knows by name, as a personal page would. Counts its renders.
 */
let renders = 0;
let answer: { setCookie?: boolean; streaming?: boolean } = {};
async function nextLike(req: IncomingMessage, res: ServerResponse) {
  renders += 1;
  const cookie = req.headers.cookie ?? "";
  const locale = negotiateLocale(/NEXT_LOCALE=(\w+)/.exec(cookie)?.[1], req.headers["accept-language"]);
  const titles = await handle.db
    .select({ pseudonym: stories.pseudonym })
    .from(stories)
    .where(eq(stories.status, "published"))
    .orderBy(stories.pseudonym);
  const greeting = /puente-phone-ticket=/.test(cookie) ? "<p>Hola, Ana</p>" : "";
  const nonce = `n${renders}`;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("vary", "rsc");
  if (answer.setCookie) res.setHeader("set-cookie", "authjs.csrf-token=abc; HttpOnly");
  res.end(
    `<!DOCTYPE html><html lang="${locale}"><body>${greeting}${answer.streaming ? "<!--$?-->" : ""}` +
      `<ul>${titles.map((t) => `<li>${t.pseudonym}</li>`).join("")}</ul>` +
      `<script nonce="${nonce}">self.__next_f.push([1])</script></body></html>`,
  );
}

/** The front server with `cache`, and Next as above. */
async function frontServer(cache: PageCache) {
  const api = (_req: IncomingMessage, res: ServerResponse) => void res.end();
  const server = createServer(frontHandler(nextLike, api, undefined, cache));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let now = Date.now();
let base = "";
let close: () => Promise<unknown> = async () => {};
beforeAll(async () => {
  ({ base, close } = await frontServer(
    new PageCache(
      () => walPosition(handle.db),
      () => now,
    ),
  ));
});
afterAll(() => close());

async function read(headers: Record<string, string> = {}, path = "/stories") {
  const response = await fetch(`${base}${path}`, { headers: { "accept-encoding": "gzip", ...headers } });
  return { response, html: await response.text() };
}

describe("public pages kept for signed-out readers", () => {
  it("render once for many readers, and a write shows on the very next request", async () => {
    await makeStory(handle.db, { pseudonym: "Llegamos a Tapachula", status: "published" });
    const before = renders;
    const first = await read();
    const burst = await Promise.all(Array.from({ length: 20 }, () => read()));
    expect(renders - before).toBe(1);
    for (const { html, response } of [first, ...burst]) {
      expect(html).toContain("<li>Llegamos a Tapachula</li>");
      expect(html).not.toContain("<script");
      expect(response.headers.get("content-encoding")).toBe("gzip");
    }

    // A new story, committed: the next reader sees it, with no one asking the cache to forget.
    await makeStory(handle.db, { pseudonym: "Caminamos juntos", status: "published" });
    expect((await read()).html).toContain("<li>Caminamos juntos</li>");
    expect(renders - before).toBe(2);
    // Taken down: gone on the next request too.
    await handle.db
      .update(stories)
      .set({ status: "withdrawn" })
      .where(eq(stories.pseudonym, "Caminamos juntos"));
    expect((await read()).html).not.toContain("Caminamos juntos");
    // A read moves nothing: the page stays kept.
    await handle.db.execute(sql`select count(*) from stories`);
    const settled = renders;
    await read();
    expect(renders).toBe(settled);
  });

  it("keep each language apart, by the reader's choice and by the browser's", async () => {
    const spanish = await read({ "accept-language": "es-MX,es;q=0.9" });
    const english = await read({ "accept-language": "en-US,en;q=0.9" });
    const chosen = await read({ "accept-language": "es-MX", cookie: "NEXT_LOCALE=en" });
    expect(spanish.html).toContain('<html lang="es">');
    expect(english.html).toContain('<html lang="en">');
    expect(chosen.html).toContain('<html lang="en">');
    for (const { response } of [spanish, english, chosen]) {
      expect(response.headers.get("vary")).toBe("rsc, Accept-Encoding, Accept-Language, Cookie");
    }
  });

  it("never keep what one reader was shown for another, nor a page that sets a cookie or keeps its scripts", async () => {
    // A reader holding a cookie the cache does not know (here, a phone sign-in's ticket).
    const ana = await read({ cookie: "puente-phone-ticket=t0k3n" });
    expect(ana.html).toContain("Hola, Ana");
    expect((await read({ cookie: "puente-phone-ticket=t0k3n" })).html).toContain("Hola, Ana");
    expect((await read()).html).not.toContain("Ana");

    // A new version of the page answered with a cookie: the next reader gets their own.
    await makeStory(handle.db, { pseudonym: "Desde Guatemala", status: "published" });
    answer = { setCookie: true };
    const cookied = await read();
    expect(cookied.response.headers.get("set-cookie")).toContain("authjs.csrf-token");
    answer = {};
    const next = await read();
    expect(next.response.headers.get("set-cookie")).toBeNull();

    // A page that needs its scripts keeps its nonce: served once, never twice.
    await makeStory(handle.db, { pseudonym: "Nos quedamos", status: "published" });
    answer = { streaming: true };
    const one = await read();
    const two = await read();
    answer = {};
    expect(one.html).toContain("<script");
    expect(one.html).not.toBe(two.html);
    expect(one.response.headers.get("content-security-policy")).toContain("nonce-");
  });

  it("carry a policy that lets no script run, and no other answer's headers", async () => {
    const { response } = await read();
    expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(response.headers.get("content-security-policy")).not.toContain("nonce-");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("are made afresh once they are older than their limit, however quiet the database", async () => {
    await read();
    const kept = renders;
    await read();
    expect(renders).toBe(kept);
    now += MAX_AGE_MS + 1;
    await read();
    expect(renders).toBe(kept + 1);
  });

  it("are still served, made afresh each time, when the database cannot say its position", async () => {
    const blind = await frontServer(
      new PageCache(async () => {
        throw new Error("database unreachable");
      }),
    );
    try {
      const before = renders;
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${blind.base}/stories`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain("<li>Llegamos a Tapachula</li>");
      }
      expect(renders - before).toBe(2);
    } finally {
      await blind.close();
    }
  });
});
