// The API over HTTP, as a browser or an attacker meets it: status codes, and errors that say
// what is wrong in the caller's language, without leaking internals.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Locale } from "./i18n/locale";
import { appRouter } from "./root";
import { createTestDatabase } from "../test-support/database";
import { makeUser } from "../test-support/factories";
import type { Actor } from "./actor";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function call(
  path: string,
  init: { input?: unknown; body?: string; actor?: Actor | null; locale?: Locale } = {},
) {
  const mutation = init.body !== undefined || path.startsWith("me.update");
  const url = new URL(`http://puente.test/api/trpc/${path}`);
  if (!mutation && init.input !== undefined)
    url.searchParams.set("input", JSON.stringify({ json: init.input }));
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request(url, {
      method: mutation ? "POST" : "GET",
      headers: { "content-type": "application/json" },
      body: mutation ? (init.body ?? JSON.stringify({ json: init.input })) : undefined,
    }),
    createContext: async () => ({
      db: handle.db,
      actor: init.actor ?? null,
      locale: init.locale ?? "en",
      origin: "http://puente.test",
    }),
  });
  return { status: response.status, body: await response.json() };
}

describe("errors over HTTP", () => {
  it("answers bad input with 400 and a message per field, in Spanish for a Spanish reader", async () => {
    const { status, body } = await call("groups.bySlug", { input: { slug: "Not A Slug!" }, locale: "es" });
    expect(status).toBe(400);
    expect(body.error.json.message).toBe("Hay que corregir algo de lo que escribiste.");
    expect(body.error.json.data.fieldErrors.slug).toEqual(["No tiene el formato esperado."]);
  });

  it("answers the same bad input in English for an English reader", async () => {
    const { body } = await call("groups.bySlug", { input: { slug: "" }, locale: "en" });
    expect(body.error.json.data.fieldErrors.slug).toEqual(["This is required."]);
  });

  it("answers a signed-out caller of a signed-in procedure with 401", async () => {
    const { status, body } = await call("me.profile", { locale: "es" });
    expect(status).toBe(401);
    expect(body.error.json.message).toBe("Primero tienes que entrar.");
  });

  it("answers a missing object with 404", async () => {
    const { status, body } = await call("groups.bySlug", { input: { slug: "no-such-group" } });
    expect(status).toBe(404);
    expect(body.error.json.message).toBe("We could not find that.");
  });

  it("answers a non-member asking for a roster with 403", async () => {
    const me = await makeUser(handle.db);
    const { status } = await call("groups.members", {
      input: { groupId: "00000000-0000-4000-8000-000000000000" },
      actor: me,
    });
    expect(status).toBe(403);
  });

  it("answers malformed JSON, wrong types and unknown procedures without a 500", async () => {
    const me = await makeUser(handle.db);
    expect((await call("me.updateProfile", { body: "{not json", actor: me })).status).toBe(400);
    expect((await call("me.updateProfile", { body: JSON.stringify({ json: 42 }), actor: me })).status).toBe(
      400,
    );
    expect((await call("me.updateProfile", { body: JSON.stringify({ json: null }), actor: me })).status).toBe(
      400,
    );
    expect(
      (await call("groups.directory", { input: { after: { name: "a", id: "1; drop table groups" } } }))
        .status,
    ).toBe(400);
    expect((await call("groups.nothingHere", { input: {} })).status).toBe(404);
  });

  it("never sends a stack trace", async () => {
    const { body } = await call("groups.bySlug", { input: { slug: 7 } });
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:\d+/);
  });
});
