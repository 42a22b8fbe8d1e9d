"use server";
// Server actions of the page shell: the language switch, sign-in and sign-out. They are plain
// form posts, so they work with JavaScript off.
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { currentSession, signIn, signOut } from "@/server/auth";
import { DomainError } from "@/server/errors";
import { isLocale, LOCALE_COOKIE } from "@/server/i18n/locale";
import { consumeSignInLimits } from "./sign-in-limits";

/** A same-site path to go back to: the form's own field, else the Referer's path, else home. */
async function returnPath(formData: FormData): Promise<string> {
  const candidates = [formData.get("returnTo"), (await headers()).get("referer")];
  for (const candidate of candidates) {
    if (typeof candidate !== "string" || !candidate) continue;
    try {
      const url = new URL(candidate, "http://puente.invalid");
      if (candidate.startsWith("/") && !candidate.startsWith("//")) return url.pathname + url.search;
      const host = (await headers()).get("host");
      if (url.host === host) return url.pathname + url.search;
    } catch {
      // not a URL: try the next candidate
    }
  }
  return "/";
}

export async function setLanguage(formData: FormData) {
  const locale = formData.get("locale");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
      httpOnly: false,
    });
    const session = await currentSession();
    if (session?.user?.id) {
      const db = await getDb();
      await db.update(users).set({ preferredLanguage: locale }).where(eq(users.id, session.user.id));
    }
  }
  redirect(await returnPath(formData));
}

const signInForm = z.object({ email: z.email().max(254), returnTo: z.string().max(500).optional() });

export async function requestSignInLink(formData: FormData) {
  const parsed = signInForm.safeParse({
    email: formData.get("email"),
    returnTo: formData.get("returnTo") ?? undefined,
  });
  if (!parsed.success) redirect("/signin?error=email");
  const returnTo =
    parsed.data.returnTo?.startsWith("/") && !parsed.data.returnTo.startsWith("//")
      ? parsed.data.returnTo
      : "/";
  try {
    await consumeSignInLimits(parsed.data.email);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    redirect(`/signin?error=rate&seconds=${error.values.seconds ?? 60}`);
  }
  // Auth.js would send the browser through its own /api/auth/verify-request redirect; go
  // straight to Puente's page instead.
  await signIn("email", { email: parsed.data.email, redirectTo: returnTo, redirect: false });
  redirect("/signin/sent");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
