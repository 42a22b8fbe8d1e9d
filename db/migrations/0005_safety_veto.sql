ALTER TYPE "public"."decision_status" ADD VALUE 'held';--> statement-breakpoint
CREATE TABLE "safety_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"meeting_point_id" uuid NOT NULL,
	"group_id" uuid,
	"raised_by" text,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "safety_objections_resolved_in_writing" CHECK (("safety_objections"."resolved_at" is null) = ("safety_objections"."resolution" is null))
);
--> statement-breakpoint
ALTER TABLE "meeting_points" ADD COLUMN "safety_checklist" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_objections" ADD CONSTRAINT "safety_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "safety_objections_decision_idx" ON "safety_objections" USING btree ("decision_id","meeting_point_id");