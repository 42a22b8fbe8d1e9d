"use client";
// Ending every session at once, after a confirmation: a destructive action is never one tap.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "../_trpc/react";

export function SignOutEverywhere() {
  const t = useTranslations("me");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation(
    trpc.me.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
    }),
  );
  return (
    <section aria-labelledby="sessions" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="sessions" className="text-lg font-semibold">
        {t("sessionsTitle")}
      </h2>
      <p className="text-sm">{t("sessionsLead")}</p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-end" className="space-y-2">
          <p id="confirm-end" className="font-medium">
            {t("signOutEverywhereConfirm")}
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => end.mutate()}
              disabled={end.isPending}
              className="rounded-md bg-red-800 px-3 py-2 text-white"
            >
              {t("confirm")}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border px-3 py-2"
              autoFocus
            >
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded-md border border-red-800 px-3 py-2 text-red-800"
        >
          {t("signOutEverywhere")}
        </button>
      )}
    </section>
  );
}
