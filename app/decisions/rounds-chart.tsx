// The count of a closed decision, round by round, as bars a person reads at a glance: each option's
// votes as a bar and as a number, who went out and why, and the winner.
import { getTranslations } from "next-intl/server";
import type { Count } from "@/server/decisions/count";

export async function RoundsChart({ count, names }: { count: Count; names: Record<string, string> }) {
  const t = await getTranslations("decisions");
  const name = (id: string) => names[id] ?? id;
  const most = Math.max(1, ...count.rounds.flatMap((r) => r.tallies.map((x) => x.votes)));
  const last = count.rounds.length - 1;
  return (
    <ol className="space-y-4">
      {count.rounds.map((round, i) => (
        <li key={round.number} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
          <h3 className="font-semibold">
            {count.method === "irv" || count.rounds.length > 1
              ? t("round", { number: round.number })
              : t("approvals")}
          </h3>
          <ul className="space-y-2">
            {round.tallies.map((tally) => {
              const out = round.eliminated.includes(tally.option);
              const won = i === last && tally.option === count.winner;
              const color = won ? "#b45309" : out ? "#9ca3af" : "#145c48";
              return (
                <li key={tally.option} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3">
                  <span className={`truncate ${won ? "font-bold" : ""}`}>
                    {won && "★ "}
                    {name(tally.option)}
                    {out && <span className="text-sm text-gray-700"> · {t("eliminated")}</span>}
                  </span>
                  <span className="text-right font-mono tabular-nums">
                    {t("votes", { count: tally.votes })}
                  </span>
                  <svg
                    viewBox="0 0 100 6"
                    preserveAspectRatio="none"
                    className="col-span-2 h-3 w-full"
                    aria-hidden="true"
                  >
                    <rect x={0} y={0} width={100} height={6} fill="#e5e7eb" />
                    <rect x={0} y={0} width={(tally.votes / most) * 100} height={6} fill={color} />
                  </svg>
                </li>
              );
            })}
          </ul>
          {count.method === "irv" && round.exhausted > 0 && (
            <p className="text-sm text-gray-700">{t("exhausted", { count: round.exhausted })}</p>
          )}
          {round.reason && (
            <p className="text-sm">
              {t(`reason.${round.reason}`, { names: round.eliminated.map(name).join(", ") })}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
