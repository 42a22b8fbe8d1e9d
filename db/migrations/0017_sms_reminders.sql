CREATE TYPE "public"."sms_reminder_answer" AS ENUM('confirmed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."sms_inbound_outcome" ADD VALUE 'answer';--> statement-breakpoint
CREATE TABLE "sms_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"signup_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"e164" text NOT NULL,
	"status" "sms_status" DEFAULT 'queued' NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"answer" "sms_reminder_answer",
	"answered_at" timestamp with time zone,
	CONSTRAINT "sms_reminders_signup_id_unique" UNIQUE("signup_id")
);
--> statement-breakpoint
ALTER TABLE "sms_reminders" ADD CONSTRAINT "sms_reminders_signup_id_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."signups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_reminders" ADD CONSTRAINT "sms_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_reminders_number_idx" ON "sms_reminders" USING btree ("e164","sent_at");