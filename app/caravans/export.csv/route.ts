// Caravan aggregates as HXL-tagged CSV, for coordinators of verified groups (server/caravans/hxl.ts).
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { csvDownload } from "@/server/csv";
import { explainError } from "@/server/errors";
import { localeOfRequest } from "@/server/i18n/locale";
import { createCaller } from "@/server/root";

export async function GET(request: Request) {
  try {
    const csv = await createCaller(await createRequestContext()).caravans.exportHxl();
    return csvDownload(csv, "puente-caravans-hxl.csv");
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const status = error.code === "UNAUTHORIZED" ? 401 : 403;
    return new Response(explainError(error, localeOfRequest(request)).message, { status });
  }
}
