import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { createGroupForm } from "../forms";
import { GroupForm } from "../group-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("createTitle") };
}

export default async function NewGroupPage() {
  if (!(await currentSession())?.user) redirect("/signin?callbackUrl=/groups/new");
  const t = await getTranslations("groups");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("createTitle")}</h1>
      <p>{t("createLead")}</p>
      <GroupForm action={createGroupForm} submitLabel={t("create")} />
    </div>
  );
}
