// How much one API request may ask for: what Puente's own client sends at most (app/_trpc/react.tsx
// splits its batches to fit), and what the API refuses beyond it (server/api-gate.ts).

/** Procedures in one batched request. */
export const MAX_BATCH = 10;

/** Characters of a request's path and query: ten queries with their inputs fit several times over. */
export const MAX_URL_LENGTH = 4096;
