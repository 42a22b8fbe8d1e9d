CREATE TYPE "public"."sms_choice" AS ENUM('off', 'urgent', 'all');--> statement-breakpoint
CREATE TYPE "public"."sms_inbound_outcome" AS ENUM('reply', 'unmatched', 'stop', 'help');--> statement-breakpoint
CREATE TYPE "public"."sms_status" AS ENUM('queued', 'sent', 'delivered', 'failed');--> statement-breakpoint
CREATE TABLE "phone_numbers" (
	"user_id" text PRIMARY KEY NOT NULL,
	"e164" text NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sms_messages" "sms_choice" DEFAULT 'urgent' NOT NULL,
	"opted_out_at" timestamp with time zone,
	CONSTRAINT "phone_numbers_e164_unique" UNIQUE("e164")
);
--> statement-breakpoint
CREATE TABLE "phone_verifications" (
	"user_id" text PRIMARY KEY NOT NULL,
	"e164" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"e164" text NOT NULL,
	"status" "sms_status" DEFAULT 'queued' NOT NULL,
	"reason" text,
	"provider_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"segments" integer DEFAULT 0 NOT NULL,
	"delivered_segments" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sms_inbound" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_e164" text NOT NULL,
	"user_id" text,
	"message_id" uuid,
	"reply_id" uuid,
	"outcome" "sms_inbound_outcome" NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_verifications" ADD CONSTRAINT "phone_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_inbound" ADD CONSTRAINT "sms_inbound_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_inbound" ADD CONSTRAINT "sms_inbound_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_inbound" ADD CONSTRAINT "sms_inbound_reply_id_message_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."message_replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_deliveries_message_number_idx" ON "sms_deliveries" USING btree ("message_id","e164");--> statement-breakpoint
CREATE INDEX "sms_deliveries_provider_idx" ON "sms_deliveries" USING gin ("provider_ids");--> statement-breakpoint
CREATE INDEX "sms_deliveries_number_idx" ON "sms_deliveries" USING btree ("e164","created_at");--> statement-breakpoint
CREATE INDEX "sms_inbound_unmatched_idx" ON "sms_inbound" USING btree ("received_at") WHERE "sms_inbound"."outcome" = 'unmatched';