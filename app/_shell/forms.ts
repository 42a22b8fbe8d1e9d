"use server";
// Server actions of the page shell: sign-in and sign-out (the language switch is the route
// handler app/language). They are plain form posts, so they work with JavaScript off.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/server/auth";
import { DomainError } from "@/server/errors";
import { namesOwnHost } from "@/server/origin";
import { consumeSignInLimits } from "./sign-in-limits";

const signInForm = z.object({ email: z.email().max(254), returnTo: z.string().max(500).optional() });

export async function requestSignInLinkForm(formData: FormData) {
  const parsed = signInForm.safeParse({
    email: formData.get("email"),
    returnTo: formData.get("returnTo") ?? undefined,
  });
  if (!parsed.success) redirect("/signin?error=email");
  // A post naming another host (forged, or a proxy that does not pass the public host on) gets no
  // link, and is told where Puente is; Auth.js's own guard would drop the email silently.
  if (!namesOwnHost(await headers())) redirect("/signin?error=host");
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

export async function signOutForm() {
  await signOut({ redirectTo: "/" });
}
