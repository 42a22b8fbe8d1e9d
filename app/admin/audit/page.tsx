// The audit log for admins: newest first, filtered by person, group and kind of event. A GET form,
// so every view has its own address.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterSelect } from "../../_forms/filter-select";
import { EmptyState, MoreLink, pageHref } from "../../_lists/result-list";
import { SearchButton, SearchForm, SearchInput } from "../../_lists/search-form";
import { currentSession } from "@/server/auth";
import { auditKinds, auditQueryInput } from "@/server/audit/inputs";
import { serverApi } from "../../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("auditTitle"), robots: { index: false } };
}

type Search = Record<string, string | string[] | undefined>;

function parseSearch(search: Search) {
  const one = (key: string) => (typeof search[key] === "string" && search[key] ? search[key] : undefined);
  const beforeAt = one("before_at");
  const parsed = auditQueryInput.safeParse({
    actorId: one("actor"),
    groupId: one("group"),
    kind: one("kind"),
    before: beforeAt && one("before_id") ? { at: new Date(beforeAt), id: one("before_id") } : undefined,
  });
  return parsed.success ? parsed.data : {};
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, format, search] = await Promise.all([
    serverApi(),
    getTranslations("admin"),
    getFormatter(),
    searchParams,
  ]);
  const filters = parseSearch(search);
  const { events, next } = await api.audit.list(filters);
  const query = (extra: Record<string, string>) =>
    pageHref("/admin/audit", {
      actor: filters.actorId,
      group: filters.groupId,
      kind: filters.kind,
      ...extra,
    });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("auditTitle")}</h1>
      <p>{t("auditLead")}</p>
      <SearchForm action="/admin/audit" layout="sm:grid-cols-4">
        <SearchInput name="actor" label={t("actor")} value={filters.actorId} type="text" />
        <SearchInput name="group" label={t("group")} value={filters.groupId} type="text" />
        <FilterSelect
          name="kind"
          label={t("kind")}
          anyLabel={t("any")}
          value={filters.kind}
          options={auditKinds.map((kind) => [kind, t(`kinds.${kind}`)] as const)}
        />
        <div className="flex items-end gap-2">
          <SearchButton>{t("filter")}</SearchButton>
          <Link href="/admin/audit" className="py-2 text-sm text-brand-700 underline">
            {t("clear")}
          </Link>
        </div>
      </SearchForm>
      {events.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-brand-100">
                <th scope="col" className="p-2">
                  {t("when")}
                </th>
                <th scope="col" className="p-2">
                  {t("who")}
                </th>
                <th scope="col" className="p-2">
                  {t("what")}
                </th>
                <th scope="col" className="p-2">
                  {t("where")}
                </th>
                <th scope="col" className="p-2">
                  {t("details")}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} className="border-b border-brand-50 align-top">
                  <td className="whitespace-nowrap p-2">
                    {format.dateTime(event.at, { dateStyle: "short", timeStyle: "short" })}
                  </td>
                  <td className="p-2">
                    {event.actorId ? (
                      <Link href={query({ actor: event.actorId })} className="text-brand-700 underline">
                        {event.actorName ?? event.actorId.slice(0, 8)}
                      </Link>
                    ) : (
                      t("system")
                    )}
                  </td>
                  <td className="p-2 font-mono">{event.action}</td>
                  <td className="p-2">
                    {event.groupId && (
                      <Link href={query({ group: event.groupId })} className="text-brand-700 underline">
                        {event.groupName ?? event.groupId.slice(0, 8)}
                      </Link>
                    )}
                  </td>
                  <td className="p-2 font-mono text-xs">
                    {event.detail
                      ? Object.entries(event.detail)
                          .map(([k, v]) => `${k}=${String(v)}`)
                          .join(" ")
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <MoreLink href={query({ before_at: next.at.toISOString(), before_id: next.id })}>
          {t("older")}
        </MoreLink>
      )}
    </div>
  );
}
