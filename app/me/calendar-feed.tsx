// The private calendar link: made on request, shown once, revocable.
import { getTranslations } from "next-intl/server";
import { ActionForm, SubmitButton } from "../_forms/action-form";
import { CalendarLink } from "./calendar-link";
import { createCalendarFeedForm, revokeCalendarFeedForm } from "./forms";

export async function CalendarFeed({ active }: { active: string | null }) {
  const t = await getTranslations("actions");
  return (
    <div className="space-y-2 border-t border-brand-100 pt-3">
      <h3 className="font-medium">{t("calendarTitle")}</h3>
      <p className="text-sm">{t("calendarLead")}</p>
      {active && <p className="text-sm">{t("calendarActive", { date: active })}</p>}
      <ActionForm action={createCalendarFeedForm} className="space-y-2">
        <SubmitButton variant="secondary">{active ? t("calendarReplace") : t("calendarCreate")}</SubmitButton>
        <CalendarLink note={t("calendarShownOnce")} />
      </ActionForm>
      {active && (
        <ActionForm action={revokeCalendarFeedForm}>
          <SubmitButton variant="danger">{t("calendarRevoke")}</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}
