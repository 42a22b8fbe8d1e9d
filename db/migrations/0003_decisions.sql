CREATE TYPE "public"."border_side" AS ENUM('US', 'MX');--> statement-breakpoint
CREATE TYPE "public"."crossing" AS ENUM('san_ysidro_tijuana', 'calexico_mexicali', 'nogales', 'el_paso_juarez', 'laredo_nuevo_laredo', 'brownsville_matamoros');--> statement-breakpoint
CREATE TYPE "public"."decision_method" AS ENUM('irv', 'approval');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('open', 'closed', 'no_quorum');--> statement-breakpoint
CREATE TYPE "public"."meeting_point_status" AS ENUM('proposed', 'shortlisted', 'rejected', 'chosen');--> statement-breakpoint
CREATE TYPE "public"."voter_kind" AS ENUM('group');--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"voter_kind" "voter_kind" NOT NULL,
	"group_id" uuid,
	"cast_by" text,
	"choices" uuid[] NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_group_voter_has_group" CHECK ("ballots"."voter_kind" <> 'group' or "ballots"."group_id" is not null),
	CONSTRAINT "ballots_not_empty" CHECK (cardinality("ballots"."choices") > 0)
);
--> statement-breakpoint
CREATE TABLE "decision_options" (
	"decision_id" uuid NOT NULL,
	"meeting_point_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "decision_options_decision_id_meeting_point_id_pk" PRIMARY KEY("decision_id","meeting_point_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question" text NOT NULL,
	"method" "decision_method" NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"quorum" integer NOT NULL,
	"status" "decision_status" DEFAULT 'open' NOT NULL,
	"count" jsonb,
	"winner_id" uuid,
	"closed_at" timestamp with time zone,
	"opened_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_closes_after_opening" CHECK ("decisions"."closes_at" > "decisions"."opens_at"),
	CONSTRAINT "decisions_quorum_positive" CHECK ("decisions"."quorum" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_point_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_point_id" uuid NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"proposed_by" text,
	"name" text NOT NULL,
	"crossing" "crossing" NOT NULL,
	"side" "border_side" NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"capacity" integer NOT NULL,
	"facilities_es" text DEFAULT '' NOT NULL,
	"facilities_en" text DEFAULT '' NOT NULL,
	"safety_notes_es" text DEFAULT '' NOT NULL,
	"safety_notes_en" text DEFAULT '' NOT NULL,
	"legal_observers" boolean DEFAULT false NOT NULL,
	"status" "meeting_point_status" DEFAULT 'proposed' NOT NULL,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_points_capacity_positive" CHECK ("meeting_points"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_options" ADD CONSTRAINT "decision_options_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_options" ADD CONSTRAINT "decision_options_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_winner_id_meeting_points_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."meeting_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_point_comments" ADD CONSTRAINT "meeting_point_comments_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_point_comments" ADD CONSTRAINT "meeting_point_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_points" ADD CONSTRAINT "meeting_points_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_points" ADD CONSTRAINT "meeting_points_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_decision_group_idx" ON "ballots" USING btree ("decision_id","group_id") WHERE "ballots"."voter_kind" = 'group';--> statement-breakpoint
CREATE INDEX "decisions_status_idx" ON "decisions" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "meeting_point_comments_point_idx" ON "meeting_point_comments" USING btree ("meeting_point_id","created_at");--> statement-breakpoint
CREATE INDEX "meeting_points_status_idx" ON "meeting_points" USING btree ("status","crossing");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_points_name_unique_idx" ON "meeting_points" USING btree (lower("name"));