// After signing up by email: which shift the link will confirm, and what to do next. The place is
// taken when the person follows the link (server/actions/signups.ts, recordSignupIntent).
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { orNotFound, serverApi } from "../../../_trpc/server";
import { spanFormat } from "../../when";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signupSent"))("title"), robots: { index: false } };
}

export default async function SignupSentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ shift?: string }>;
}) {
  const [{ id }, { shift: shiftId }, t, format] = await Promise.all([
    params,
    searchParams,
    getTranslations("signupSent"),
    getFormatter(),
  ]);
  const readerZone = await getTimeZone();
  const action = await orNotFound((await serverApi()).actions.get({ actionId: id }));
  const shift = action.shifts.find((s) => s.id === shiftId);
  return (
    <section className="mx-auto max-w-md space-y-3" aria-live="polite">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>
        {shift
          ? t("forShift", {
              role: shift.role,
              action: action.title,
              when: format.dateTimeRange(
                shift.startsAt,
                shift.endsAt,
                spanFormat(action.timeZone, readerZone),
              ),
            })
          : t("forAction", { action: action.title })}
      </p>
      <p>{t("howLong")}</p>
      <p className="text-sm text-gray-700">{t("notArrived")}</p>
      <Link href={`/actions/${action.id}`} className="inline-block text-brand-700 underline">
        {t("back")}
      </Link>
    </section>
  );
}
