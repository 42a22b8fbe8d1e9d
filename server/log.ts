// Server logging: one JSON line per event. Fields are scrubbed of email addresses and long
// secrets as a last defence; callers should not pass them in the first place (QUALITY.md 16.2.5).
type Fields = Record<string, string | number | boolean | null | undefined>;

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi;
const SECRET = /\b[a-f0-9]{32,}\b/gi;

export function scrub(value: string): string {
  return value.replace(EMAIL, "[email]").replace(SECRET, "[secret]");
}

function write(level: "info" | "warn" | "error", message: string, fields: Fields = {}) {
  const clean: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    clean[key] = typeof value === "string" ? scrub(value) : value;
  }
  const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...clean });
  if (level === "info") console.log(line);
  else console.error(line);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
