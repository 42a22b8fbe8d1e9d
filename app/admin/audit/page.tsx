// The audit log for admins: newest first, filtered by person, group and kind of event. A GET form,
// so every view has its own address.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterSelect } from "../../_forms/filter-select";
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
    `/admin/audit?${new URLSearchParams({
      ...(filters.actorId ? { actor: filters.actorId } : {}),
      ...(filters.groupId ? { group: filters.groupId } : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...extra,
    })}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("auditTitle")}</h1>
      <p>{t("auditLead")}</p>
      <form
        method="get"
        action="/admin/audit"
        className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4"
      >
        <div>
          <label htmlFor="actor" className="block text-sm font-medium">
            {t("actor")}
          </label>
          <input
            id="actor"
            name="actor"
            defaultValue={filters.actorId ?? ""}
            className="w-full rounded-md border border-gray-500 px-2 py-2"
          />
        </div>
        <div>
          <label htmlFor="group" className="block text-sm font-medium">
            {t("group")}
          </label>
          <input
            id="group"
            name="group"
            defaultValue={filters.groupId ?? ""}
            className="w-full rounded-md border border-gray-500 px-2 py-2"
          />
        </div>
        <FilterSelect
          name="kind"
          label={t("kind")}
          anyLabel={t("any")}
          value={filters.kind}
          options={auditKinds.map((kind) => [kind, t(`kinds.${kind}`)] as const)}
        />
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            {t("filter")}
          </button>
          <Link href="/admin/audit" className="py-2 text-sm text-brand-700 underline">
            {t("clear")}
          </Link>
        </div>
      </form>
      {events.length === 0 ? (
        <p role="status" className="rounded-lg bg-white p-4">
          {t("empty")}
        </p>
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
        <Link
          href={query({ before_at: next.at.toISOString(), before_id: next.id })}
          className="inline-block rounded-md border border-brand-700 px-4 py-2 text-brand-700"
        >
          {t("older")}
        </Link>
      )}
    </div>
  );
}
