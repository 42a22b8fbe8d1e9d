// A list's results: the empty state, the list itself and the link to the next page (keyset
// cursors in the address, so paging works with JavaScript off).
import Link from "next/link";
import type { ReactNode } from "react";

/** `path` with the given parameters; empty ones are left out. */
export function pageHref(path: string, params: Record<string, string | null | undefined>): string {
  const kept = Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return `${path}?${new URLSearchParams(kept)}`;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-lg bg-white p-4">
      {children}
    </p>
  );
}

/** The link to the next page: a button-like link, or `plain` for a text link. */
export function MoreLink({ href, plain, children }: { href: string; plain?: boolean; children: ReactNode }) {
  return (
    <Link
      href={href}
      className={
        plain
          ? "inline-block text-brand-700 underline"
          : "inline-block rounded-md border border-brand-700 px-4 py-2 text-brand-700"
      }
    >
      {children}
    </Link>
  );
}

/** The results as a list named `label`, or `empty` when there are none; then the next page's link. */
export function ResultList<Item extends { id: string }>({
  items,
  label,
  empty,
  className = "space-y-3",
  itemClassName,
  more,
  children,
}: {
  items: readonly Item[];
  label: string;
  empty: ReactNode;
  className?: string;
  itemClassName?: string;
  more?: { href: string; label: ReactNode; plain?: boolean } | null;
  children: (item: Item) => ReactNode;
}) {
  return (
    <>
      {items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul aria-label={label} className={className}>
          {items.map((item) => (
            <li key={item.id} className={itemClassName}>
              {children(item)}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <MoreLink href={more.href} plain={more.plain}>
          {more.label}
        </MoreLink>
      )}
    </>
  );
}
