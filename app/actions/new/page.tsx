// Creating an action, for the organizers of a verified group (?group=<id>).
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { currentSession } from "@/server/auth";
import { DEFAULT_REVEAL_HOURS } from "@/server/actions/inputs";
import { serverApi } from "../../_trpc/server";
import { ActionDetailsForm } from "../action-form";
import { createActionForm } from "../forms";
import { tomorrowIn } from "../zoned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("actions"))("create"), robots: { index: false } };
}

export default async function NewActionPage({ searchParams }: { searchParams: Promise<{ group?: string }> }) {
  const { group: groupParam } = await searchParams;
  if (!(await currentSession())?.user)
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/actions/new?group=${groupParam ?? ""}`)}`);
  const groupId = z.uuid().safeParse(groupParam);
  if (!groupId.success) notFound();
  const [api, t] = await Promise.all([serverApi(), getTranslations("actions")]);
  const [{ groups }, meetingPoints] = await Promise.all([api.groups.mine(), api.meetingPoints.list()]);
  const group = groups.find(
    (g) => g.groupId === groupId.data && g.status === "active" && g.role !== "member",
  );
  if (!group) notFound();
  const tomorrow = tomorrowIn("America/Tijuana");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("createTitle", { group: group.name })}</h1>
      <ActionDetailsForm
        action={createActionForm}
        hidden={{ groupId: group.groupId }}
        submitLabel={t("create")}
        meetingPoints={meetingPoints}
        initial={{
          title: "",
          kind: "welcome",
          description: "",
          placeName: "",
          exactLocation: "",
          revealHoursBefore: DEFAULT_REVEAL_HOURS,
          timeZone: "America/Tijuana",
          startDate: tomorrow,
          startTime: "09:00",
          endDate: tomorrow,
          endTime: "13:00",
          languages: ["es"],
          visibility: "public",
          meetingPointId: "",
        }}
      />
    </div>
  );
}
