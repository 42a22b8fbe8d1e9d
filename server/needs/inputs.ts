// Inputs of the needs board: pledges against a caravan's needs. Zod schemas, shared with the forms.
import { z } from "zod";
import { day } from "../caravans/inputs";
import { freeText } from "../text";

const text = freeText;

export const pledgeInput = z.object({
  groupId: z.uuid(),
  needId: z.uuid(),
  what: text(200).min(2),
  quantity: z.coerce.number().int().min(1).max(1_000_000),
  byDate: day,
});
export type PledgeInput = z.input<typeof pledgeInput>;

export const pledgeIdInput = z.object({ groupId: z.uuid(), pledgeId: z.uuid() });
