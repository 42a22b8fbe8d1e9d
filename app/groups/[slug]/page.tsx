// A group's page: public details for everyone; the roster and its management for members.
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { orNotFound, serverApi } from "../../_trpc/server";
import { ActionList } from "../../actions/action-list";
import { MembersPanel, MyStanding } from "./membership";

type Params = Promise<{ slug: string }>;

// generateMetadata and the page both read the group: once per request.
const bySlug = cache(async (slug: string) => orNotFound((await serverApi()).groups.bySlug({ slug })));
const load = async (params: Params) => bySlug((await params).slug);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const group = await load(params);
  return { title: group.name, robots: group.verified ? undefined : { index: false } };
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ created?: string }>;
}) {
  const group = await load(params);
  const [t, ta, tk, tc, locale, session, search, api] = await Promise.all([
    getTranslations("groups"),
    getTranslations("actions"),
    getTranslations("groupKinds"),
    getTranslations("countries"),
    getLocale(),
    currentSession(),
    searchParams,
    serverApi(),
  ]);
  const upcoming = group.verified ? (await api.actions.list({ groupId: group.id })).actions.slice(0, 5) : [];
  const description =
    (locale === "es" ? group.descriptionEs : group.descriptionEn) ||
    group.descriptionEs ||
    group.descriptionEn;
  const otherDescription = locale === "es" ? group.descriptionEn : group.descriptionEs;
  const active = group.membership?.status === "active" ? group.membership : null;
  return (
    <article className="space-y-5">
      <Link href="/groups" className="text-sm text-brand-700 underline">
        {t("backToDirectory")}
      </Link>
      {search.created && (
        <p role="status" className="rounded-md bg-brand-100 p-3">
          {t("created")}
        </p>
      )}
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{group.name}</h1>
        <p className="text-sm text-gray-700">
          {tk(group.kind)} · {t("where", { city: group.city, region: group.region })} · {tc(group.country)}
        </p>
        <p className={group.verified ? "text-sm font-medium text-brand-700" : "text-sm text-gray-700"}>
          {group.verified ? `✓ ${t("verified")}` : t("unverified")}
        </p>
        {active?.role === "coordinator" && (
          <Link href={`/groups/${group.slug}/edit`} className="text-sm text-brand-700 underline">
            {t("edit")}
          </Link>
        )}
      </header>
      {group.vetting && !group.verified && (
        <div className="rounded-md border border-sun-500 bg-white p-3 text-sm">
          <p>{group.vetting.rejected ? t("vettingRejected") : t("vettingPending")}</p>
          {group.vetting.note && <p>{t("vettingNote", { note: group.vetting.note })}</p>}
        </div>
      )}
      <MyStanding group={group} signedIn={Boolean(session?.user)} />
      {description && (
        <section aria-labelledby="about">
          <h2 id="about" className="font-semibold">
            {t("about")}
          </h2>
          <p className="whitespace-pre-line">{description}</p>
          {otherDescription && otherDescription !== description && (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-700">
                {locale === "es" ? "English" : "Español"}
              </summary>
              <p lang={locale === "es" ? "en" : "es"} className="whitespace-pre-line">
                {otherDescription}
              </p>
            </details>
          )}
        </section>
      )}
      {group.contact && (
        <section aria-labelledby="contact">
          <h2 id="contact" className="font-semibold">
            {t("contact")}
          </h2>
          <p className="break-words">{group.contact}</p>
        </section>
      )}
      {group.verified && (
        <section aria-labelledby="upcoming" className="space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="upcoming" className="mr-auto text-lg font-semibold">
              {ta("upcomingOfGroup")}
            </h2>
            {active && active.role !== "member" && (
              <Link
                href={`/actions/new?group=${group.id}`}
                className="rounded-md border border-brand-700 bg-white px-3 py-1 text-sm font-medium text-brand-700"
              >
                {ta("create")}
              </Link>
            )}
          </div>
          <ActionList actions={upcoming} emptyText={ta("empty")} />
        </section>
      )}
      {active && <MembersPanel groupId={group.id} role={active.role} />}
    </article>
  );
}
