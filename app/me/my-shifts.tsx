// On /me: my upcoming shifts (with places in line and news of promotions), and my calendar feed.
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../_forms/action-form";
import { serverApi } from "../_trpc/server";
import { cancelSignupForm } from "../actions/forms";
import { spanFormat } from "../actions/when";
import { CalendarFeed } from "./calendar-feed";

export async function MyShifts() {
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("actions"), getFormatter()]);
  const readerZone = await getTimeZone();
  const [shifts, feed] = await Promise.all([api.actions.mine(), api.actions.calendarFeed()]);
  return (
    <section aria-labelledby="my-shifts" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="my-shifts" className="text-lg font-semibold">
        {t("mineTitle")}
      </h2>
      {shifts.length === 0 ? (
        <p>
          {t("mineEmpty")}{" "}
          <Link href="/actions" className="text-brand-700 underline">
            {t("findAction")}
          </Link>
        </p>
      ) : (
        <ul className="divide-y divide-brand-100">
          {shifts.map((shift) => (
            <li key={shift.id} className="space-y-1 py-2">
              <Link href={`/actions/${shift.actionId}`} className="font-medium text-brand-700 underline">
                {shift.title}
              </Link>{" "}
              <span className="text-sm">· {shift.role}</span>
              <p className="text-sm">
                {format.dateTimeRange(shift.startsAt, shift.endsAt, spanFormat(shift.timeZone, readerZone))}
              </p>
              <p className="text-sm font-medium">
                {shift.status === "waitlisted"
                  ? t("youWait", { position: shift.position ?? 0 })
                  : shift.promotedAt
                    ? t("promoted")
                    : t("youreIn")}
              </p>
              {shift.status !== "attended" && (
                <ActionForm action={cancelSignupForm} className="space-y-1">
                  <input type="hidden" name="signupId" value={shift.id} />
                  <ConfirmStep
                    question={t("cancelConfirm")}
                    confirmLabel={t("yesCancel")}
                    cancelLabel={t("keep")}
                  >
                    <SubmitButton variant="secondary" aria-label={`${t("cancelSignup")}: ${shift.title}`}>
                      {t("cancelSignup")}
                    </SubmitButton>
                  </ConfirmStep>
                  <FormMessage />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      <CalendarFeed active={feed ? format.dateTime(feed.createdAt, { dateStyle: "medium" }) : null} />
    </section>
  );
}
