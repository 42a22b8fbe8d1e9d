// The anonymous ballots of a closed decision as CSV, with the options the caravans set aside, for
// anyone's recount with `npm run tally` once the result is public (before that, for the people
// deciding).
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { csvDownload } from "@/server/csv";
import { writeBallotFile } from "@/server/decisions/ballot-file";
import { explainError } from "@/server/errors";
import { localeOfRequest } from "@/server/i18n/locale";
import { createCaller } from "@/server/root";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = createCaller(await createRequestContext());
  try {
    const file = await api.decisions.ballots({ decisionId: id });
    return csvDownload(
      writeBallotFile(file.options, file.ballots, file.setAside),
      `ballots-${id}-${file.method}.csv`,
    );
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    // The file names the options: the people deciding's until the result is published.
    const status = error.code === "CONFLICT" ? 409 : error.code === "FORBIDDEN" ? 403 : 404;
    return new Response(explainError(error, localeOfRequest(request)).message, { status });
  }
}
