// Auth.js: database sessions and sign-in by an emailed link. Links are single use (Auth.js deletes
// the token when it is used) and expire after 15 minutes; session tokens carry 256 random bits.
// Links are on Puente's configured origin only (./origin.ts), never on a host a request names.
import { randomBytes } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { type DefaultSession, type Session } from "next-auth";
import type { EmailConfig } from "next-auth/providers";
import { cookies } from "next/headers";
import { cache } from "react";
import { env, getDb, type Database } from "@/db/client";
import { accounts, instanceSettings, sessions, users, verificationTokens } from "@/db/schema";
import { completeSignupIntents } from "./actions/signups";
import { recordAudit } from "./audit/audit";
import { sendEmail } from "./email/email";
import { clientAddress, clientKeyOf } from "./rate-limits";
import { maySendSignInLink } from "./sign-in-limits";
import { isLocale, LOCALE_COOKIE, localeOfRequest } from "./i18n/locale";
import { translator } from "./i18n/messages";
import { failureFields, log } from "./log";
import { namesOwnHost, publicOrigin, servedOverHttps } from "./origin";
import {
  generateSessionToken,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionOfToken,
} from "./sessions";

declare module "next-auth" {
  interface Session {
    /** `timeZone`: the zone the person chose to read times in (null: their browser's). */
    user: { id: string; isAdmin: boolean; timeZone?: string | null } & DefaultSession["user"];
  }
  interface User {
    isAdmin?: boolean;
    timeZone?: string | null;
  }
}

export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;

const emailLink: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
  async sendVerificationRequest({ identifier, url, request }) {
    // The second guard behind AUTH_URL (below): a link whose origin is not Puente's, or asked for
    // by a request naming another host, is never sent; the token would go to whoever runs it.
    if (new URL(url).origin !== publicOrigin() || !namesOwnHost(request.headers)) {
      log.warn("sign-in link not sent: the request named another host");
      return;
    }
    // A hard cap for whoever posts to Auth.js's endpoint directly, past the forms' own limits.
    // Never throw here: Auth.js starts this promise before awaiting it, so a rejection would
    // surface as an unhandled one. Past the cap the link is simply not sent.
    const clientKey = clientKeyOf(clientAddress(request.headers));
    const allowed = await maySendSignInLink(await getDb(), identifier, clientKey).catch(() => false);
    if (!allowed) return;
    const locale = localeOfRequest(request);
    const t = translator(locale, "email");
    const sent = await sendEmail(
      {
        to: identifier,
        subject: t("signIn.subject"),
        text: t("signIn.text", { url, minutes: SIGN_IN_LINK_MAX_AGE_SECONDS / 60 }),
      },
      { label: "Sign-in link", link: url },
    ).catch((error: unknown) => {
      // An SMTP server's refusal may quote the address: its codes only.
      log.error("sign-in link could not be sent", failureFields(error));
      return false;
    });
    if (sent) log.info("sign-in link sent");
  },
};

function adminEmails(): Set<string> {
  return new Set(
    (env("PUENTE_ADMIN_EMAILS") ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** AUTH_SECRET, or a secret made once and kept in the database so every app server shares it. */
async function authSecret(db: Database): Promise<string> {
  const fromEnv = env("AUTH_SECRET");
  if (fromEnv) return fromEnv;
  await db
    .insert(instanceSettings)
    .values({ key: "auth_secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, "auth_secret"));
  return row!.value;
}

/** The language the person picked with the switch, when there is a Next.js request to ask. */
async function chosenLocale(): Promise<string | undefined> {
  try {
    return (await cookies()).get(LOCALE_COOKIE)?.value;
  } catch {
    return undefined; // outside a request: tests, scripts
  }
}

let secret: Promise<string> | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  // With `trustHost`, Auth.js builds its links from the request's Host or X-Forwarded-Host unless
  // AUTH_URL is set: next-auth reads it on every call, after this config, to replace the request's
  // origin (reqWithEnvURL) and to build its own action URLs (createActionURL). Any AUTH_URL or
  // NEXTAUTH_URL given is overridden: Puente has one origin.
  process.env.AUTH_URL = publicOrigin();
  const db = await getDb();
  secret ??= authSecret(db);
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: await secret,
    trustHost: true,
    session: {
      strategy: "database",
      maxAge: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
      generateSessionToken,
    },
    providers: [emailLink],
    // Auth.js's own logger prints stacks and may print addresses: keep one scrubbed line instead.
    logger: {
      error: (error) =>
        log.warn("auth failed", {
          kind: (error as { type?: string }).type ?? error.name,
          ...failureFields(error),
        }),
      warn: (code) => log.warn("auth warning", { code }),
      debug: () => {},
    },
    pages: {
      signIn: "/signin",
      verifyRequest: "/signin/sent",
      error: "/signin/error",
      newUser: "/me?welcome=1",
    },
    callbacks: {
      // Only what pages need leaves the server: never the session token, email or profile.
      session({ session, user }) {
        return {
          expires: session.expires,
          user: {
            id: user.id,
            name: user.name ?? null,
            isAdmin: Boolean(user.isAdmin),
            timeZone: user.timeZone ?? null,
          },
        } as typeof session;
      },
    },
    events: {
      async createUser({ user }) {
        const chosen = await chosenLocale();
        if (user.id && isLocale(chosen)) {
          await db.update(users).set({ preferredLanguage: chosen }).where(eq(users.id, user.id));
        }
      },
      async signIn({ user }) {
        if (!user.id) return;
        if (user.email && adminEmails().has(user.email.toLowerCase()) && !user.isAdmin) {
          await db.update(users).set({ isAdmin: true }).where(eq(users.id, user.id));
          await recordAudit(db, {
            actorId: user.id,
            action: "admin.grant",
            subjectType: "user",
            subjectId: user.id,
            detail: { reason: "PUENTE_ADMIN_EMAILS" },
          });
        }
        // Places asked for before the person had an account are taken now that the email is proven.
        if (user.email) await completeSignupIntents(db, { id: user.id, email: user.email });
        await recordAudit(db, {
          actorId: user.id,
          action: "auth.sign_in",
          subjectType: "user",
          subjectId: user.id,
        });
        log.info("sign-in", { user: user.id });
      },
      async signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        if (userId) log.info("sign-out", { user: userId });
      },
    },
  };
});

/**
 * The session of the request being rendered, looked up once per request however many components
 * ask (the header, the page, the API context). Read with one query rather than `auth()`, which
 * runs Auth.js's whole HTTP pipeline for it (a Request, the lazy config, a Response parsed back):
 * `npm run bench` measured that as the largest cost of a signed-in API request (BENCHMARKS.md).
 * Auth.js still decides whenever the session needs writing. Outside a request: Auth.js.
 */
export const currentSession = cache(async (): Promise<Session | null> => {
  let store: Awaited<ReturnType<typeof cookies>>;
  try {
    store = await cookies();
  } catch {
    return auth();
  }
  // The cookie Auth.js itself reads: over HTTPS only the `__Secure-` one, so a plain cookie
  // planted from elsewhere can never sign the reader into another account. HTTPS as Auth.js
  // decides it: from the configured origin, not from a header a client can send.
  const https = servedOverHttps();
  const token = store.get(https ? SESSION_COOKIE.https : SESSION_COOKIE.http)?.value;
  if (!token) return https ? null : auth();
  const found = await sessionOfToken(await getDb(), token);
  return found === "ask Auth.js" ? auth() : found;
});
