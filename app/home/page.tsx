// A signed-in person's home: what needs them now (urgent messages, ballots their groups owe,
// pledges falling due, join requests and invitations), the caravans they speak for as a delegate,
// their next shifts, and the next step when nothing does. One call to the server (home.mine); no script of its own.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../_trpc/server";
import { CaravanPanels } from "./caravan-panel";
import { NextShifts } from "./next-shifts";
import { Waiting } from "./waiting";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("myHome"))("title"), robots: { index: false } };
}

export default async function HomePage() {
  const session = await currentSession();
  if (!session?.user) redirect("/signin?callbackUrl=/home");
  const [api, t, th, tc, ta] = await Promise.all([
    serverApi(),
    getTranslations("myHome"),
    getTranslations("home"),
    getTranslations("crossings"),
    getTranslations("actions"),
  ]);
  const home = await api.home.mine();
  const waiting =
    home.urgent.length +
    home.ratifications.length +
    home.ballots.length +
    home.pledges.length +
    home.requests.length +
    home.invitations.length;
  const name = session.user.name;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{name ? t("greeting", { name }) : t("title")}</h1>
        <p className="text-gray-800">{t("summary", { count: waiting })}</p>
      </header>

      <Waiting home={home} />
      <CaravanPanels caravans={home.caravans} />
      <NextShifts shifts={home.shifts} more={home.moreShifts} />

      {!home.inAGroup && (
        <section aria-labelledby="join-a-group" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="join-a-group" className="text-lg font-semibold">
            {t("joinTitle")}
          </h2>
          {home.pendingGroups.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5">
              {home.pendingGroups.map((group) => (
                <li key={group.slug}>
                  <Link href={`/groups/${group.slug}`} className="text-brand-700 underline">
                    {t("pendingRequest", { group: group.name })}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("joinLead")}</p>
          )}
          <Link
            href="/groups"
            className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
          >
            {t("findGroup")}
          </Link>
        </section>
      )}

      {(home.organizes || home.coordinates) && (
        <p className="flex flex-wrap gap-x-4 gap-y-2">
          {home.organizes && (
            <Link href="/actions/new" className="font-medium text-brand-700 underline">
              {ta("newAction")}
            </Link>
          )}
          {home.coordinates && (
            <Link href="/coordinate" className="font-medium text-brand-700 underline">
              {t("overviewLink")}
            </Link>
          )}
        </p>
      )}

      {home.chosen && (
        <section aria-labelledby="chosen" className="rounded-lg border-2 border-amber-700 bg-white p-4">
          <h2 id="chosen" className="text-lg font-semibold">
            ★ {th("chosenTitle")}
          </h2>
          <p className="mt-1">
            {th("chosenLead", { name: home.chosen.name, crossing: tc(home.chosen.crossing) })}
          </p>
          <Link
            href={`/meeting-points/${home.chosen.id}`}
            className="mt-2 inline-block font-medium text-brand-700 underline"
          >
            {th("chosenLink")}
          </Link>
        </section>
      )}
    </div>
  );
}
