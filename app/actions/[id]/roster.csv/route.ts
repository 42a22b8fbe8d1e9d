// The roster of an action as CSV, for its organizers: contact details only where volunteers allowed.
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { rosterFile } from "@/server/actions/roster-file";
import { csvDownload } from "@/server/csv";
import { localeOfRequest } from "@/server/i18n/locale";
import { translator } from "@/server/i18n/messages";
import { createCaller } from "@/server/root";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = createCaller(await createRequestContext());
  try {
    const [action, roster] = await Promise.all([
      api.actions.get({ actionId: id }),
      api.actions.roster({ actionId: id }),
    ]);
    return csvDownload(rosterFile(action.shifts, roster, localeOfRequest(request)), `roster-${id}.csv`);
  } catch (error) {
    if (error instanceof TRPCError) {
      const t = translator(localeOfRequest(request), "errors");
      return new Response(error.code === "UNAUTHORIZED" ? t("unauthorized") : t("notFound"), {
        status: error.code === "UNAUTHORIZED" ? 401 : 404,
      });
    }
    throw error;
  }
}
