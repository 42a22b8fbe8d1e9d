// A decision's safety objections, beside its options and its count: any voter may raise one while
// voting is open; a coordinator resolves a group's in writing, and only the caravan's own delegates
// withdraw a caravan's; everyone sees the resolutions, and only voters (delegates too) and
// coordinators read the reasons.
import { getFormatter, getTranslations } from "next-intl/server";
import type { getDecision } from "@/server/decisions/decisions";
import { ActionForm, FieldError, FormMessage, SubmitButton, Textarea } from "../_forms/action-form";
import { SelectField, TextAreaField } from "../_forms/fields";
import { raiseObjectionForm, resolveObjectionForm, withdrawObjectionForm } from "./forms";

type Decision = Awaited<ReturnType<typeof getDecision>>;

export async function SafetyObjections({ decision }: { decision: Decision }) {
  const [t, format] = await Promise.all([getTranslations("decisions.objections"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const names = new Map(decision.options.map((o) => [o.id, o.name]));
  // Everyone who votes may object: for one of their groups, or for a caravan they speak for.
  const voters = [
    ...decision.voting.map((v) => ({ value: `group:${v.groupId}`, name: v.groupName })),
    ...decision.delegateVoting.map((v) => ({ value: `caravan:${v.caravanId}`, name: v.caravanName })),
  ];
  const mayRaise = decision.phase === "open" && voters.length > 0;
  if (decision.objections.length === 0 && !mayRaise) return null;
  return (
    <section aria-labelledby="objections" className="space-y-3">
      <h2 id="objections" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-gray-700">{t("lead")}</p>
      {decision.objections.length === 0 ? (
        <p className="text-sm">{t("none")}</p>
      ) : (
        <ul className="space-y-3">
          {decision.objections.map((objection) => (
            <li
              key={objection.id}
              className={`space-y-2 rounded-lg border-l-4 bg-white p-3 shadow-sm ${objection.resolvedAt ? "border-brand-600" : "border-red-800"}`}
            >
              <p className="font-medium">
                {objection.resolvedAt
                  ? t("resolvedOn", { point: names.get(objection.meetingPointId) ?? "?" })
                  : t("openOn", { point: names.get(objection.meetingPointId) ?? "?" })}{" "}
                <span className="text-sm font-normal text-gray-700">· {when(objection.createdAt)}</span>
              </p>
              {objection.byCaravan && <p className="text-sm font-medium">{t("byCaravan")}</p>}
              {objection.reason && <p className="whitespace-pre-line text-sm">{objection.reason}</p>}
              {objection.resolution && (
                <p className="text-sm">
                  <span className="font-semibold">{t("resolution")}:</span> {objection.resolution}
                </p>
              )}
              {!objection.resolvedAt && objection.withdrawableFor && decision.phase === "open" && (
                <ActionForm action={withdrawObjectionForm} className="space-y-2">
                  <input type="hidden" name="objectionId" value={objection.id} />
                  <input type="hidden" name="caravanId" value={objection.withdrawableFor} />
                  <label htmlFor={`withdrawal-${objection.id}`} className="block text-sm font-medium">
                    {t("withdrawLabel")}
                  </label>
                  <Textarea
                    name="resolution"
                    id={`withdrawal-${objection.id}`}
                    rows={2}
                    minLength={10}
                    maxLength={2000}
                    required
                  />
                  <FieldError name="resolution" />
                  <SubmitButton variant="secondary">{t("withdraw")}</SubmitButton>
                  <FormMessage success={t("withdrawn")} />
                </ActionForm>
              )}
              {!objection.resolvedAt && !objection.byCaravan && decision.coordinates && (
                <ActionForm action={resolveObjectionForm} className="space-y-2">
                  <input type="hidden" name="objectionId" value={objection.id} />
                  <label htmlFor={`resolution-${objection.id}`} className="block text-sm font-medium">
                    {t("resolutionLabel")}
                  </label>
                  <Textarea
                    name="resolution"
                    id={`resolution-${objection.id}`}
                    rows={2}
                    minLength={10}
                    maxLength={2000}
                    required
                  />
                  <FieldError name="resolution" />
                  <SubmitButton variant="secondary">{t("resolve")}</SubmitButton>
                  <FormMessage success={t("resolved")} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayRaise && (
        <details className="rounded-lg border border-brand-100 bg-white p-3">
          <summary className="cursor-pointer font-medium">{t("raise")}</summary>
          <ActionForm action={raiseObjectionForm} className="mt-3 space-y-2">
            <input type="hidden" name="decisionId" value={decision.id} />
            {voters.length === 1 ? (
              <input type="hidden" name="voter" value={voters[0]!.value} />
            ) : (
              <SelectField name="voter" label={t("forGroup")}>
                {voters.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.name}
                  </option>
                ))}
              </SelectField>
            )}
            <SelectField name="meetingPointId" label={t("option")}>
              {decision.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              name="reason"
              label={t("reason")}
              rows={3}
              minLength={10}
              maxLength={2000}
              required
            />
            <SubmitButton>{t("submit")}</SubmitButton>
            <FormMessage success={t("raised")} />
          </ActionForm>
        </details>
      )}
    </section>
  );
}
