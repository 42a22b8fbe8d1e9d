// The header on every page: where you are, where you can go, your language and your account.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentSession } from "@/server/auth";
import { offlineViewer } from "@/server/offline/viewer";
import { serverApi } from "../_trpc/server";
import { signOutForm } from "./forms";
import { LiveInbox } from "./live-inbox";
import { MoreMenu, NavLink } from "./nav-link";
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
  // On a phone, the few places a person goes most sit in one row (with the inbox, signed in); the
  // rest are one tap away under "More". Wider screens show them all inline, and no "More".
  const main: Place[] = user
    ? [
        [home, t("home")],
        ["/actions", t("actions")],
        ...(organizes ? ([["/coordinate", t("coordinate")]] as Place[]) : []),
      ]
    : [
        [home, t("home")],
        ["/actions", t("actions")],
        ["/groups", t("groups")],
        ["/stories", t("stories")],
      ];
  const more: Place[] = [
    ...(user
      ? ([
          ["/groups", t("groups")],
          ["/stories", t("stories")],
        ] as Place[])
      : []),
    ["/caravans", t("caravans")],
    ...(user ? ([["/needs", t("needs")]] as Place[]) : []),
    ["/meeting-points", t("meetingPoints")],
    ["/decisions", t("decisions")],
    ...(user?.isAdmin
      ? ([
          ["/admin/groups", ta("vetting")],
          ["/admin/audit", ta("audit")],
          ["/admin/retention", ta("retention")],
          ["/admin/reviewers", ta("reviewers")],
          ["/admin/sms", ta("sms")],
        ] as Place[])
      : []),
    ...(reviews ? ([["/admin/stories", ta("stories")]] as Place[]) : []),
  ];
  // Home, the inbox (signed in) and the main places, then "More": one row of equal cells.
  const cells = main.length + (user ? 1 : 0) + 1;
  const inbox = user && (
    <li>
      <LiveInbox
        initial={unread}
        label={t("inbox")}
        unreadOne={t("unread", { count: 1 }).replace(/^1 /, "")}
        unreadOther={t("unread", { count: 2 }).replace(/^2 /, "")}
        className={place}
      />
    </li>
  );
  return (
    <header className="border-b border-brand-100 bg-white">
      <nav aria-label={t("main")} className="relative mx-auto max-w-3xl px-2 sm:px-4">
        <div className="flex items-center gap-1 pt-1">
          <Link
            href={home}
            className="mr-auto flex min-h-11 items-center px-2 text-xl font-bold text-brand-700"
          >
            Puente
          </Link>
          <form action="/language" method="post">
            <input type="hidden" name="locale" value={other} />
            <button
              type="submit"
              lang={other}
              aria-label={t("switchTo")}
              className="rounded-md px-2 text-sm text-brand-700 underline underline-offset-2 hover:no-underline"
            >
              {t("switchToShort")}
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
            <>
              {/* The name is cut short rather than wrapped; it is read in full. */}
              <NavLink
                href="/me"
                label={user.name ? t("signedInAs", { name: user.name }) : undefined}
                className="block max-w-[8.5rem] truncate px-2 py-3 text-sm leading-5 font-medium text-brand-700 aria-[current=page]:underline"
              >
                {user.name ?? t("me")}
              </NavLink>
              <form action={signOutForm} data-forget-offline="">
                <button
                  type="submit"
                  className="rounded-md border border-brand-600 px-3 text-sm text-brand-700"
                >
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : (
            <Link
              href="/signin"
              className="flex min-h-11 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white"
            >
              {t("signIn")}
            </Link>
          )}
        </div>
        <ul className={`grid ${columns[cells]} md:flex md:flex-wrap`}>
          {main.slice(0, 1).map(([href, label]) => (
            <li key={href}>
              <NavLink href={href} className={place}>
                {label}
              </NavLink>
            </li>
          ))}
          {inbox}
          {main.slice(1).map(([href, label]) => (
            <li key={href}>
              <NavLink href={href} className={place}>
                {label}
              </NavLink>
            </li>
          ))}
          {more.map(([href, label]) => (
            <li key={href} className="hidden md:block">
              <NavLink href={href} className={place}>
                {label}
              </NavLink>
            </li>
          ))}
          <li className="md:hidden">
            <MoreMenu className="group">
              <summary className={`${place} list-none [&::-webkit-details-marker]:hidden`}>
                {t("more")}
                <span aria-hidden="true" className="text-xs transition-transform group-open:rotate-180">
                  ▼
                </span>
              </summary>
              <ul
                aria-label={t("more")}
                className="absolute inset-x-0 top-full z-20 grid grid-cols-2 gap-x-2 border-y border-brand-100 bg-white px-2 py-2 shadow-lg"
              >
                {more.map(([href, label]) => (
                  <li key={href}>
                    <NavLink href={href} className={inMore}>
                      {label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </MoreMenu>
          </li>
        </ul>
      </nav>
    </header>
  );
}

type Place = [href: string, label: string];

/** A place in the header's row: a cell of its grid on a phone; the current one underlined. */
const place =
  "flex min-h-11 items-center justify-center gap-1 border-b-4 border-transparent px-1 py-1 text-center text-sm leading-tight text-gray-800 hover:text-brand-700 aria-[current=page]:border-brand-700 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800 md:px-3";

/** A place under "More": two columns of full-width rows. */
const inMore =
  "flex min-h-11 w-full items-center rounded-md px-3 py-2 text-gray-800 hover:bg-brand-50 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800";

/** Tailwind sees whole class names only. */
const columns: Record<number, string> = {
  3: "grid-cols-3",
  4: "grid-cols-4",
  5: "grid-cols-5",
  6: "grid-cols-6",
};
