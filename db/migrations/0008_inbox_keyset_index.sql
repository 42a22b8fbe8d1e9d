DROP INDEX "message_deliveries_inbox_idx";--> statement-breakpoint
CREATE INDEX "message_deliveries_inbox_idx" ON "message_deliveries" USING btree ("user_id","created_at","id");