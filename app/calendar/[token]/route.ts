// A person's private calendar feed, for calendar apps: the secret in the URL is the only key.
import { getDb } from "@/db/client";
import { calendarFeed } from "@/server/actions/calendar";
import { createRequestContext } from "@/server/context";
import { DomainError } from "@/server/errors";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return new Response("Not found", { status: 404 });
  try {
    const { origin } = await createRequestContext();
    const body = await calendarFeed(await getDb(), token, origin);
    return new Response(body, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "cache-control": "private, no-store",
        "referrer-policy": "no-referrer",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return new Response("This calendar link was revoked.", { status: 404 });
    throw error;
  }
}
