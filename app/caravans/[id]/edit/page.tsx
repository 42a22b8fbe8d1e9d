// Editing a caravan's details and status, for coordinators of verified groups and admins.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { CaravanForm } from "../../caravan-form";
import { updateCaravanForm } from "../../forms";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caravans"))("edit"), robots: { index: false } };
}

export default async function EditCaravanPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/caravans/${id}/edit`)}`);
  const [api, t] = await Promise.all([serverApi(), getTranslations("caravans")]);
  const { caravan, canEdit } = await orNotFound(api.caravans.get({ caravanId: id }));
  if (!canEdit) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("edit")}</h1>
      <CaravanForm
        action={updateCaravanForm}
        submitLabel={t("save")}
        caravan={{ ...caravan, estimatedSize: caravan.access === "full" ? caravan.estimatedSize : undefined }}
      />
    </div>
  );
}
