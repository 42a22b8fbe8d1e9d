// A signed announcement's proof, shown with it: the QR code holding the statement and its
// signature (an SVG drawn here, no image service), the short code to read aloud or text, and the
// text to forward, which anyone can check on /verify, with or without a connection.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { publicOrigin } from "@/server/origin";
import { serverApi } from "../_trpc/server";
import { QrCode } from "./qr-code";

export async function SignedBadge({
  subject,
  id,
}: {
  subject: "action" | "message" | "meetingPoint";
  id: string;
}) {
  const signed = await (await serverApi()).signing.about({ subject, id });
  if (!signed) return null;
  const t = await getTranslations("verify");
  const verifyUrl = `${publicOrigin()}/verify`;
  return (
    <aside
      aria-labelledby={`signed-${id}`}
      className="space-y-3 rounded-lg border border-brand-200 bg-white p-4"
      data-signed-statement={signed.code}
    >
      <h2 id={`signed-${id}`} className="font-semibold">
        {t("badge")}
      </h2>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <QrCode text={signed.text} label={t("qrLabel")} className="size-48 shrink-0" />
        <div className="flex min-w-0 flex-col items-start gap-2">
          <p className="font-mono text-lg font-bold [overflow-wrap:anywhere]">
            {t("badgeCode", { code: signed.code })}
          </p>
          <p className="text-sm [overflow-wrap:anywhere]">{t("badgeHelp", { url: verifyUrl })}</p>
          <Link
            href={`/verify?code=${encodeURIComponent(signed.code)}`}
            className="inline-flex min-h-11 items-center text-brand-700 underline"
          >
            {t("badgeCheck")}
          </Link>
          {subject === "meetingPoint" && (
            <Link
              href={`/meeting-points/${id}/poster`}
              className="inline-flex min-h-11 items-center text-brand-700 underline"
            >
              {t("posterLink")}
            </Link>
          )}
        </div>
      </div>
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-brand-700">{t("badgeForward")}</summary>
        <pre
          className="whitespace-pre-wrap rounded bg-gray-50 p-2 text-xs [overflow-wrap:anywhere]"
          data-forward-text=""
        >
          {signed.text}
        </pre>
      </details>
    </aside>
  );
}
