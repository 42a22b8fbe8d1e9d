// A person's own page: their profile and their sessions. Later: shifts, groups, exports.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "../_trpc/server";
import { SavedCopy } from "../_shell/saved-copy";
import { currentSession } from "@/server/auth";
import { MessagePreferences } from "./message-preferences";
import { MyData } from "./my-data";
import { MyGroups } from "./my-groups";
import { MyShifts } from "./my-shifts";
import { PhoneNumber } from "./phone-number";
import { ProfileForm } from "./profile-form";
import { SignOutEverywhere } from "./sign-out-everywhere";
import { TimeZoneSetting } from "./time-zone-setting";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me"))("title") };
}

/** Where a newcomer was going when they signed in (Auth.js passes it along): a path on this site. */
function continuePath(callbackUrl: string | undefined): string | null {
  if (!callbackUrl) return null;
  try {
    const url = new URL(callbackUrl, "http://puente.invalid");
    const path = url.pathname + url.search;
    return path.startsWith("/") && !path.startsWith("//") && url.pathname !== "/me" && url.pathname !== "/"
      ? path
      : null;
  } catch {
    return null;
  }
}

export default async function MePage({
  searchParams,
}: {
  searchParams: Promise<{ welcome?: string; callbackUrl?: string }>;
}) {
  const session = await currentSession();
  if (!session?.user) redirect("/signin?callbackUrl=/me");
  const [api, t, params] = await Promise.all([serverApi(), getTranslations("me"), searchParams]);
  const profile = await api.me.profile();
  // A newcomer who already gave a name (signing up for a shift by email) goes straight back.
  const next = params.welcome ? continuePath(params.callbackUrl) : null;
  if (next && profile.name) redirect(next);
  return (
    <div className="space-y-6">
      <SavedCopy />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {params.welcome && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {t("welcome")}
        </p>
      )}
      {profile.isAdmin && <p className="text-sm text-brand-800">{t("admin")}</p>}
      <MyShifts />
      <MyGroups />
      <MessagePreferences />
      <PhoneNumber />
      <ProfileForm profile={profile} />
      <TimeZoneSetting />
      <SignOutEverywhere />
      <MyData />
    </div>
  );
}
