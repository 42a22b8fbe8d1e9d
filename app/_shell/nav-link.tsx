"use client";
// The header's links: each says whether it is the page you are on (aria-current="page"), kept
// right across client-side navigations, where the layout and its header stay mounted. Rendered on
// the server too, so pages served without scripts mark the current place as well.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/** Whether `href` is the place `pathname` is in: itself, or a page under it (not for "/"). */
export function isCurrent(pathname: string | null, href: string): boolean {
  if (!pathname) return false;
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLink({
  href,
  label,
  className,
  children,
}: {
  href: string;
  /** The accessible name, when it says more than the visible text (which it must contain). */
  label?: string;
  className: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  return (
    <Link
      href={href}
      aria-label={label}
      className={className}
      aria-current={isCurrent(pathname, href) ? "page" : undefined}
    >
      {children}
    </Link>
  );
}

/**
 * The "More" disclosure: a plain <details>, so it opens without JavaScript. With JavaScript, a
 * client-side navigation keeps the header mounted; the menu closes when the page changes, as it
 * would on a full page load.
 */
export function MoreMenu({ className, children }: { className: string; children: ReactNode }) {
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);
  return (
    <details ref={details} className={className}>
      {children}
    </details>
  );
}
