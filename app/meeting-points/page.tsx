// Candidate places at the border: the map and the same points as a list, each as the reader may
// see it (an open decision's candidates are for the people deciding); organizers propose new ones.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { serverApi } from "../_trpc/server";
import { BorderMap } from "./border-map";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPoints"))("title") };
}

export default async function MeetingPointsPage() {
  const [api, t, tc, session] = await Promise.all([
    serverApi(),
    getTranslations("meetingPoints"),
    getTranslations("crossings"),
    currentSession(),
  ]);
  const points = await api.meetingPoints.list();
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("lead")}</p>
        <p className="text-sm text-gray-700">{t("candidatesNote")}</p>
        {session?.user && (
          <Link
            href="/meeting-points/new"
            className="inline-block rounded-md bg-brand-700 px-3 py-2 font-medium text-white"
          >
            {t("propose")}
          </Link>
        )}
      </header>
      <BorderMap points={points} />
      <section aria-labelledby="point-list" className="space-y-2">
        <h2 id="point-list" className="text-xl font-semibold">
          {t("listTitle")}
        </h2>
        {points.length === 0 && <p>{t("empty")}</p>}
        <ul className="space-y-2">
          {points.map((point) => (
            <li
              key={point.id}
              className={`rounded-lg bg-white p-3 shadow-sm ${point.status === "chosen" ? "border-2 border-amber-700" : ""}`}
            >
              <Link href={`/meeting-points/${point.id}`} className="font-semibold text-brand-700 underline">
                {point.name}
              </Link>
              <p className="text-sm">
                <span className={point.status === "chosen" ? "font-bold text-amber-800" : "font-medium"}>
                  {t(`status.${point.status}`)}
                </span>{" "}
                · {tc(point.crossing)} · {t(`side.${point.side}`)} ·{" "}
                {t("capacityOf", { capacity: point.capacity })}
                {point.legalObservers && ` · ${t("legalObservers")}`}
              </p>
              <p className="text-sm text-gray-700">{t("proposedBy", { group: point.groupName })}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
