// Editing a proposal, for the organizers and coordinators of the group that proposed it. Anyone
// else finds no page here (and meetingPoints.update refuses them). While the point is an option of
// a decision being voted on, or once chosen or rejected, it says so instead of offering the form.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, FormMessage, SubmitButton } from "../../../_forms/action-form";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { updateMeetingPointForm } from "../../forms";
import { ProposalFields } from "../../proposal-fields";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("proposalEdit"))("title"), robots: { index: false } };
}

export default async function EditMeetingPointPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/meeting-points/${id}/edit`)}`);
  const [api, t] = await Promise.all([serverApi(), getTranslations("proposalEdit")]);
  const point = await orNotFound(api.meetingPoints.get({ meetingPointId: id }));
  if (!point.editing) notFound();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/meeting-points/${point.id}`} className="text-brand-700 underline">
          {t("back", { name: point.name })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {point.editing.locked ? (
        <p role="status" className="rounded-md border-2 border-amber-700 bg-white p-3 font-medium">
          {t("locked")}
        </p>
      ) : (
        <>
          <p>{t("lead", { group: point.groupName })}</p>
          <ActionForm action={updateMeetingPointForm} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <input type="hidden" name="meetingPointId" value={point.id} />
            <input type="hidden" name="groupId" value={point.groupId} />
            <ProposalFields proposal={point} />
            <SubmitButton>{t("save")}</SubmitButton>
            <FormMessage />
          </ActionForm>
        </>
      )}
    </div>
  );
}
