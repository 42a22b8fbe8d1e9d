// A printable poster of the chosen meeting point for shelters and churches: Puente's signed words
// in both languages, the QR code anyone can check on /verify (offline too), its short code, and
// the fingerprint of the key to read aloud. Only for whoever may see the chosen point.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { translator } from "@/server/i18n/messages";
import { publicOrigin } from "@/server/origin";
import { QrCode } from "../../../_shell/qr-code";
import { serverApi } from "../../../_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verify"))("posterTitle"), robots: { index: false } };
}

export default async function PosterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const signed = await api.signing.about({ subject: "meetingPoint", id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return null;
    throw error;
  });
  if (!signed) notFound();
  const [es, en] = [translator("es", "verify"), translator("en", "verify")];
  const keys = await api.signing.keys();
  const key = keys.find((k) => k.id === signed.text.match(/FIRMA\/SIGNATURE: ([0-9a-f]{16})\./)?.[1]);
  const url = `${publicOrigin()}/verify`;
  return (
    <article className="mx-auto max-w-2xl space-y-6 bg-white p-6 print:p-0">
      <h1 className="text-3xl font-bold">
        <span lang="es">{es("posterHeading")}</span> / <span lang="en">{en("posterHeading")}</span>
      </h1>
      <p lang="es" className="text-xl">
        {signed.statement.es}
      </p>
      <p lang="en" className="text-xl">
        {signed.statement.en}
      </p>
      <QrCode text={signed.text} label={es("qrLabel")} className="mx-auto size-72" />
      <p className="text-center font-mono text-2xl font-bold [overflow-wrap:anywhere]">{signed.code}</p>
      <p lang="es" className="[overflow-wrap:anywhere]">
        {es("posterHelp", { url, code: signed.code })}
      </p>
      <p lang="en" className="[overflow-wrap:anywhere]">
        {en("posterHelp", { url, code: signed.code })}
      </p>
      {key && (
        <p className="border-t pt-3 text-sm">
          <span lang="es">{es("fingerprint", { words: key.words.es.join(" · ") })}</span>
          <br />
          <span lang="en">{en("fingerprint", { words: key.words.en.join(" · ") })}</span>
        </p>
      )}
    </article>
  );
}
