// The anonymous ballots of a closed decision as CSV, for anyone's recount with `npm run tally`.
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
      return new Response(error.code === "CONFLICT" ? "Not closed yet" : "Not found", {
        status: error.code === "CONFLICT" ? 409 : 404,
      });
    }
    throw error;
  }
}
