"use client";
// The header's unread count, kept live for signed-in readers: one server-sent-events subscription
// per tab (tRPC's httpSubscriptionLink; no query client). On news it updates the count, and an
// open inbox or message page re-renders from the server, so the list itself needs no client code.
// The tRPC client is imported only when listening starts: this component sits in the layout of
// every page, and signed-out readers (who never render it) must not download it.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { AppRouter } from "@/server/root";
import { isCurrent } from "./nav-link";

// Listening starts once the page has settled, so that on a slow connection the live stream never
// competes with the page's own scripts and data.
const SETTLE_MS = 1_500;

export function LiveInbox({
  initial,
  label,
  unreadOne,
  unreadOther,
  className,
}: {
  initial: number;
  label: string;
  unreadOne: string;
  unreadOther: string;
  className: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [unread, setUnread] = useState(initial);
  // A server render (after marking read, say) brings a fresher count than the last event.
  const [rendered, setRendered] = useState(initial);
  if (initial !== rendered) {
    setRendered(initial);
    setUnread(initial);
  }
  useEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    let stopped = false;
    const timer = setTimeout(async () => {
      const [{ createTRPCClient, httpSubscriptionLink }, { default: superjson }] = await Promise.all([
        import("@trpc/client"),
        import("superjson"),
      ]);
      if (stopped) return;
      const client = createTRPCClient<AppRouter>({
        links: [httpSubscriptionLink({ url: "/api/trpc", transformer: superjson })],
      });
      subscription = client.messages.live.subscribe(undefined, {
        onData(event) {
          setUnread(event.unread);
          if (
            (event.type === "message" || event.type === "reply") &&
            location.pathname.startsWith("/inbox")
          ) {
            router.refresh();
          }
        },
      });
    }, SETTLE_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
    };
  }, [router]);
  return (
    <Link
      href="/inbox"
      className={className}
      aria-current={isCurrent(pathname, "/inbox") ? "page" : undefined}
    >
      {label}
      {unread > 0 && (
        <span className="rounded-full bg-red-800 px-1.5 text-xs leading-5 font-bold text-white">
          {unread}
          <span className="sr-only"> {unread === 1 ? unreadOne : unreadOther}</span>
        </span>
      )}
    </Link>
  );
}
