CREATE TABLE "phone_sign_in_codes" (
	"ticket" text PRIMARY KEY NOT NULL,
	"e164" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_sign_in_codes_e164_unique" UNIQUE("e164")
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;