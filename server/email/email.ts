// The one way Puente sends email: Nodemailer over SMTP_URL. With no SMTP configured (a newcomer's
// machine), the email is not sent; its subject and any link in it are printed so nobody is stuck.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/db/client";
import { JOB_CONCURRENCY } from "../jobs/queue";
import { log } from "../log";

export interface Email {
  /** Null for an account made by phone: there is nobody to email, and nothing is sent. */
  to: string | null;
  subject: string;
  text: string;
  html?: string;
  /** A fixed Message-ID (e.g. one per delivery), so a resent twin can be recognised. */
  messageId?: string;
}

let transporter: Transporter | null | undefined;

function smtp(): Transporter | null {
  if (transporter === undefined) {
    const url = env("SMTP_URL");
    // Pooled: connections stay open between messages (a new one cost ~100 ms a message here),
    // one per job the worker runs at once.
    transporter = url
      ? nodemailer.createTransport({ url, pool: true, maxConnections: JOB_CONCURRENCY })
      : null;
  }
  return transporter;
}

export function emailFrom(): string {
  return env("EMAIL_FROM") ?? "Puente <no-reply@puente.localhost>";
}

export function isEmailConfigured(): boolean {
  return smtp() !== null;
}

/** Sends `email`. Returns false (having printed it for the developer) when SMTP is not configured. */
export async function sendEmail(email: Email, printable?: { link: string; label: string }): Promise<boolean> {
  if (email.to === null) return false;
  const transport = smtp();
  if (!transport) {
    log.warn("SMTP_URL is not set: email not sent", { subject: email.subject });
    // The one place a link is printed on purpose, for a developer without an SMTP server.
    if (printable) console.log(`${printable.label}: ${printable.link}`);
    return false;
  }
  await transport.sendMail({ from: emailFrom(), ...email, to: email.to });
  return true;
}
