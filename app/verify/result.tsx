// What /verify says about a text, whether the phone or the server checked it: "Genuine" with the
// key's fingerprint and date, or "NOT from Puente", with the genuine text beside a changed one.
import type { CheckResult, Statement } from "@/server/signing/statement";

export interface ResultLabels {
  genuine: string;
  retired: string;
  notGenuine: string;
  forged: string;
  unknownKey: string;
  unreadable: string;
  saidEs: string;
  saidEn: string;
  forwardedText: string;
  genuineText: string;
}

function Texts({ statement, labels }: { statement: Statement; labels: ResultLabels }) {
  return (
    <dl className="space-y-2">
      <div>
        <dt className="text-sm font-medium text-gray-700">{labels.saidEs}</dt>
        <dd lang="es">{statement.es}</dd>
      </div>
      <div>
        <dt className="text-sm font-medium text-gray-700">{labels.saidEn}</dt>
        <dd lang="en">{statement.en}</dd>
      </div>
    </dl>
  );
}

export function CheckResultView({
  result,
  labels,
  words,
  date,
}: {
  result: CheckResult;
  labels: ResultLabels;
  /** The fingerprint of the key that signed, in the reader's language. */
  words: string | null;
  /** When the statement was made, formatted for the reader. */
  date: string | null;
}) {
  const genuine = result.status === "genuine" || result.status === "retired";
  if (genuine) {
    return (
      <div className="space-y-3 rounded-lg border-2 border-green-700 bg-green-50 p-4" data-verdict="genuine">
        <p className="text-lg font-bold text-green-900">
          {labels.genuine.replace("{words}", words ?? "").replace("{date}", date ?? "")}
        </p>
        {result.status === "retired" && <p className="text-green-900">{labels.retired}</p>}
        {result.statement && <Texts statement={result.statement} labels={labels} />}
      </div>
    );
  }
  const reason = { forged: labels.forged, unknownKey: labels.unknownKey, unreadable: labels.unreadable }[
    result.status as "forged" | "unknownKey" | "unreadable"
  ];
  return (
    <div className="space-y-3 rounded-lg border-2 border-red-700 bg-red-50 p-4" data-verdict="forged">
      <p className="text-lg font-bold text-red-900">{labels.notGenuine}</p>
      <p className="text-red-900">{reason}</p>
      {result.statement && result.genuine ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <section>
            <h3 className="font-semibold">{labels.forwardedText}</h3>
            <Texts statement={result.statement} labels={labels} />
          </section>
          <section>
            <h3 className="font-semibold">{labels.genuineText}</h3>
            <Texts statement={result.genuine} labels={labels} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
