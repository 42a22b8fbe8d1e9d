ALTER TYPE "public"."decision_status" ADD VALUE 'ratifying';--> statement-breakpoint
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
ALTER TABLE "decisions" ADD COLUMN "set_aside" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratify_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratify_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD COLUMN "caravan_id" uuid;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratifications" ADD CONSTRAINT "ratifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratifications_caravan_idx" ON "ratifications" USING btree ("caravan_id");--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE set null ON UPDATE no action;