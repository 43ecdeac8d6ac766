// The SMTP connection: nodemailer over SMTP_URL (smtp:// or smtps://, user and password in the
// URL), with timeouts shorter than a sending lease so a stuck send gives up before another
// process may take the message over (decision 049).
import nodemailer from "nodemailer";

export type Envelope = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
};

export type Transport = { send(mail: Envelope): Promise<string> };

/** The transport SMTP_URL names, or undefined: then mail stays in the outbox. */
export function smtpTransport(leaseMs: number): Transport | undefined {
  const url = process.env.SMTP_URL?.trim();
  if (!url) return undefined;
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: Math.min(30_000, Math.floor(leaseMs / 4)),
    greetingTimeout: Math.min(30_000, Math.floor(leaseMs / 4)),
    socketTimeout: Math.min(60_000, Math.floor(leaseMs / 2)),
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return String(info.response ?? "");
    },
  };
}

/** MAIL_FROM, or a no-reply address of the portal's host. */
export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || "tierpool <no-reply@tierpool.localhost>";
}
