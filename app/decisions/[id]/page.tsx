// One decision: the question and its options; while open, a ballot per group or caravan the reader
// votes for (castable without JavaScript); once closed, the caravans' ratification if it waits for
// them, and the count round by round and the ballots to recount. Its options are for the people
// deciding until the result is published (server/decisions/candidates.ts).
import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm, FormMessage, Select, SubmitButton } from "../../_forms/action-form";
import { orNotFound, serverApi } from "../../_trpc/server";
import { voteForm } from "../forms";
import { SafetyObjections } from "../objections";
import { Publication } from "../publication";
import { Ratification } from "../ratification";
import { RoundsChart } from "../rounds-chart";

type Params = Promise<{ id: string }>;

// generateMetadata and the page both read it: once per request.
const byId = cache(async (decisionId: string) =>
  orNotFound((await serverApi()).decisions.get({ decisionId })),
);
const load = async (params: Params) => byId((await params).id);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await load(params)).question };
}

export default async function DecisionPage({ params }: { params: Params }) {
  const [decision, t, tf, tc, format] = await Promise.all([
    load(params),
    getTranslations("decisions"),
    getTranslations("decisionForms"),
    getTranslations("crossings"),
    getFormatter(),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const names = Object.fromEntries(decision.options.map((o) => [o.id, o.name]));
  // Groups vote by their coordinators and organizers; caravans by their delegates.
  const voters = [
    ...decision.voting.map((v) => ({ ...v, id: v.groupId, name: v.groupName, field: "groupId" })),
    ...decision.delegateVoting.map((v) => ({
      ...v,
      id: v.caravanId,
      name: v.caravanName,
      field: "caravanId",
    })),
  ];
  const closed = decision.phase !== "open" && decision.phase !== "upcoming";
  // ballots.csv holds the options the caravans set aside: `npm run tally` needs no more than it.
  const setAside = (decision.count?.setAside ?? []).length > 0;
  return (
    <article className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm font-medium text-brand-700">
          {t(`phase.${decision.phase}`)} · {t(`method.${decision.method}`)}
        </p>
        <h1 className="text-2xl font-bold">{decision.question}</h1>
        <p className="text-sm">
          {t("window", { opens: when(decision.opensAt), closes: when(decision.closesAt) })} ·{" "}
          {t("quorum", { quorum: decision.quorum })} · {t("ballotsCast", { count: decision.ballotsCast })}
        </p>
        {decision.coordinatorNames.length > 0 && (
          <p className="text-sm">
            {tf("coordinatedBy", {
              names: decision.coordinatorNames.map((name) => name ?? tf("unnamed")).join(", "),
            })}
          </p>
        )}
        {decision.ratifyHours !== null && !closed && (
          <p className="text-sm">{tf("ratifyWithin", { hours: decision.ratifyHours })}</p>
        )}
      </header>

      {!decision.candidatesShown && (
        <p role="status" className="rounded-md border-2 border-amber-700 bg-white p-3 font-medium">
          {closed ? t("resultNotPublic") : t("candidatesHidden")}
        </p>
      )}

      {decision.candidatesShown && decision.phase === "ratifying" ? (
        <Ratification decision={decision} />
      ) : (
        closed &&
        decision.candidatesShown && (
          <p role="status" className="rounded-md border-2 border-amber-700 bg-white p-3 font-medium">
            {decision.phase === "held" ? (
              t("held", { name: decision.winnerName ?? "" })
            ) : decision.winnerId ? (
              <>
                {t("chosenIs", { name: decision.winnerName ?? "" })}{" "}
                <Link href={`/meeting-points/${decision.winnerId}`} className="text-brand-700 underline">
                  {t("seePoint")}
                </Link>
              </>
            ) : decision.phase === "no_quorum" ? (
              t("noQuorum")
            ) : (
              t("nothingChosen")
            )}
            {decision.phase === "closed" && decision.winnerId && !decision.caravansTookPart && (
              <span className="mt-1 block text-sm font-normal">{t("ratify.noCaravans")}</span>
            )}
          </p>
        )
      )}

      {closed && decision.candidatesShown && <Publication decision={decision} />}

      {decision.candidatesShown && (
        <section aria-labelledby="options" className="space-y-2">
          <h2 id="options" className="text-xl font-semibold">
            {t("options")}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {decision.options.map((o) => (
              <li key={o.id}>
                <Link href={`/meeting-points/${o.id}`} className="text-brand-700 underline">
                  {o.name}
                </Link>{" "}
                · {tc(o.crossing)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <SafetyObjections decision={decision} />

      {decision.phase === "open" &&
        voters.map((voter) => (
          <section
            key={voter.id}
            aria-label={t("ballotFor", { group: voter.name })}
            className="space-y-3 rounded-lg border border-brand-100 bg-white p-4"
          >
            <h2 className="text-lg font-semibold">{t("ballotFor", { group: voter.name })}</h2>
            <p className="text-sm">
              {voter.castAt
                ? t(voter.field === "caravanId" ? "caravanBallot.yourBallot" : "yourBallot", {
                    // Ranked choices in order; approved ones are a set, not a ranking.
                    choices: voter
                      .choices!.map((id) => names[id] ?? "?")
                      .join(decision.method === "irv" ? " › " : ", "),
                    when: when(voter.castAt),
                  })
                : t(voter.field === "caravanId" ? "caravanBallot.noBallotYet" : "noBallotYet")}
            </p>
            <p className="text-sm text-gray-700">
              {decision.method === "irv"
                ? t("howToRank")
                : t(voter.field === "caravanId" ? "caravanBallot.howToApprove" : "howToApprove")}
            </p>
            <ActionForm action={voteForm} className="space-y-2">
              <input type="hidden" name="decisionId" value={decision.id} />
              <input type="hidden" name={voter.field} value={voter.id} />
              <input type="hidden" name="method" value={decision.method} />
              {decision.method === "irv" ? (
                decision.options.map((_, i) => (
                  <div key={i} className="space-y-1">
                    {/* One ballot form per group or caravan the person votes for: ids unique to it. */}
                    <label htmlFor={`${voter.id}-rank${i + 1}`} className="block font-medium">
                      {t("choiceNumber", { number: i + 1 })}
                    </label>
                    <Select
                      id={`${voter.id}-rank${i + 1}`}
                      name={`rank${i + 1}`}
                      defaultValue={voter.choices?.[i] ?? ""}
                    >
                      <option value="">{t("noChoice")}</option>
                      {decision.options.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </Select>
                  </div>
                ))
              ) : (
                <fieldset className="space-y-1">
                  <legend className="font-medium">
                    {t(voter.field === "caravanId" ? "caravanBallot.approve" : "approve")}
                  </legend>
                  {decision.options.map((o) => (
                    <label key={o.id} className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        name="approved"
                        value={o.id}
                        defaultChecked={voter.choices?.includes(o.id)}
                      />
                      {o.name}
                    </label>
                  ))}
                </fieldset>
              )}
              <SubmitButton>{voter.castAt ? t("changeBallot") : t("castBallot")}</SubmitButton>
              <FormMessage success={t("ballotCast")} />
            </ActionForm>
          </section>
        ))}

      {closed && decision.count && (
        <section aria-labelledby="count" className="space-y-3">
          <h2 id="count" className="text-xl font-semibold">
            {t("countTitle")}
          </h2>
          {decision.count.decidedBy === "lot" && <p className="text-sm">{t("decidedByLot")}</p>}
          <RoundsChart count={decision.count} names={names} />
          <p className="text-sm">
            <a
              href={`/decisions/${decision.id}/ballots.csv`}
              className="font-medium text-brand-700 underline"
            >
              {t("downloadBallots")}
            </a>{" "}
            · {t("recountLead")}
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">{t("recountTitle")}</summary>
            <p className="mt-1">{t(`recountHow.${decision.method}`)}</p>
            {setAside && <p className="mt-1">{t("ratify.setAsideHow")}</p>}
            <p className="mt-1">
              {t("recountTool")}{" "}
              <code className="break-all rounded bg-brand-50 px-1">
                npm run tally -- FILE.csv --method {decision.method}
              </code>
            </p>
          </details>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">{t("tieBreakTitle")}</summary>
            <p className="mt-1">{t("tieBreak")}</p>
          </details>
        </section>
      )}
    </article>
  );
}
