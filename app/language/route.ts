// The language switch in the header: a plain form post that sets the language cookie (and the
// signed-in person's preference) and sends the reader back with a full page load. A full load,
// not a client transition, so no page the router prefetched in the old language is shown again.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { comesFromOwnPages } from "@/server/api-gate";
import { currentSession } from "@/server/auth";
import { isLocale, LOCALE_COOKIE } from "@/server/i18n/locale";
import { isOwnOrigin, servedOverHttps } from "@/server/origin";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** A path to go back to: the Referer's when it is on Puente's configured origin, else home. */
function returnPath(request: Request): string {
  const referer = request.headers.get("referer");
  if (!referer || !isOwnOrigin(referer)) return "/";
  const url = new URL(referer);
  return url.pathname + url.search;
}

export async function POST(request: Request) {
  // A cross-site form may not change anyone's language: the API's rule (Origin, else
  // Sec-Fetch-Site), which also refuses `Origin: null` rather than fail to parse it.
  if (!comesFromOwnPages(request.headers)) return new Response(null, { status: 403 });
  const form = await request.formData().catch(() => null);
  const locale = form?.get("locale");
  const response = new Response(null, { status: 303, headers: { location: returnPath(request) } });
  if (!isLocale(locale)) return response;

  const secure = servedOverHttps() ? "; Secure" : "";
  response.headers.append(
    "set-cookie",
    `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure}`,
  );
  const session = await currentSession();
  if (session?.user?.id) {
    const db = await getDb();
    await db.update(users).set({ preferredLanguage: locale }).where(eq(users.id, session.user.id));
  }
  return response;
}
