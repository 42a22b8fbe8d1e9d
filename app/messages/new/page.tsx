// Writing a message, for coordinators and organizers (groups, or the volunteers of an action or a
// shift) and for caravan delegates (the caravan line, or one verified group's coordinators): the
// text in Spanish, English or both, and whether it is urgent.
// "Count recipients" posts the same form and answers how many people it would reach.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { spanFormat } from "../../actions/when";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton, Textarea } from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import { composeForm } from "../forms";
import { Choice } from "../../_forms/choice";
import { Reach } from "./choice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("messages"))("compose"), robots: { index: false } };
}

/** `?voice=line:CARAVAN` ticks that audience, as the "write to the groups" link of a delegate's home does. */
export default async function ComposePage({
  searchParams,
}: {
  searchParams: Promise<{ voice?: string | string[] }>;
}) {
  const { voice } = await searchParams;
  if (!(await currentSession())?.user) redirect(`/signin?callbackUrl=${encodeURIComponent("/messages/new")}`);
  const [api, t, tr] = await Promise.all([
    serverApi(),
    getTranslations("messages"),
    getTranslations("roles"),
  ]);
  const choices = await api.messages.audienceChoices();
  if (choices.groups.length === 0 && choices.speaksFor.length === 0) notFound();
  // A shift's start in its action's zone, named when it is not the reader's.
  const [format, readerZone] = await Promise.all([getFormatter(), getTimeZone()]);
  const when = (d: Date, timeZone: string) => format.dateTime(d, spanFormat(timeZone, readerZone));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("compose")}</h1>
      <ActionForm action={composeForm} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
        {choices.speaksFor.map((caravan) => (
          <fieldset key={caravan.id} className="space-y-1">
            <legend className="font-medium">{t("voiceLegend", { caravan: caravan.name })}</legend>
            <Choice name="voice" value={`line:${caravan.id}`} defaultChecked={voice === `line:${caravan.id}`}>
              {t("caravanLine")}
            </Choice>
            {choices.lineGroups.map((g) => (
              <Choice key={g.id} name="voice" value={`group:${caravan.id}:${g.id}`}>
                {t("groupCoordinators", { group: g.name })}
              </Choice>
            ))}
          </fieldset>
        ))}
        {choices.groups.length > 0 && (
          <>
            <fieldset className="space-y-1">
              <legend className="font-medium">{t("groupsLegend")}</legend>
              {choices.groups.map((g) => (
                <Choice key={g.id} name="groupIds" value={g.id}>
                  {g.name}
                </Choice>
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="font-medium">{t("rolesLegend")}</legend>
              {(["coordinator", "organizer", "member"] as const).map((role) => (
                <Choice key={role} name="roles" value={role} defaultChecked>
                  {tr(role)}
                </Choice>
              ))}
            </fieldset>
          </>
        )}
        {choices.actions.length > 0 && (
          <>
            <fieldset className="space-y-1">
              <legend className="font-medium">{t("volunteersLegend")}</legend>
              {choices.actions.map((a) => (
                <div key={a.id} className="space-y-1">
                  <Choice name="volunteers" value={`action:${a.id}`}>
                    {t("wholeAction", { title: a.title })}
                  </Choice>
                  {a.shifts.length > 1 &&
                    a.shifts.map((s) => (
                      <div key={s.id} className="pl-6">
                        <Choice name="volunteers" value={`shift:${s.id}`}>
                          {s.role} · {when(s.startsAt, a.timeZone)}
                        </Choice>
                      </div>
                    ))}
                </div>
              ))}
            </fieldset>
            <fieldset className="space-y-1">
              <legend className="font-medium">{t("statusesLegend")}</legend>
              <Choice name="statuses" value="confirmed" defaultChecked>
                {t("confirmed")}
              </Choice>
              <Choice name="statuses" value="waitlisted">
                {t("waitlisted")}
              </Choice>
            </fieldset>
          </>
        )}
        {choices.caravans.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("caravansLegend")}</legend>
            {choices.caravans.map((c) => (
              <Choice key={c.id} name="caravanIds" value={c.id}>
                {c.name}
              </Choice>
            ))}
          </fieldset>
        )}
        <FieldError name="audience" />
        <p id="bodyEs-hint" className="text-sm text-gray-700">
          {t("bodyHint")}
        </p>
        {(["Es", "En"] as const).map((lang) => (
          <div key={lang} className="space-y-2">
            <div className="space-y-1">
              <label htmlFor={`subject${lang}`} className="block font-medium">
                {t(`subject${lang}`)}
              </label>
              <Input name={`subject${lang}`} maxLength={200} lang={lang.toLowerCase()} />
              <FieldError name={`subject${lang}`} />
            </div>
            <div className="space-y-1">
              <label htmlFor={`body${lang}`} className="block font-medium">
                {t(`body${lang}`)}
              </label>
              <Textarea
                name={`body${lang}`}
                rows={6}
                maxLength={10_000}
                lang={lang.toLowerCase()}
                aria-describedby="bodyEs-hint"
              />
              <FieldError name={`body${lang}`} />
            </div>
          </div>
        ))}
        <Choice name="urgent" value="on">
          {t("urgentLabel")}
        </Choice>
        <Reach />
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="intent" value="count" variant="secondary">
            {t("preview")}
          </SubmitButton>
          <SubmitButton name="intent" value="send" pendingLabel={t("sending")}>
            {t("send")}
          </SubmitButton>
        </div>
        <FormMessage />
      </ActionForm>
    </div>
  );
}
