"use client";
// /verify on the phone: a pasted text, a QR code from the camera or from a photo, checked here
// against the keys the page came with, so it works with no connection once the page was opened
// (public/sw.js keeps it). Without JavaScript the text form posts to the server instead.
import jsQR from "jsqr";
import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { KeyForReaders } from "@/server/signing/check";
import { resultOf, verifyText, type CheckResult } from "@/server/signing/statement";
import { checkForwardedForm } from "./forms";
import { CheckResultView, type ResultLabels } from "./result";

export interface CheckerLabels extends ResultLabels {
  pasteHeading: string;
  pasteLabel: string;
  check: string;
  scanHeading: string;
  scanCamera: string;
  scanStop: string;
  scanPhoto: string;
  scanNoScript: string;
  scanNothing: string;
  cameraRefused: string;
  offlineChecked: string;
}

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** The QR code's text in an image or a video frame, read by jsQR at most 1,024 px wide. */
function readQr(source: CanvasImageSource, width: number, height: number): string | null {
  const scale = Math.min(1, 1024 / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
}

export function Checker({
  keys,
  locale,
  timeZone,
  labels,
}: {
  keys: KeyForReaders[];
  locale: "es" | "en";
  timeZone: string;
  labels: CheckerLabels;
}) {
  const [state, formAction, pending] = useActionState(checkForwardedForm, { text: "", version: 0 });
  const [text, setText] = useState(state.text);
  const [here, setHere] = useState<{ result: CheckResult; offline: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  // Keep /verify and the keys on the phone for the day there is no connection.
  useEffect(() => {
    if (!("serviceWorker" in navigator) || process.env.NODE_ENV !== "production") return;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active?.postMessage({ type: "keep-public" }))
      .catch(() => {});
  }, []);

  useEffect(() => () => stopCamera(), []);

  async function checkHere(forwarded: string) {
    setNotice(null);
    const result = resultOf(await verifyText(forwarded, keys));
    setHere({ result, offline: !navigator.onLine });
    // Online, the server may know what was really said under a signature whose words were changed.
    if (result.status === "forged" && navigator.onLine) {
      const form = new FormData();
      form.set("text", forwarded);
      const answer = await checkForwardedForm({ text: "", version: 0 }, form).catch(() => null);
      if (answer?.result) setHere({ result: answer.result, offline: false });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void checkHere(text);
  }

  function found(decoded: string) {
    setText(decoded);
    void checkHere(decoded);
  }

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    const bitmap = await createImageBitmap(file).catch(() => null);
    const decoded = bitmap ? readQr(bitmap, bitmap.width, bitmap.height) : null;
    if (decoded) found(decoded);
    else {
      setHere(null);
      setNotice(labels.scanNothing);
    }
  }

  function stopCamera() {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  }

  async function startCamera() {
    setNotice(null);
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      setNotice(labels.cameraRefused);
      return;
    }
    setScanning(true);
    const element = video.current!;
    element.srcObject = stream.current;
    await element.play().catch(() => {});
    const BarcodeDetector = (window as unknown as { BarcodeDetector?: new (o: object) => Detector })
      .BarcodeDetector;
    const detector = BarcodeDetector ? new BarcodeDetector({ formats: ["qr_code"] }) : null;
    const tick = async () => {
      if (!stream.current) return;
      let decoded: string | null = null;
      if (element.videoWidth > 0) {
        decoded = detector
          ? ((await detector.detect(element).catch(() => []))[0]?.rawValue ?? null)
          : readQr(element, element.videoWidth, element.videoHeight);
      }
      if (decoded) {
        stopCamera();
        found(decoded);
      } else setTimeout(() => void tick(), 300);
    };
    void tick();
  }

  const shown = here?.result ?? state.result ?? null;
  const key = shown?.keyId ? keys.find((k) => k.id === shown.keyId) : undefined;
  const date = shown?.statement
    ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(
        new Date(shown.statement.at),
      )
    : null;

  return (
    <div className="space-y-6">
      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="paste-heading">
        <h2 id="paste-heading" className="text-lg font-semibold">
          {labels.pasteHeading}
        </h2>
        <form action={formAction} onSubmit={onSubmit} className="space-y-3">
          <label htmlFor="forwarded" className="block font-medium">
            {labels.pasteLabel}
          </label>
          <textarea
            id="forwarded"
            name="text"
            required
            rows={7}
            maxLength={6000}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            className="block w-full rounded-md border border-gray-400 px-3 py-2 font-mono text-sm"
          />
          <button
            type="submit"
            disabled={pending}
            className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
          >
            {labels.check}
          </button>
        </form>
      </section>

      <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="scan-heading">
        <h2 id="scan-heading" className="text-lg font-semibold">
          {labels.scanHeading}
        </h2>
        <noscript>
          <p>{labels.scanNoScript}</p>
        </noscript>
        <div className="flex flex-wrap gap-3">
          {scanning ? (
            <button
              type="button"
              onClick={stopCamera}
              className="min-h-11 rounded-md border border-brand-700 px-4 py-2 text-brand-700"
            >
              {labels.scanStop}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void startCamera()}
              className="min-h-11 rounded-md border border-brand-700 px-4 py-2 text-brand-700"
            >
              {labels.scanCamera}
            </button>
          )}
          <label className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-brand-700 px-4 py-2 text-brand-700 focus-within:ring-2 focus-within:ring-brand-600">
            {labels.scanPhoto}
            <input
              type="file"
              accept="image/*"
              className="sr-only"
              onChange={(event) => void onPhoto(event.target.files?.[0])}
            />
          </label>
        </div>
        <video ref={video} hidden={!scanning} muted playsInline className="w-full max-w-sm rounded-md" />
      </section>

      <div aria-live="polite" className="space-y-2">
        {notice && <p className="font-medium text-red-800">{notice}</p>}
        {state.error && !here && <p className="font-medium text-red-800">{state.error}</p>}
        {shown && (
          <CheckResultView
            result={shown}
            labels={labels}
            words={key ? key.words[locale].join(" · ") : null}
            date={date}
          />
        )}
        {here?.offline && <p className="text-sm text-gray-700">{labels.offlineChecked}</p>}
      </div>
    </div>
  );
}
