// The anonymous ballots of a closed decision as CSV, for anyone's recount with `npm run tally` once
// the result is public (before that, for the people deciding).
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { writeBallotFile } from "@/server/decisions/ballot-file";
import { createCaller } from "@/server/root";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = createCaller(await createRequestContext());
  try {
    const file = await api.decisions.ballots({ decisionId: id });
    return new Response(writeBallotFile(file.options, file.ballots), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="ballots-${id}-${file.method}.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      // The file names the options: the people deciding's until the result is published.
      const [status, text] =
        error.code === "CONFLICT"
          ? [409, "Not closed yet"]
          : error.code === "FORBIDDEN"
            ? [403, "Not public yet"]
            : [404, "Not found"];
      return new Response(text, { status });
    }
    throw error;
  }
}
