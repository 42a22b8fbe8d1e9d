import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { ReaderLocaleProvider } from "./_forms/reader-locale";
import { Header } from "./_shell/header";
import { ZoneCookie } from "./_shell/zone-cookie";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: t("title"), template: "%s · Puente" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#145c48" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-brand-50 font-sans text-gray-900 antialiased">
        <ZoneCookie />
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:min-h-11 focus:bg-white focus:p-2"
        >
          {t("nav.skipToContent")}
        </a>
        <Header />
        <main id="main" className="mx-auto max-w-3xl px-4 py-6">
          <ReaderLocaleProvider
            locale={locale}
            datePattern={t("readerZone.datePattern")}
            timePattern={t("readerZone.timePattern")}
          >
            {children}
          </ReaderLocaleProvider>
        </main>
        <footer className="mx-auto max-w-3xl space-y-1 px-4 pb-8 text-sm text-gray-700 print:hidden">
          <p>{t("footer.tagline")}</p>
          <p>
            <Link href="/verify" className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t("verify.footerVerify")}
            </Link>
          </p>
        </footer>
      </body>
    </html>
  );
}
