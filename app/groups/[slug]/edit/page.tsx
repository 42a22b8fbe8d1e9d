import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { updateGroupForm } from "../../forms";
import { GroupForm } from "../../group-form";

export const metadata: Metadata = { robots: { index: false } };

export default async function EditGroupPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, api, t] = await Promise.all([params, serverApi(), getTranslations("groups")]);
  const group = await orNotFound(api.groups.bySlug({ slug }));
  if (group.membership?.status !== "active" || group.membership.role !== "coordinator") notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("editTitle", { name: group.name })}</h1>
      <GroupForm action={updateGroupForm} groupId={group.id} initial={group} submitLabel={t("save")} />
    </div>
  );
}
