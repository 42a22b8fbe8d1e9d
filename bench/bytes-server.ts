// The byte floor of bench/pages.ts: a bare `node:http` server that sends, for each path, the bytes
// and headers the app sent for it once (read from a JSON file the bench wrote). Nothing is made
// per request: what any server of pages pays at least, on this machine, to send the same bytes.
// Usage: tsx bench/bytes-server.ts FILE PORT
import { readFileSync } from "node:fs";
import http from "node:http";

interface Captured {
  status: number;
  headers: Record<string, string>;
  body: string; // base64
}

const [file, port] = process.argv.slice(2);
const pages = new Map(
  Object.entries(JSON.parse(readFileSync(file!, "utf8")) as Record<string, Captured>).map(([p, page]) => [
    p,
    { ...page, bytes: Buffer.from(page.body, "base64") },
  ]),
);

http
  .createServer((req, res) => {
    const page = pages.get(req.url ?? "/");
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(page.status, { ...page.headers, "content-length": page.bytes.length });
    res.end(page.bytes);
  })
  .listen(Number(port), "127.0.0.1");
