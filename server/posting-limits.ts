// Limits on writing what other people read: every procedure by which a person posts text to
// others, and how often one person may call it. signedInProcedure (./trpc.ts) applies the table to
// every call; posting-limits.test.ts fails for a mutation that is neither here nor on its list of
// those that post nothing. (Stories, posted by anyone, are limited per address in stories.ts.)
import { MESSAGES_SENT, REPLIES_SENT, type Limit } from "./rate-limits";

const HOUR = 3600;
const DAY = 86_400;

/** Per procedure path, the limit per person: generous for the work, far below a flood. */
export const POSTING_LIMITS: Readonly<Record<string, Limit>> = {
  // Read by every group deciding: the comments under a meeting point, proposals, notes.
  "meetingPoints.comment": { name: "post-comment", points: 30, seconds: HOUR },
  "meetingPoints.propose": { name: "post-meeting-point", points: 20, seconds: DAY },
  "meetingPoints.update": { name: "post-meeting-point-edit", points: 60, seconds: DAY },
  "meetingPoints.reject": { name: "post-rejection", points: 60, seconds: HOUR },
  "decisions.open": { name: "post-decision", points: 10, seconds: DAY },
  "decisions.raiseObjection": { name: "post-objection", points: 10, seconds: HOUR },
  "decisions.resolveObjection": { name: "post-resolution", points: 30, seconds: HOUR },
  "decisions.withdrawObjection": { name: "post-withdrawal", points: 30, seconds: HOUR },
  // A reminder emails every delegate of the caravans that have not answered.
  "decisions.remindCaravans": { name: "post-ratify-reminder", points: 6, seconds: DAY },
  // What caravans say of themselves, and what groups pledge.
  "caravans.create": { name: "post-caravan", points: 10, seconds: DAY },
  "caravans.update": { name: "post-caravan-edit", points: 60, seconds: HOUR },
  "caravans.report": { name: "post-report", points: 30, seconds: HOUR },
  "needs.pledge": { name: "post-pledge", points: 60, seconds: HOUR },
  // Groups, actions and shifts as the directory and the calendar show them.
  "groups.create": { name: "post-group", points: 5, seconds: DAY },
  "groups.update": { name: "post-group-edit", points: 30, seconds: HOUR },
  "groups.verify": { name: "post-vetting", points: 60, seconds: HOUR },
  "groups.reject": { name: "post-vetting", points: 60, seconds: HOUR },
  "actions.create": { name: "post-action", points: 50, seconds: DAY },
  "actions.update": { name: "post-action-edit", points: 60, seconds: HOUR },
  "actions.addShift": { name: "post-shift", points: 120, seconds: HOUR },
  "actions.updateShift": { name: "post-shift", points: 120, seconds: HOUR },
  // A person's name, as rosters, threads and comments show it.
  "me.updateProfile": { name: "post-profile", points: 30, seconds: HOUR },
  // A reviewer's edits to a story before it is public.
  "stories.saveReview": { name: "post-review", points: 120, seconds: HOUR },
  "stories.publish": { name: "post-review", points: 120, seconds: HOUR },
  // Messages and replies: a stolen session cannot spam thousands.
  "messages.send": MESSAGES_SENT,
  "messages.reply": REPLIES_SENT,
};
