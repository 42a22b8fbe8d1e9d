// What a page the person may want in the field (their shifts, inbox, an urgent message, an action
// they signed up for) adds to itself: the mark that tells the service worker (public/sw.js) to
// keep it, and the notice it shows when it is replayed offline. The notice is rendered hidden,
// in the reader's language, with "{time}" for the service worker to fill in; React accepts that
// difference when the page hydrates (suppressHydrationWarning). A page whose content stops being
// the person's to read at some time (an action's exact place, after it ends) says until when.
import { getTranslations } from "next-intl/server";
import { offlineViewer } from "@/server/offline/viewer";

export async function SavedCopy({ until }: { until?: Date }) {
  const [viewer, t] = await Promise.all([offlineViewer(), getTranslations("offline")]);
  if (!viewer) return null;
  return (
    <>
      <meta name="puente-offline" content="keep" />
      {until && <meta name="puente-offline-until" content={String(until.getTime())} />}
      <p
        data-saved-copy=""
        hidden
        role="status"
        suppressHydrationWarning
        className="rounded-md border border-amber-700 bg-amber-50 p-3 font-medium text-amber-950"
      >
        {t("savedAt", { time: "{time}" })}
      </p>
    </>
  );
}
