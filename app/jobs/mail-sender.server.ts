// Sends the outbox over SMTP, one message at a time per process: each is leased in a write
// transaction (so two processes never send one message), sent, and its outcome recorded while the
// lease holds. A process killed mid-send leaves its lease to run out and the message is sent
// again: at least once, never lost (decision 049). Without SMTP_URL nothing is sent.
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { translate, type Locale } from "~/i18n/locale";
import { MAX_ATTEMPTS, judgeSendError, retryDelayMs } from "~/mail/delivery";
import { canUnsubscribe, isNotificationKind } from "~/mail/kinds";
import { withFooter } from "~/mail/layout";
import { portalUrl } from "~/models/notifications.server";
import { mailFrom, smtpTransport, type Transport } from "~/mail/transport.server";
import { unsubscribeToken } from "~/mail/unsubscribe.server";
import {
  leaseDueMessages,
  nextDueMs,
  onMailQueued,
  recordAttempt,
  type AttemptOutcome,
  type OutboxMessage,
} from "~/models/outbox.server";

const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

let transport: Transport | undefined;
let timer: NodeJS.Timeout | undefined;
let running = false;
let again = false;

/** Starts the sending loop when SMTP_URL is set; returns whether it started. */
export function startMailSender(): boolean {
  transport = smtpTransport(setting("MAIL_LEASE_MS", 120_000));
  if (!transport) {
    console.log("SMTP_URL is not set: e-mail stays in the outbox (/admin/outbox).");
    return false;
  }
  onMailQueued(() => void sendDue());
  void sendDue();
  return true;
}

/** Sends every message due now, then sleeps until the next is due (or the poll interval). */
async function sendDue(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  clearTimeout(timer);
  try {
    do {
      again = false;
      for (;;) {
        const nowMs = Date.now();
        const [message] = leaseDueMessages(
          OWNER,
          nowMs,
          nowMs + setting("MAIL_LEASE_MS", 120_000),
          1,
        );
        if (!message) break;
        await deliver(message);
      }
    } while (again);
  } catch (error) {
    console.error("The mail sender failed:", error);
  } finally {
    running = false;
    const poll = setting("MAIL_POLL_MS", 5_000);
    let due: number | undefined;
    try {
      due = nextDueMs();
    } catch {
      due = undefined;
    }
    const wait = due === undefined ? poll : Math.max(50, Math.min(poll, due - Date.now()));
    timer = setTimeout(() => void sendDue(), wait);
    timer.unref();
  }
}

async function deliver(message: OutboxMessage): Promise<void> {
  let outcome: AttemptOutcome;
  try {
    const reply = await transport!.send(envelope(message));
    outcome = { state: "sent", reply };
  } catch (error) {
    const verdict = judgeSendError(error);
    outcome =
      verdict.permanent || message.attempts >= MAX_ATTEMPTS
        ? { state: "failed", reply: verdict.reply }
        : {
            state: "queued",
            reply: verdict.reply,
            nextAttemptMs:
              Date.now() +
              retryDelayMs(
                message.attempts,
                setting("MAIL_RETRY_BASE_MS", 60_000),
                setting("MAIL_RETRY_CAP_MS", 3_600_000),
              ),
          };
  }
  if (!recordAttempt(message.id, OWNER, outcome))
    console.error(`Outbox message ${message.id}: the lease ran out before its outcome was kept.`);
}

/** Stable for one message, different across databases that both have a message 1. */
const stamp = (message: OutboxMessage) =>
  createHash("sha256").update(`${message.key}\n${message.createdAt}`).digest("hex").slice(0, 16);

/**
 * The message as sent: a Message-ID stable across attempts (a receiver seeing a resend can tell
 * it is the same message), the language, and for kinds one may stop, the one-click unsubscribe.
 */
function envelope(message: OutboxMessage) {
  const locale = message.locale as Locale;
  const domain = /@([^>\s]+)>?$/.exec(mailFrom())?.[1] ?? "tierpool.localhost";
  const headers: Record<string, string> = {
    "Content-Language": locale,
    "Auto-Submitted": "auto-generated",
    "X-Tierpool-Kind": message.kind,
  };
  let body = { text: message.text, html: message.html };
  if (message.userId !== null && isNotificationKind(message.kind) && canUnsubscribe(message.kind)) {
    const url = portalUrl(`/unsubscribe/${unsubscribeToken(message.userId, message.kind)}`);
    headers["List-Unsubscribe"] = `<${url}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    body = withFooter(body.text, body.html, [
      {
        text: translate(locale, "mail.unsubscribeLine"),
        linkLabel: translate(locale, "mail.unsubscribeLink"),
        url,
      },
    ]);
  }
  return {
    from: mailFrom(),
    to: message.toAddress,
    subject: message.subject,
    ...body,
    messageId: `<outbox-${message.id}.${stamp(message)}@${domain}>`,
    headers,
  };
}
