// The header on every page: where you are, where you can go, your language and your account.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { offlineViewer } from "@/server/offline/viewer";
import { serverApi } from "../_trpc/server";
import { signOutForm } from "./forms";
import { LiveInbox } from "./live-inbox";
import { OfflineRegistration } from "./offline-registration";

export async function Header() {
  const [t, ta, locale, session] = await Promise.all([
    getTranslations("nav"),
    getTranslations("navAdmin"),
    getLocale(),
    currentSession(),
  ]);
  const other = locale === "es" ? "en" : "es";
  const user = session?.user;
  // Signed-out readers get neither query nor the live client's JavaScript.
  const [navigation, viewer] = user?.id
    ? await Promise.all([(await serverApi()).me.navigation(), offlineViewer()])
    : [null, null];
  const { reviews, organizes, unread } = navigation ?? { reviews: false, organizes: false, unread: 0 };
  // Signed in, home is what needs the person now (the landing page sends them there too).
  const home = user ? "/home" : "/";
  const links: [href: string, label: string][] = [
    [home, t("home")],
    ...(organizes ? ([["/coordinate", t("coordinate")]] as [string, string][]) : []),
    ["/actions", t("actions")],
    ["/groups", t("groups")],
    ["/stories", t("stories")],
    ["/caravans", t("caravans")],
    ...(user ? ([["/needs", t("needs")]] as [string, string][]) : []),
    ["/meeting-points", t("meetingPoints")],
    ["/decisions", t("decisions")],
    ...(user?.isAdmin
      ? ([
          ["/admin/groups", ta("vetting")],
          ["/admin/audit", ta("audit")],
          ["/admin/retention", ta("retention")],
          ["/admin/reviewers", ta("reviewers")],
          ["/admin/sms", ta("sms")],
        ] as [string, string][])
      : []),
    ...(reviews ? ([["/admin/stories", ta("stories")]] as [string, string][]) : []),
  ];
  return (
    <header className="border-b border-brand-100 bg-white">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href={home} className="mr-auto text-xl font-bold text-brand-700">
          Puente
        </Link>
        <form action="/language" method="post">
          <input type="hidden" name="locale" value={other} />
          <button
            type="submit"
            lang={other}
            className="rounded-md px-2 py-1 text-sm text-brand-700 underline-offset-2 hover:underline"
          >
            {t("switchTo")}
          </button>
        </form>
        {viewer && (
          <>
            {/* Whose pages the service worker may keep (public/sw.js); React puts it in <head>. */}
            <meta name="puente-viewer" content={viewer} />
            <OfflineRegistration />
          </>
        )}
        {user ? (
          <form action={signOutForm} data-forget-offline="">
            <button
              type="submit"
              className="rounded-md border border-brand-600 px-3 py-1 text-sm text-brand-700"
            >
              {t("signOut")}
            </button>
          </form>
        ) : (
          <Link href="/signin" className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white">
            {t("signIn")}
          </Link>
        )}
      </div>
      <nav aria-label={t("main")} className="mx-auto max-w-3xl px-4 pb-2">
        <ul className="flex gap-4 overflow-x-auto text-sm">
          {links.map(([href, label]) => (
            <li key={href}>
              <Link href={href} className="whitespace-nowrap text-gray-800 hover:text-brand-700">
                {label}
              </Link>
            </li>
          ))}
          {user && (
            <li>
              <LiveInbox
                initial={unread}
                label={t("inbox")}
                unreadOne={t("unread", { count: 1 }).replace(/^1 /, "")}
                unreadOther={t("unread", { count: 2 }).replace(/^2 /, "")}
              />
            </li>
          )}
          {user && (
            <li className="ml-auto">
              <Link href="/me" className="font-medium text-brand-700">
                {user.name ? t("signedInAs", { name: user.name }) : t("me")}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}
