CREATE TYPE "public"."caravan_status" AS ENUM('forming', 'in_transit', 'stopped', 'arrived', 'dispersed');--> statement-breakpoint
CREATE TYPE "public"."need_kind" AS ENUM('water', 'food', 'medical', 'legal', 'shelter', 'transport', 'childcare', 'translation', 'hygiene');--> statement-breakpoint
CREATE TYPE "public"."pledge_status" AS ENUM('pledged', 'delivered', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."report_verification" AS ENUM('unverified', 'confirmed');--> statement-breakpoint
ALTER TYPE "public"."voter_kind" ADD VALUE 'delegate';--> statement-breakpoint
CREATE TABLE "caravan_delegates" (
	"caravan_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caravan_delegates_caravan_id_user_id_pk" PRIMARY KEY("caravan_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "caravan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"caravan_id" uuid NOT NULL,
	"reported_by" text,
	"reporter_group_id" uuid,
	"place_name" text NOT NULL,
	"latitude_tenths" integer NOT NULL,
	"longitude_tenths" integer NOT NULL,
	"headcount" integer NOT NULL,
	"expected_meeting_point_id" uuid,
	"expected_from" date,
	"expected_until" date,
	"verification" "report_verification" DEFAULT 'unverified' NOT NULL,
	"confirmed_by" text,
	"confirmed_group_id" uuid,
	"confirmed_at" timestamp with time zone,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caravan_reports_headcount_not_negative" CHECK ("caravan_reports"."headcount" >= 0),
	CONSTRAINT "caravan_reports_window_in_order" CHECK ("caravan_reports"."expected_until" is null or "caravan_reports"."expected_from" is null or "caravan_reports"."expected_until" >= "caravan_reports"."expected_from")
);
--> statement-breakpoint
CREATE TABLE "caravans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"origin" text NOT NULL,
	"departure_date" date NOT NULL,
	"estimated_size" integer NOT NULL,
	"status" "caravan_status" DEFAULT 'forming' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caravans_size_not_negative" CHECK ("caravans"."estimated_size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"pledged_by" text,
	"what" text NOT NULL,
	"quantity" integer NOT NULL,
	"by_date" date NOT NULL,
	"status" "pledge_status" DEFAULT 'pledged' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_quantity_positive" CHECK ("pledges"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "report_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" "need_kind" NOT NULL,
	"quantity" integer,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "report_needs_quantity_positive" CHECK ("report_needs"."quantity" is null or "report_needs"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "caravan_id" uuid;--> statement-breakpoint
ALTER TABLE "caravan_delegates" ADD CONSTRAINT "caravan_delegates_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_delegates" ADD CONSTRAINT "caravan_delegates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_reporter_group_id_groups_id_fk" FOREIGN KEY ("reporter_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_expected_meeting_point_id_meeting_points_id_fk" FOREIGN KEY ("expected_meeting_point_id") REFERENCES "public"."meeting_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravan_reports" ADD CONSTRAINT "caravan_reports_confirmed_group_id_groups_id_fk" FOREIGN KEY ("confirmed_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caravans" ADD CONSTRAINT "caravans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_need_id_report_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."report_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_pledged_by_users_id_fk" FOREIGN KEY ("pledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_needs" ADD CONSTRAINT "report_needs_report_id_caravan_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."caravan_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "caravan_delegates_user_idx" ON "caravan_delegates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "caravan_reports_caravan_idx" ON "caravan_reports" USING btree ("caravan_id","reported_at");--> statement-breakpoint
CREATE INDEX "pledges_need_idx" ON "pledges" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "pledges_group_idx" ON "pledges" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "report_needs_report_idx" ON "report_needs" USING btree ("report_id");--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_caravan_id_caravans_id_fk" FOREIGN KEY ("caravan_id") REFERENCES "public"."caravans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_decision_caravan_idx" ON "ballots" USING btree ("decision_id","caravan_id") WHERE "ballots"."caravan_id" is not null;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_caravan_only_for_delegates" CHECK (("ballots"."voter_kind" = 'group') = ("ballots"."caravan_id" is null));