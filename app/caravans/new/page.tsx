// Adding a caravan, for coordinators of verified groups and admins.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../../_trpc/server";
import { CaravanForm } from "../caravan-form";
import { createCaravanForm } from "../forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caravans"))("newCaravan"), robots: { index: false } };
}

export default async function NewCaravanPage() {
  if (!(await currentSession())?.user) redirect(`/signin?callbackUrl=${encodeURIComponent("/caravans/new")}`);
  const [api, t] = await Promise.all([serverApi(), getTranslations("caravans")]);
  const { canCreate } = await api.caravans.list();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("newCaravan")}</h1>
      {canCreate ? (
        <CaravanForm action={createCaravanForm} submitLabel={t("create")} />
      ) : (
        <p>{t("createNeedsCoordinator")}</p>
      )}
    </div>
  );
}
