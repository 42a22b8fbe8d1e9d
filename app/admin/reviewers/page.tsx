// Story reviewers, for admins: who reviews stories (and proposed meeting points) now, finding a
// person by their whole email address or part of their name, and granting or withdrawing the role,
// each confirmed first and written to the audit log. Anyone else finds no page here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, ConfirmStep, FormMessage, SubmitButton } from "../../_forms/action-form";
import { SearchButton, SearchForm, SearchInput } from "../../_lists/search-form";
import { serverApi } from "../../_trpc/server";
import { setReviewerForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reviewers"))("title"), robots: { index: false } };
}

type SearchParams = Promise<{ q?: string | string[] }>;

/** Grants (`reviewer`) or withdraws the role of one person, after a confirmation naming them. */
async function RoleForm({ userId, name, reviewer }: { userId: string; name: string; reviewer: boolean }) {
  const t = await getTranslations("reviewers");
  const action = reviewer ? t("grant") : t("withdraw");
  return (
    <ActionForm action={setReviewerForm} aria-label={`${action}: ${name}`} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="reviewer" value={String(reviewer)} />
      <ConfirmStep
        question={reviewer ? t("grantQuestion", { name }) : t("withdrawQuestion", { name })}
        confirmLabel={reviewer ? t("yesGrant") : t("yesWithdraw")}
        cancelLabel={t("cancel")}
      >
        <SubmitButton variant={reviewer ? "primary" : "danger"}>{action}</SubmitButton>
      </ConfirmStep>
      <FormMessage success={reviewer ? t("granted") : t("withdrawn")} />
    </ActionForm>
  );
}

export default async function ReviewersPage({ searchParams }: { searchParams: SearchParams }) {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, { q }] = await Promise.all([serverApi(), getTranslations("reviewers"), searchParams]);
  const query = (Array.isArray(q) ? q[0] : q)?.trim() ?? "";
  const reviewers = await api.reviewers.list();
  let found: Awaited<ReturnType<typeof api.reviewers.find>> | null = null;
  let searchError = "";
  if (query) {
    try {
      found = await api.reviewers.find({ query });
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code !== "BAD_REQUEST") throw error;
      searchError = t("queryTooShort");
    }
  }
  const unnamed = t("unnamed");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>

      <section aria-labelledby="current" className="space-y-2">
        <h2 id="current" className="text-xl font-semibold">
          {t("current")}
        </h2>
        {reviewers.length === 0 ? (
          <p role="status" className="rounded-lg bg-white p-4">
            {t("none")}
          </p>
        ) : (
          <ul className="space-y-2">
            {reviewers.map((r) => (
              <li
                key={r.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm"
              >
                <span className="font-medium">{r.name ?? unnamed}</span>
                <RoleForm userId={r.id} name={r.name ?? unnamed} reviewer={false} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="find" className="space-y-3">
        <h2 id="find" className="text-xl font-semibold">
          {t("find")}
        </h2>
        <SearchForm action="/admin/reviewers" layout="sm:grid-cols-[1fr_auto] sm:items-end">
          <SearchInput
            name="q"
            label={t("query")}
            value={query}
            aria-describedby="q-hint"
            minLength={2}
            maxLength={200}
            autoComplete="off"
          />
          <SearchButton>{t("search")}</SearchButton>
          <p id="q-hint" className="text-sm text-gray-700 sm:col-span-2">
            {t("queryHint")}
          </p>
        </SearchForm>
        {searchError && (
          <p role="alert" className="text-sm font-medium text-red-800">
            {searchError}
          </p>
        )}
        {found && found.length === 0 && (
          <p role="status" className="rounded-lg bg-white p-4">
            {t("nobodyFound")}
          </p>
        )}
        {found && found.length > 0 && (
          <ul className="space-y-2" aria-label={t("results")}>
            {found.map((person) => (
              <li
                key={person.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm"
              >
                <span>
                  <span className="block font-medium">{person.name ?? unnamed}</span>
                  <span className="block text-sm text-gray-700">{person.email}</span>
                </span>
                {person.isAdmin ? (
                  <span className="text-sm">{t("isAdmin")}</span>
                ) : person.reviewer ? (
                  <span className="text-sm">{t("already")}</span>
                ) : (
                  <RoleForm userId={person.id} name={person.name ?? unnamed} reviewer />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
