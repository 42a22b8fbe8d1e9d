// Everything Puente holds about the signed-in person, as a JSON download. Never cached.
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { localeOfRequest } from "@/server/i18n/locale";
import { translator } from "@/server/i18n/messages";
import { createCaller } from "@/server/root";

export async function GET(request: Request) {
  try {
    const data = await createCaller(await createRequestContext()).me.export();
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": 'attachment; filename="puente-my-data.json"',
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED")
      return new Response(translator(localeOfRequest(request), "errors")("unauthorized"), { status: 401 });
    throw error;
  }
}
