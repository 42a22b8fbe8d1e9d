// Settings that belong to this Puente instance as a whole, shared by every app server through
// the database (e.g. the Auth.js secret when AUTH_SECRET is not set).
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
