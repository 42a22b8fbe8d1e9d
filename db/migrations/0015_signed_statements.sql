CREATE TYPE "public"."statement_kind" AS ENUM('meeting_point.chosen', 'message.urgent', 'action.cancelled', 'action.changed');--> statement-breakpoint
CREATE TABLE "signed_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "statement_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"body" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signed_statements_code_unique" UNIQUE("code"),
	CONSTRAINT "signed_statements_signature_unique" UNIQUE("signature")
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"secret_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "signed_statements" ADD CONSTRAINT "signed_statements_key_id_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signed_statements_subject_idx" ON "signed_statements" USING btree ("subject_id","signed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_one_active_idx" ON "signing_keys" USING btree ((true)) WHERE "signing_keys"."retired_at" is null;