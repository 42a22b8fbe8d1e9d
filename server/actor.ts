// Who is making a request, as every domain function receives them. Its own module so the
// procedure builders (./trpc.ts) and the domain rules they ask (e.g. ./groups/membership.ts) can
// both name it without importing each other.

/** The person making a request: the signed-in account, and whether it runs this instance. */
export interface Actor {
  id: string;
  isAdmin: boolean;
}
