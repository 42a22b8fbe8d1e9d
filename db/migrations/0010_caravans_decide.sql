CREATE TYPE "public"."decision_publication" AS ENUM('participants', 'at', 'never');--> statement-breakpoint
ALTER TYPE "public"."decision_status" ADD VALUE 'ratifying';--> statement-breakpoint
CREATE TABLE "decision_coordinators" (
	"decision_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "decision_coordinators_decision_id_user_id_pk" PRIMARY KEY("decision_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ratifications" (
	"decision_id" uuid NOT NULL,
	"meeting_point_id" uuid NOT NULL,
	"caravan_id" uuid NOT NULL,
	"answer" boolean,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratifications_decision_id_meeting_point_id_caravan_id_pk" PRIMARY KEY("decision_id","meeting_point_id","caravan_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reviewer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "set_aside" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratify_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratify_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "publication" "decision_publication" DEFAULT 'participants' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "publishes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD COLUMN "caravan_id" uuid;--> statement-breakpoint
ALTER TABLE "caravans" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "decision_coordinators" ADD CONSTRAINT "decision_coordinators_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_coordinators" ADD CONSTRAINT "decision_coordinators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_coordinators_user_idx" ON "decision_coordinators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ratifications_caravan_idx" ON "ratifications" USING btree ("caravan_id");--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravans" ADD CONSTRAINT "caravans_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_publication_time" CHECK (("decisions"."publication" = 'at') = ("decisions"."publishes_at" is not null));