// The context of a request that Next serves (the tRPC route, server components): the database,
// the signed-in person from the Auth.js session, and what its headers say (./request-context.ts).
import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { currentSession } from "./auth";
import { requestContext } from "./request-context";
import type { Context } from "./trpc";

export async function createRequestContext(): Promise<Context> {
  const [session, db, headerStore] = await Promise.all([currentSession(), getDb(), headers()]);
  const user = session?.user;
  return requestContext(db, user?.id ? { id: user.id, isAdmin: user.isAdmin } : null, headerStore);
}
