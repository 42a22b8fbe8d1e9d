// The public directory of verified groups: a GET form, so searching works with JavaScript off
// and every result page has its own shareable address.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "../_forms/filter-select";
import { pageHref, ResultList } from "../_lists/result-list";
import { SearchButton, SearchForm, SearchInput } from "../_lists/search-form";
import { countries, groupKinds } from "@/db/schema";
import { directoryInput } from "@/server/groups/inputs";
import { currentSession } from "@/server/auth";
import { serverApi } from "../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

type Search = Record<string, string | string[] | undefined>;

function parseSearch(search: Search) {
  const one = (key: string) => (typeof search[key] === "string" && search[key] ? search[key] : undefined);
  const parsed = directoryInput.safeParse({
    query: one("q"),
    kind: one("kind"),
    country: one("country"),
    after: one("after_id") ? { name: one("after_name") ?? "", id: one("after_id") } : undefined,
  });
  return parsed.success ? parsed.data : {};
}

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [t, tk, tc, api, search, session] = await Promise.all([
    getTranslations("groups"),
    getTranslations("groupKinds"),
    getTranslations("countries"),
    serverApi(),
    searchParams,
    currentSession(),
  ]);
  const filters = parseSearch(search);
  const { groups, next } = await api.groups.directory(filters);
  const nextHref =
    next &&
    pageHref("/groups", {
      q: filters.query,
      kind: filters.kind,
      country: filters.country,
      after_name: next.name,
      after_id: next.id,
    });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1">{t("lead")}</p>
        </div>
        {session?.user && (
          <Link
            href="/groups/new"
            className="rounded-md border border-brand-700 bg-white px-3 py-2 font-medium text-brand-700"
          >
            {t("create")}
          </Link>
        )}
      </div>
      <SearchForm action="/groups" layout="sm:grid-cols-4">
        <SearchInput
          name="q"
          label={t("search")}
          value={filters.query}
          maxLength={100}
          className="sm:col-span-2"
        />
        <FilterSelect
          name="kind"
          label={t("kind")}
          anyLabel={t("any")}
          value={filters.kind}
          options={groupKinds.map((kind) => [kind, tk(kind)] as const)}
        />
        <FilterSelect
          name="country"
          label={t("country")}
          anyLabel={t("any")}
          value={filters.country}
          options={countries.map((country) => [country, tc(country)] as const)}
        />
        <SearchButton className="sm:col-start-4">{t("filter")}</SearchButton>
      </SearchForm>
      <ResultList
        items={groups}
        label={t("results")}
        empty={filters.query || filters.kind || filters.country ? t("empty") : t("emptyNone")}
        itemClassName="rounded-lg bg-white p-4 shadow-sm"
        more={nextHref ? { href: nextHref, label: t("next") } : null}
      >
        {(group) => (
          <>
            <Link
              href={`/groups/${group.slug}`}
              className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline"
            >
              {group.name}
            </Link>
            <p className="text-sm text-gray-700">
              {tk(group.kind)} · {t("where", { city: group.city, region: group.region })} ·{" "}
              {tc(group.country)}
            </p>
          </>
        )}
      </ResultList>
    </div>
  );
}
