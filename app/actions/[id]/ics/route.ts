// The action as an .ics file, as its reader may see it (the exact place only if they may).
import { TRPCError } from "@trpc/server";
import { createRequestContext } from "@/server/context";
import { actionCalendarFile } from "@/server/actions/calendar";
import { localeOfRequest } from "@/server/i18n/locale";
import { translator } from "@/server/i18n/messages";
import { createCaller } from "@/server/root";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await createRequestContext();
  try {
    const action = await createCaller(context).actions.get({ actionId: id });
    const body = actionCalendarFile(action, context.origin);
    return new Response(body, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="puente-${action.id}.ics"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError)
      return new Response(translator(localeOfRequest(request), "errors")("notFound"), { status: 404 });
    throw error;
  }
}
