// How much one API request may ask for, and what the API refuses beyond it (server/api-gate.ts).
// Puente's pages call the API through the server caller; the one browser client (the live inbox)
// sends single, unbatched calls, far inside these.

/** Procedures in one batched request. */
export const MAX_BATCH = 10;

/** Characters of a request's path and query: ten queries with their inputs fit several times over. */
export const MAX_URL_LENGTH = 4096;
