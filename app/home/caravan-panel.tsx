// On a delegate's home, one panel per caravan they speak for: its status, latest report and its age,
// its open needs with the pledges made against them, its ballots and ratifications, a short
// "report where we are" form (the caravan page's own report action and fields: the place asked
// afresh, the headcount refilled and the needs carried over from the latest report), and a way to
// write to the groups.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Home } from "@/server/home/home";
import { ActionForm, FieldError, FormMessage, Input, SubmitButton } from "../_forms/action-form";
import { PlacePicker } from "../_forms/place-picker";
import { placePickerText } from "../_forms/place-picker-text";
import { reportForm } from "../caravans/forms";

type Caravan = Home["caravans"][number];

export async function CaravanPanels({ caravans }: { caravans: Caravan[] }) {
  return caravans.map((caravan) => <CaravanPanel key={caravan.id} caravan={caravan} />);
}

async function CaravanPanel({ caravan }: { caravan: Caravan }) {
  const [t, tc, ts, tn, format] = await Promise.all([
    getTranslations("delegateHome"),
    getTranslations("caravans"),
    getTranslations("caravanStatus"),
    getTranslations("needKinds"),
    getFormatter(),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const day = (s: string) =>
    format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const heading = `caravan-${caravan.id}`;
  const latest = caravan.latest;
  // Ids unique on the page, should a person speak for more than one caravan.
  const id = (name: string) => `${name}-${caravan.id}`;
  // The last report's town is a hint, never a value: a new report says where the caravan is now.
  const placeText = await placePickerText(tc("fieldPlace"), {
    lastPlace: latest?.placeName,
    decimals: 1,
  });
  return (
    <section aria-labelledby={heading} className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <header className="space-y-1">
        <h2 id={heading} className="text-lg font-semibold">
          {t("title", { caravan: caravan.name })}
        </h2>
        <p>{t("status", { status: ts(caravan.status) })}</p>
      </header>

      <div className="space-y-1">
        <h3 className="font-semibold">{t("latestTitle")}</h3>
        {latest ? (
          <p>
            {t("latest", { place: latest.placeName, headcount: latest.headcount })}
            <br />
            <span className="text-sm text-gray-700">
              {t("reportedAt", {
                when: when(latest.reportedAt),
                ago: format.relativeTime(latest.reportedAt),
              })}
            </span>
          </p>
        ) : (
          <p>{t("noReport")}</p>
        )}
      </div>

      {latest && (
        <div className="space-y-1">
          <h3 className="font-semibold">{t("needsTitle")}</h3>
          {caravan.needs.length === 0 ? (
            <p>{t("noNeeds")}</p>
          ) : (
            <ul className="space-y-2">
              {caravan.needs.map((need) => (
                <li key={need.id} className="rounded-md border border-brand-100 p-2">
                  <p className="font-medium">
                    {need.quantity === null
                      ? t("needNoQuantity", { need: tn(need.kind) })
                      : t("need", { need: tn(need.kind), quantity: need.quantity })}
                    {need.note && <span className="font-normal"> · {need.note}</span>}
                  </p>
                  <p className="text-sm text-gray-700">
                    {need.quantity === null
                      ? t("pledgedNoQuantity", { pledged: need.pledged })
                      : t("pledged", { pledged: need.pledged, quantity: need.quantity })}
                  </p>
                  {need.pledges.length === 0 ? (
                    <p className="text-sm text-gray-700">{t("noPledges")}</p>
                  ) : (
                    <ul className="list-disc pl-5 text-sm">
                      {need.pledges.map((p) => (
                        <li key={p.id}>
                          {t("pledge", {
                            group: p.groupName,
                            what: p.what,
                            quantity: p.quantity,
                            date: day(p.byDate),
                          })}
                          {p.status === "delivered" && ` · ${t("delivered")}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="space-y-1">
        <h3 className="font-semibold">{t("decisionsTitle")}</h3>
        {caravan.ballots.length + caravan.ratifications.length === 0 ? (
          <p>{t("noDecisions")}</p>
        ) : (
          <ul className="space-y-1">
            {caravan.ratifications.map((r) => (
              <li key={`r-${r.decisionId}`}>
                <Link href={`/decisions/${r.decisionId}#ratification`} className="text-brand-700 underline">
                  {r.answer === null
                    ? t("ratifyNow", { question: r.question })
                    : t("ratified", { question: r.question, answer: t(r.answer ? "yes" : "no") })}
                </Link>
                {r.ratifyBy && (
                  <span className="block text-sm text-gray-700">
                    {t("ratifyBy", { by: when(r.ratifyBy) })}
                  </span>
                )}
              </li>
            ))}
            {caravan.ballots.map((d) => (
              <li key={`b-${d.id}`}>
                <Link href={`/decisions/${d.id}`} className="text-brand-700 underline">
                  {t(d.voted ? "voted" : "voteNow", { question: d.question })}
                </Link>
                <span className="block text-sm text-gray-700">
                  {t("closes", { closes: when(d.closesAt), ago: format.relativeTime(d.closesAt) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {caravan.status !== "dispersed" && (
        <ActionForm
          action={reportForm}
          aria-label={t("reportTitle")}
          className="space-y-3 rounded-md border border-brand-100 p-3"
        >
          <h3 className="font-semibold">{t("reportTitle")}</h3>
          <p className="text-sm text-gray-700">{t("reportLead")}</p>
          <input type="hidden" name="caravanId" value={caravan.id} />
          <input type="hidden" name="from" value="home" />
          {caravan.needs.flatMap((need) => [
            <input
              key={`q-${need.id}`}
              type="hidden"
              name={`need-${need.kind}`}
              value={need.quantity ?? ""}
            />,
            <input key={`n-${need.id}`} type="hidden" name={`note-${need.kind}`} value={need.note} />,
          ])}
          <PlacePicker idPrefix={`${caravan.id}-`} text={placeText} />
          <div className="space-y-1">
            <label htmlFor={id("headcount")} className="block font-medium">
              {tc("fieldHeadcount")}
            </label>
            <Input
              name="headcount"
              id={id("headcount")}
              type="number"
              min={0}
              inputMode="numeric"
              required
              defaultValue={latest ? String(latest.headcount) : ""}
            />
            <FieldError name="headcount" />
          </div>
          <SubmitButton>{t("reportSend")}</SubmitButton>
          <FieldError name="needs" />
          <FormMessage />
          <Link href={`/caravans/${caravan.id}/report`} className="block text-sm text-brand-700 underline">
            {t("fullReport")}
          </Link>
        </ActionForm>
      )}

      <p className="flex flex-wrap gap-x-4 gap-y-2">
        <Link
          href={`/messages/new?voice=line:${caravan.id}`}
          className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
        >
          {t("write")}
        </Link>
        <Link href={`/caravans/${caravan.id}`} className="self-center text-brand-700 underline">
          {t("open")}
        </Link>
      </p>
    </section>
  );
}
