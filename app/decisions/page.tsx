// The collective choices of a meeting point: open ones to vote in, closed ones with their count.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { serverApi } from "../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("title") };
}

export default async function DecisionsPage() {
  const [api, t, format] = await Promise.all([serverApi(), getTranslations("decisions"), getFormatter()]);
  const { decisions, canOpen } = await api.decisions.list();
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("lead")}</p>
        {canOpen && (
          <Link
            href="/decisions/new"
            className="inline-block rounded-md bg-brand-700 px-3 py-2 font-medium text-white"
          >
            {t("open")}
          </Link>
        )}
      </header>
      {decisions.length === 0 && <p>{t("empty")}</p>}
      <ul className="space-y-3">
        {decisions.map((d) => (
          <li key={d.id} className="space-y-1 rounded-lg bg-white p-4 shadow-sm">
            <p className="text-sm font-medium text-brand-700">
              {t(`phase.${d.phase}`)} · {t(`method.${d.method}`)}
            </p>
            <h2 className="font-semibold">
              <Link href={`/decisions/${d.id}`} className="underline">
                {d.question}
              </Link>
            </h2>
            <p className="text-sm">
              {d.phase === "open" || d.phase === "upcoming"
                ? t("closesAt", {
                    when: format.dateTime(d.closesAt, { dateStyle: "medium", timeStyle: "short" }),
                  })
                : !d.candidatesShown
                  ? t("resultNotPublic")
                  : d.winnerName
                    ? t("chosenIs", { name: d.winnerName })
                    : t("nothingChosen")}{" "}
              · {t("ballotsCast", { count: d.ballotsCast })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
