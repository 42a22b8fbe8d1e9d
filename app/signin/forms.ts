"use server";
// Signing in with a code texted to a phone (server/sms/sign-in.ts): asking for the code, then typing
// it. Like the emailed link, this is sign-in, beside Auth.js rather than behind the API: the second
// step writes the session cookie. Plain form posts with errors in the address, so both work with
// JavaScript off. Between the steps the browser holds only a random ticket, in an HttpOnly cookie.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { DomainError } from "@/server/errors";
import { isLocale } from "@/server/i18n/locale";
import { namesOwnHost, servedOverHttps } from "@/server/origin";
import { clientAddress, clientKeyOf } from "@/server/rate-limits";
import { SESSION_COOKIE } from "@/server/sessions";
import { requestSignInCode, signInWithCode } from "@/server/sms/sign-in";
import { maskNumber } from "@/server/sms/privacy";
import { CODE_MINUTES } from "@/server/sms/phones";

const TICKET_COOKIE = "puente-phone-ticket";

const numberForm = z.object({ number: z.string().trim().min(1).max(40) });
const codeForm = z.object({
  code: z
    .string()
    .transform((code) => code.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/)),
  returnTo: z.string().max(500).optional(),
});

/** Where to go after signing in: a path on this site, never another one (`//evil.example`). */
const pathOnly = (path: string | undefined) => (path?.startsWith("/") && !path.startsWith("//") ? path : "/");

/** Back to `page`, saying what went wrong: the error's key and its values, for the page to explain. */
function backWith(page: string, error: unknown): never {
  if (!(error instanceof DomainError)) throw error;
  const values = Object.entries(error.values).map(
    ([name, value]) => `&${name}=${encodeURIComponent(String(value))}`,
  );
  redirect(`${page}${page.includes("?") ? "&" : "?"}error=${error.key}${values.join("")}`);
}

async function readerLocale() {
  const locale = await getLocale();
  return isLocale(locale) ? locale : "es";
}

export async function requestPhoneSignInForm(formData: FormData) {
  const parsed = numberForm.safeParse({ number: formData.get("number") });
  if (!parsed.success) redirect("/signin?error=phoneInvalid#phone");
  const headerStore = await headers();
  // As with the emailed link: a post naming another host is told where Puente is.
  if (!namesOwnHost(headerStore)) redirect("/signin?error=host");
  let sent: { ticket: string; number: string };
  try {
    sent = await requestSignInCode(
      await getDb(),
      parsed.data.number,
      clientKeyOf(clientAddress(headerStore)),
      await readerLocale(),
    );
  } catch (error) {
    backWith("/signin", error);
  }
  (await cookies()).set(TICKET_COOKIE, sent.ticket, {
    httpOnly: true,
    sameSite: "lax",
    secure: servedOverHttps(),
    path: "/signin",
    maxAge: CODE_MINUTES * 60,
  });
  const returnTo = pathOnly(String(formData.get("returnTo") ?? ""));
  redirect(
    `/signin/code?to=${encodeURIComponent(maskNumber(sent.number))}&returnTo=${encodeURIComponent(returnTo)}`,
  );
}

export async function signInWithCodeForm(formData: FormData) {
  const store = await cookies();
  const ticket = store.get(TICKET_COOKIE)?.value;
  if (!ticket || ticket.length > 100) redirect("/signin?error=phoneCodeMissing#phone");
  const parsed = codeForm.safeParse({
    code: formData.get("code") ?? "",
    returnTo: formData.get("returnTo") ?? undefined,
  });
  const back = `/signin/code?to=${encodeURIComponent(String(formData.get("to") ?? "").slice(0, 40))}&returnTo=${encodeURIComponent(pathOnly(parsed.data?.returnTo))}`;
  if (!parsed.success) redirect(`${back}&error=phoneCodeFormat`);
  let session: Awaited<ReturnType<typeof signInWithCode>>;
  try {
    session = await signInWithCode(await getDb(), ticket, parsed.data.code, await readerLocale());
  } catch (error) {
    backWith(back, error);
  }
  store.delete({ name: TICKET_COOKIE, path: "/signin" });
  // The cookie Auth.js would write, with its options, so every path reads this session as its own.
  const https = servedOverHttps();
  store.set(https ? SESSION_COOKIE.https : SESSION_COOKIE.http, session.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: "/",
    expires: session.expires,
  });
  redirect(session.newAccount ? "/me?welcome=1" : pathOnly(parsed.data.returnTo));
}
