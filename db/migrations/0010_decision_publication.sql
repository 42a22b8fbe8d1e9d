CREATE TYPE "public"."decision_publication" AS ENUM('participants', 'at', 'never');--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "publication" "decision_publication" DEFAULT 'participants' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "publishes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_publication_time" CHECK (("decisions"."publication" = 'at') = ("decisions"."publishes_at" is not null));