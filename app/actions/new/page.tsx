// Creating an action, for the organizers of a verified group: from /actions or /home without a
// group, the person picks one of theirs (or goes straight on when they organize just one); the
// form can name the first shift, so people can sign up the moment it exists.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTimeZone, getTranslations } from "next-intl/server";
import { z } from "zod";
import { currentSession } from "@/server/auth";
import { DEFAULT_REVEAL_HOURS } from "@/server/actions/inputs";
import { TextField } from "../../_forms/fields";
import { serverApi } from "../../_trpc/server";
import { ActionDetailsForm } from "../action-form";
import { createActionForm } from "../forms";
import { formZone, tomorrowIn } from "../zoned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("actions"))("create"), robots: { index: false } };
}

export default async function NewActionPage({ searchParams }: { searchParams: Promise<{ group?: string }> }) {
  const { group: groupParam } = await searchParams;
  if (!(await currentSession())?.user) {
    const back = groupParam ? `/actions/new?group=${encodeURIComponent(groupParam)}` : "/actions/new";
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  const [api, t] = await Promise.all([serverApi(), getTranslations("actions")]);
  const { groups } = await api.groups.mine();
  const organized = groups.filter((g) => g.status === "active" && g.role !== "member" && g.verified);
  if (!groupParam) {
    if (organized.length === 1) redirect(`/actions/new?group=${organized[0]!.groupId}`);
    return <ChooseGroup groups={organized} />;
  }
  const groupId = z.uuid().safeParse(groupParam);
  const group = groupId.success ? organized.find((g) => g.groupId === groupId.data) : undefined;
  if (!group) notFound();
  const meetingPoints = await api.meetingPoints.list();
  const zone = formZone(await getTimeZone());
  const tomorrow = tomorrowIn(zone);
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
          timeZone: zone,
          startDate: tomorrow,
          startTime: "09:00",
          endDate: tomorrow,
          endTime: "13:00",
          languages: ["es"],
          visibility: "public",
          meetingPointId: "",
        }}
      >
        <fieldset className="space-y-3 rounded-md border border-brand-100 p-3">
          <legend className="px-1 font-medium">{t("firstShiftTitle")}</legend>
          <p className="text-sm text-gray-700">{t("firstShiftHint")}</p>
          <div className="grid grid-cols-3 gap-3">
            <TextField name="role" label={t("fieldRole")} maxLength={80} className="col-span-2" />
            <TextField name="capacity" label={t("fieldCapacity")} type="number" min={1} max={10000} />
          </div>
        </fieldset>
      </ActionDetailsForm>
    </div>
  );
}

/** Which of their groups the action is for; or why they cannot create one yet. */
async function ChooseGroup({ groups }: { groups: { groupId: string; name: string }[] }) {
  const t = await getTranslations("actions");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("create")}</h1>
      {groups.length === 0 ? (
        <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <p>{t("createNeedsGroup")}</p>
          <Link href="/groups" className="text-brand-700 underline">
            {t("findGroups")}
          </Link>
        </div>
      ) : (
        <section aria-labelledby="choose-group" className="space-y-2">
          <h2 id="choose-group" className="text-lg font-semibold">
            {t("chooseGroup")}
          </h2>
          <ul className="space-y-2">
            {groups.map((g) => (
              <li key={g.groupId}>
                <Link
                  href={`/actions/new?group=${g.groupId}`}
                  className="block min-h-11 rounded-lg bg-white px-4 py-3 font-medium text-brand-700 shadow-sm"
                >
                  {g.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
