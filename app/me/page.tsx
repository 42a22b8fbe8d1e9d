// A person's own page: their profile and their sessions. Later: shifts, groups, exports.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { TRPCReactProvider } from "../_trpc/react";
import { serverApi } from "../_trpc/server";
import { auth } from "@/server/auth";
import { MyGroups } from "./my-groups";
import { MyShifts } from "./my-shifts";
import { ProfileForm } from "./profile-form";
import { SignOutEverywhere } from "./sign-out-everywhere";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me"))("title") };
}

export default async function MePage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const session = await auth();
  if (!session?.user) redirect("/signin?callbackUrl=/me");
  const [api, t, messages, params] = await Promise.all([
    serverApi(),
    getTranslations("me"),
    getMessages(),
    searchParams,
  ]);
  const profile = await api.me.profile();
  const clientMessages = {
    me: messages.me,
    skills: messages.skills,
    languages: messages.languages,
    errors: messages.errors,
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {params.welcome && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {t("welcome")}
        </p>
      )}
      {profile.isAdmin && <p className="text-sm text-brand-800">{t("admin")}</p>}
      <MyShifts />
      <MyGroups />
      <NextIntlClientProvider messages={clientMessages}>
        <TRPCReactProvider>
          <ProfileForm profile={profile} />
          <SignOutEverywhere />
        </TRPCReactProvider>
      </NextIntlClientProvider>
    </div>
  );
}
