-- Decisions opened before decisions named their coordinators: the person who opened each one
-- coordinates it, so its objections can still be resolved and its result published.
INSERT INTO "decision_coordinators" ("decision_id", "user_id")
SELECT "id", "opened_by" FROM "decisions" WHERE "opened_by" IS NOT NULL
ON CONFLICT DO NOTHING;
