// The tRPC caller for server components: the same procedures, without an HTTP round trip.
import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { createRequestContext } from "@/server/context";
import { createCaller } from "@/server/root";

export const serverApi = cache(async () => createCaller(await createRequestContext()));

/** Runs a read for a page; a missing or forbidden object shows the not-found page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof TRPCError && ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(error.code)) {
      notFound();
    }
    throw error;
  }
}
