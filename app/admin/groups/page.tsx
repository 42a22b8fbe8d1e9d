// Vetting: the queue of groups waiting for an admin's verification.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { ActionForm, FieldError, FormMessage, SubmitButton, Textarea } from "../../_forms/action-form";
import { serverApi } from "../../_trpc/server";
import { verifyGroupForm } from "../../groups/forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("vettingTitle"), robots: { index: false } };
}

export default async function VettingPage() {
  if (!(await currentSession())?.user?.isAdmin) notFound();
  const [api, t, tk, tc, format, locale] = await Promise.all([
    serverApi(),
    getTranslations("admin"),
    getTranslations("groupKinds"),
    getTranslations("countries"),
    getFormatter(),
    getLocale(),
  ]);
  const queue = await api.groups.vettingQueue();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("vettingTitle")}</h1>
      <p>{t("vettingLead")}</p>
      {queue.length === 0 ? (
        <p role="status" className="rounded-lg bg-white p-4">
          {t("queueEmpty")}
        </p>
      ) : (
        <ul className="space-y-4">
          {queue.map((group) => (
            <li key={group.id} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">
                <Link href={`/groups/${group.slug}`} className="text-brand-700 underline">
                  {group.name}
                </Link>
              </h2>
              <p className="text-sm text-gray-700">
                {tk(group.kind)} · {group.city}, {group.region} · {tc(group.country)} ·{" "}
                {t("members", { count: group.members })} ·{" "}
                {t("askedOn", { date: format.dateTime(group.createdAt, { dateStyle: "medium" }) })}
              </p>
              <p className="whitespace-pre-line text-sm">
                {(locale === "es" ? group.descriptionEs : group.descriptionEn) ||
                  group.descriptionEs ||
                  group.descriptionEn}
              </p>
              {group.contact && <p className="break-words text-sm">{group.contact}</p>}
              <ActionForm action={verifyGroupForm} className="space-y-2" aria-label={group.name}>
                <input type="hidden" name="groupId" value={group.id} />
                <label htmlFor={`note`} className="block text-sm font-medium">
                  {t("note")}
                </label>
                <Textarea name="note" rows={2} maxLength={1000} />
                <FieldError name="note" />
                <div className="flex flex-wrap items-center gap-2">
                  <SubmitButton name="decision" value="verify">
                    {t("verify")}
                  </SubmitButton>
                  <SubmitButton name="decision" value="reject" variant="danger">
                    {t("reject")}
                  </SubmitButton>
                  <FormMessage />
                </div>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
