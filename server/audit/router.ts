import { adminProcedure, router } from "../trpc";
import { auditQueryInput } from "./inputs";
import { listAuditEvents } from "./queries";

export const auditRouter = router({
  list: adminProcedure.input(auditQueryInput).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
