// The API: one router per domain, nothing else.
import { actionsRouter } from "./actions/router";
import { auditRouter } from "./audit/router";
import { caravansRouter } from "./caravans/router";
import { coordinateRouter } from "./coordinate/router";
import { decisionsRouter } from "./decisions/router";
import { groupsRouter } from "./groups/router";
import { homeRouter } from "./home/router";
import { meetingPointsRouter } from "./meeting-points/router";
import { meRouter } from "./me/router";
import { messagesRouter } from "./messages/router";
import { needsRouter } from "./needs/router";
import { placesRouter } from "./places/router";
import { retentionRouter } from "./retention/router";
import { reviewersRouter } from "./reviewers/router";
import { signingRouter } from "./signing/router";
import { smsRouter } from "./sms/router";
import { storiesRouter } from "./stories/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  groups: groupsRouter,
  stories: storiesRouter,
  audit: auditRouter,
  actions: actionsRouter,
  meetingPoints: meetingPointsRouter,
  decisions: decisionsRouter,
  retention: retentionRouter,
  reviewers: reviewersRouter,
  messages: messagesRouter,
  caravans: caravansRouter,
  needs: needsRouter,
  home: homeRouter,
  coordinate: coordinateRouter,
  signing: signingRouter,
  sms: smsRouter,
  places: placesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
