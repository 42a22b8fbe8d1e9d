// Caravan aggregates as HXL-tagged CSV, for coordinators of verified groups (server/caravans/hxl.ts).
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { explainError } from "@/server/errors";
import { localeOfRequest } from "@/server/i18n/locale";
import { createCaller } from "@/server/root";

export async function GET(request: Request) {
  try {
    const csv = await createCaller(await createRequestContext()).caravans.exportHxl();
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="puente-caravans-hxl.csv"',
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const status = error.code === "UNAUTHORIZED" ? 401 : 403;
    return new Response(explainError(error, localeOfRequest(request)).message, { status });
  }
}
