// Upcoming actions: a GET form of filters, so it works with JavaScript off and every view has an address.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { FilterSelect } from "../_forms/filter-select";
import { pageHref, ResultList } from "../_lists/result-list";
import { SearchButton, SearchForm, SearchInput } from "../_lists/search-form";
import { actionKinds, locales, skills } from "@/db/schema";
import { actionListInput } from "@/server/actions/inputs";
import { serverApi } from "../_trpc/server";
import { spanFormat } from "./when";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("actions"))("title") };
}

type Search = Record<string, string | string[] | undefined>;

function parseSearch(search: Search) {
  const one = (key: string) => (typeof search[key] === "string" && search[key] ? search[key] : undefined);
  const parsed = actionListInput.safeParse({
    place: one("place"),
    kind: one("kind"),
    from: one("from"),
    language: one("language"),
    skill: one("skill"),
    after:
      one("after_at") && one("after_id")
        ? { startsAt: new Date(one("after_at")!), id: one("after_id") }
        : undefined,
  });
  return parsed.success ? parsed.data : {};
}

export default async function ActionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [t, tk, ts, tl, format, api, search] = await Promise.all([
    getTranslations("actions"),
    getTranslations("actionKinds"),
    getTranslations("skills"),
    getTranslations("languages"),
    getFormatter(),
    serverApi(),
    searchParams,
  ]);
  const readerZone = await getTimeZone();
  const filters = parseSearch(search);
  const [{ actions, next }, organizes] = await Promise.all([
    api.actions.list(filters),
    // The way to create one, for whoever organizes a verified group.
    currentSession().then(async (session) =>
      session?.user
        ? (await api.groups.mine()).groups.some(
            (g) => g.status === "active" && g.role !== "member" && g.verified,
          )
        : false,
    ),
  ]);
  const nextHref =
    next &&
    pageHref("/actions", {
      place: filters.place,
      kind: filters.kind,
      from: filters.from,
      language: filters.language,
      skill: filters.skill,
      after_at: next.startsAt.toISOString(),
      after_id: next.id,
    });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1">{t("lead")}</p>
        </div>
        {organizes && (
          <Link
            href="/actions/new"
            className="min-h-11 rounded-md bg-brand-700 px-3 py-2 font-medium text-white"
          >
            {t("newAction")}
          </Link>
        )}
      </div>
      <SearchForm action="/actions" layout="grid-cols-2 sm:grid-cols-3">
        <SearchInput
          name="place"
          label={t("place")}
          value={filters.place}
          maxLength={100}
          className="col-span-2 sm:col-span-1"
        />
        <FilterSelect
          name="kind"
          label={t("kind")}
          anyLabel={t("any")}
          value={filters.kind}
          options={actionKinds.map((kind) => [kind, tk(kind)] as const)}
        />
        <SearchInput name="from" label={t("from")} value={filters.from} type="date" />
        <FilterSelect
          name="language"
          label={t("language")}
          anyLabel={t("any")}
          value={filters.language}
          options={locales.map((locale) => [locale, tl(locale)] as const)}
        />
        <FilterSelect
          name="skill"
          label={t("skill")}
          anyLabel={t("any")}
          value={filters.skill}
          options={skills.map((skill) => [skill, ts(skill)] as const)}
        />
        <SearchButton className="col-span-2 sm:col-span-1 sm:col-start-3">{t("filter")}</SearchButton>
      </SearchForm>
      <ResultList
        items={actions}
        label={t("results")}
        empty={
          filters.place || filters.kind || filters.from || filters.language || filters.skill
            ? t("empty")
            : t("emptyNone")
        }
        itemClassName="rounded-lg bg-white p-4 shadow-sm"
        more={nextHref ? { href: nextHref, label: t("next") } : null}
      >
        {(action) => (
          <>
            <p className="text-sm font-medium text-brand-700">
              {tk(action.kind)}
              {action.visibility === "members" && ` · ${t("membersOnly")}`}
            </p>
            <Link
              href={`/actions/${action.id}`}
              className="text-lg font-semibold text-brand-800 underline-offset-2 hover:underline"
            >
              {action.title}
            </Link>
            <p className="text-sm">
              {format.dateTimeRange(action.startsAt, action.endsAt, spanFormat(action.timeZone, readerZone))}
            </p>
            <p className="text-sm text-gray-700">
              {action.placeName} · {t("organizedBy", { group: action.groupName })}
            </p>
            {action.places > 0 && (
              <p className="text-sm font-medium">{t("placesLeft", { left: action.places - action.taken })}</p>
            )}
          </>
        )}
      </ResultList>
    </div>
  );
}
