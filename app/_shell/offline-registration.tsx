"use client";
// Signed-in pages only: registers the service worker that keeps the person's own pages for the
// field (public/sw.js), and forgets those pages when the person signs out. Signing out re-renders
// the header without a person, which unmounts this component; the sign-out form's submit also
// forgets at once, in case the sign-out itself cannot reach the server.
import { useEffect } from "react";

let mounted = 0;

async function forgetSavedPages() {
  if (!("caches" in window)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith("puente-pages-")) await caches.delete(name);
  }
}

export function OfflineRegistration() {
  useEffect(() => {
    mounted += 1;
    if ("serviceWorker" in navigator && process.env.NODE_ENV === "production") {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    }
    const onSubmit = (event: SubmitEvent) => {
      if ((event.target as HTMLElement | null)?.closest("[data-forget-offline]")) void forgetSavedPages();
    };
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("submit", onSubmit, true);
      mounted -= 1;
      // React's development double mount unmounts and mounts again at once: forget only if the
      // person is really gone from the header.
      setTimeout(() => {
        if (mounted === 0) void forgetSavedPages();
      }, 0);
    };
  }, []);
  return null;
}
