// A person's private calendar feed, for calendar apps: the secret in the URL is the only key.
import { getDb } from "@/db/client";
import { calendarFeed } from "@/server/actions/calendar";
import { createRequestContext } from "@/server/context";
import { DomainError } from "@/server/errors";
import { localeOfRequest } from "@/server/i18n/locale";
import { translator } from "@/server/i18n/messages";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = translator(localeOfRequest(request), "errors");
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return new Response(t("notFound"), { status: 404 });
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
    if (error instanceof DomainError) return new Response(t("calendarRevoked"), { status: 404 });
    throw error;
  }
}
