// Proposing a meeting point, for organizers and coordinators of a verified group.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, FormMessage, SubmitButton } from "../../_forms/action-form";
import { SelectField } from "../../_forms/fields";
import { serverApi } from "../../_trpc/server";
import { proposeMeetingPointForm } from "../forms";
import { ProposalFields } from "../proposal-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPoints"))("propose"), robots: { index: false } };
}

export default async function ProposeMeetingPointPage() {
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent("/meeting-points/new")}`);
  const [api, t] = await Promise.all([serverApi(), getTranslations("meetingPoints")]);
  const { groups } = await api.groups.mine();
  const mine = groups.filter((g) => g.status === "active" && g.role !== "member" && g.verified);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("propose")}</h1>
      {mine.length === 0 ? (
        <p>{t("proposeNeedsGroup")}</p>
      ) : (
        <ActionForm action={proposeMeetingPointForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <SelectField name="groupId" label={t("fieldGroup")} defaultValue={mine[0]!.groupId}>
            {mine.map((g) => (
              <option key={g.groupId} value={g.groupId}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <ProposalFields />
          <SubmitButton>{t("propose")}</SubmitButton>
          <FormMessage />
        </ActionForm>
      )}
    </div>
  );
}
