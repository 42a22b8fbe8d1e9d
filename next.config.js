// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files at run time; bundling would break those paths.
  // rate-limiter-flexible imports drizzle-orm by a computed name, which a bundle cannot resolve.
  // smpp (the SMS bind) is plain CommonJS with its own sockets and timers: loaded by Node as it is.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible", "smpp"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The App Router does not route folders named with a leading dot.
  async rewrites() {
    return [{ source: "/.well-known/puente-key", destination: "/verify/keys" }];
  },
};

export default withNextIntl(nextConfig);
