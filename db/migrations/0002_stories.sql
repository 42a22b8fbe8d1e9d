CREATE TYPE "public"."age_range" AS ENUM('18_24', '25_34', '35_49', '50_plus');--> statement-breakpoint
CREATE TYPE "public"."story_status" AS ENUM('submitted', 'published', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "story_status" DEFAULT 'submitted' NOT NULL,
	"pseudonym" text NOT NULL,
	"country" text NOT NULL,
	"age_range" "age_range",
	"caravan_name" text,
	"text_es" text,
	"text_en" text,
	"original_es" text,
	"original_en" text,
	"translated_into" "locale",
	"consented_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"consent_locale" "locale" NOT NULL,
	"withdraw_token_hash" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "stories_withdraw_token_hash_unique" UNIQUE("withdraw_token_hash")
);
--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_published_idx" ON "stories" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "stories_queue_idx" ON "stories" USING btree ("status","submitted_at");