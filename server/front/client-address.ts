// Who the client is, as the front server decides it and passes on to Next and the API: the
// socket's peer, or, only when that peer is a proxy named in PUENTE_TRUSTED_PROXIES, the hop it
// vouches for. What else a proxy says of the request (its scheme, host, port) is believed from it alone.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import { env } from "@/db/client";

/** Whether the hop at distance `hop` from the socket (0 = the socket's peer) is a trusted proxy. */
export type ProxyTrust = (address: string, hop: number) => boolean;

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * PUENTE_TRUSTED_PROXIES: unset (the default) trusts nobody and every client is its socket's
 * address; a number N trusts N hops in front of Puente whatever their address (one proxy on the
 * same machine: 1); otherwise a comma-separated list of addresses, CIDR ranges and the names
 * loopback, linklocal and uniquelocal. A value that is none of these stops the server at start.
 */
export function proxyTrust(setting: string | undefined = env("PUENTE_TRUSTED_PROXIES")): ProxyTrust {
  if (!setting) return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  const entries = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    const trusted = proxyAddr.compile(entries);
    return (address, hop) => trusted(address, hop);
  } catch (error) {
    const names = [...NAMES].join(", ");
    throw new Error(
      `PUENTE_TRUSTED_PROXIES must be a hop count or a list of addresses, CIDR ranges and ${names}: ` +
        (error instanceof Error ? error.message : String(error)),
    );
  }
}

/**
 * The client's address: the right-most hop of X-Forwarded-For that is not a trusted proxy, walking
 * from the socket; the socket's own peer when it is not trusted. Undefined only for a socket
 * already closed.
 */
export function clientAddressOf(req: IncomingMessage, trust: ProxyTrust): string | undefined {
  if (!req.socket.remoteAddress) return undefined;
  return proxyAddr(req, trust);
}

/**
 * What a proxy says of the request besides the client's address. Next reads them (its server
 * actions compare Origin with X-Forwarded-Host; `request.nextUrl` takes its scheme from
 * X-Forwarded-Proto), so only a trusted proxy may say them.
 */
const PROXY_CLAIMS = ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"] as const;

/**
 * Overwrites the request's forwarding headers with the one address found, so that Next (which
 * keeps an X-Forwarded-For it is given), its server actions and the API all read the same value;
 * drops the scheme, host and port a peer that is not a trusted proxy claims (Next then fills them
 * from the connection itself). False when nothing is known of the client.
 */
export function passOnClientAddress(req: IncomingMessage, trust: ProxyTrust): boolean {
  const address = clientAddressOf(req, trust);
  delete req.headers["x-real-ip"];
  // Never passed on, even from a trusted proxy: its `for=` would contradict the address decided.
  delete req.headers["forwarded"];
  const peer = req.socket.remoteAddress;
  if (!peer || !trust(peer, 0)) for (const name of PROXY_CLAIMS) delete req.headers[name];
  if (!address) {
    delete req.headers["x-forwarded-for"];
    return false;
  }
  req.headers["x-forwarded-for"] = address;
  return true;
}
