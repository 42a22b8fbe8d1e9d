// Server logging: one JSON line per event. Fields are scrubbed of email addresses and long
// secrets as a last defence; callers should not pass them in the first place (QUALITY.md 16.2.5).
// An error is logged only through `failureFields`: its kind and codes, never its message.
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

/** What may be logged of an error: names, codes and identifiers, each of a shape that holds no text. */
const SAFE = {
  name: /^[A-Za-z][A-Za-z0-9_]{0,59}$/,
  code: /^[A-Za-z0-9_.-]{1,40}$/,
  identifier: /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/,
};

function pick(error: object, keys: string[], shape: RegExp): string | undefined {
  for (const key of keys) {
    const value = (error as Record<string, unknown>)[key];
    if ((typeof value === "string" || typeof value === "number") && shape.test(String(value))) {
      return String(value);
    }
  }
  return undefined;
}

/** The first frame of the stack outside libraries: where in Puente it failed. */
function placeOf(error: Error): string | undefined {
  // The frames follow the header (`name: message`); a message may itself hold lines like frames.
  const header = `${error.name}${error.message ? `: ${error.message}` : ""}`;
  if (!error.stack?.startsWith(header)) return undefined;
  const frame = error.stack
    .slice(header.length)
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.startsWith("at ") && !/node_modules|\(node:|^at node:/.test(line));
  return frame?.slice(3, 200);
}

/**
 * An error as the logs may carry it. Drizzle's query errors hold the statement and its parameters
 * in their message, and the drivers' errors (postgres.js, PGlite) the row in their `detail`; so
 * only these are kept, from the error and its causes: the kinds of error, the code (SQLSTATE, or
 * Node's and Nodemailer's codes), the table, column and constraint, and where in Puente it failed.
 */
export function failureFields(error: unknown): Fields {
  const names: string[] = [];
  const fields: Fields = {};
  let place: string | undefined;
  const seen = new Set<unknown>();
  // Auth.js wraps the original error as `cause.err`.
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e) && seen.size < 8;) {
    seen.add(e);
    if (e instanceof Error) {
      // Drizzle's query error keeps the name "Error", PGlite's is "error": their classes say more
      // (unless a bundler shortened them).
      const name = /^error$/i.test(e.name) && e.constructor.name.length > 2 ? e.constructor.name : e.name;
      if (SAFE.name.test(name) && names.at(-1) !== name) names.push(name);
      place ??= placeOf(e);
    }
    // The innermost error (the driver's) knows the codes best.
    fields.code = pick(e, ["code"], SAFE.code) ?? fields.code;
    fields.table = pick(e, ["table_name", "table"], SAFE.identifier) ?? fields.table;
    fields.column = pick(e, ["column_name", "column"], SAFE.identifier) ?? fields.column;
    fields.constraint = pick(e, ["constraint_name", "constraint"], SAFE.identifier) ?? fields.constraint;
    const { cause, err } = e as { cause?: unknown; err?: unknown };
    e = cause ?? err;
  }
  const clean: Fields = { error: names.join("/") || typeof error };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) clean[key] = value;
  if (place) clean.where = place;
  return clean;
}

/** The same, as one line for a database column that records a failure (a job's last error). */
export function failureSummary(error: unknown): string {
  return Object.entries(failureFields(error))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");
}
