// A real SMTP server in the test process (smtp-server), answering each message as a test says:
// accept (250), refuse with a code (4xx/5xx), or hold its answer until the test lets go. A message
// counts as delivered only when the 250 was sent on a connection still open, as a real server
// takes responsibility for a message only once it has said so.
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { testClock, type TestClock } from "./clock";
import { freePort, startServer, type TestServer } from "./server";

export type SmtpAnswer = "accept" | "hold" | { code: number; message: string };

export type Received = {
  /** 1 for the first message this server received, 2 for the next… */
  n: number;
  to: string[];
  raw: string;
  mail: ParsedMail;
  messageId: string;
  header: (name: string) => string | undefined;
};

export type TestSmtp = {
  url: string;
  /** Messages answered 250 while their connection was open. */
  delivered: Received[];
  /** Every message received, whatever the answer. */
  received: Received[];
  answer: (decide: (message: Received) => SmtpAnswer) => void;
  /** Resolves with the next message the server holds its answer to. */
  nextHeld: () => Promise<Received>;
  /** Answers 250 to every held message (its connection may be gone by then). */
  releaseHeld: () => void;
  waitFor: (what: () => boolean, timeoutMs?: number, label?: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const delivered: Received[] = [];
  const received: Received[] = [];
  let decide: (message: Received) => SmtpAnswer = () => "accept";
  const held: { message: Received; session: SMTPServerSession; reply: () => void }[] = [];
  const closed = new Set<string>();
  let heldWaiter: ((m: Received) => void) | undefined;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = await simpleParser(raw);
        const message: Received = {
          n: received.length + 1,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail,
          messageId: mail.messageId ?? "",
          header: (name) => {
            const value = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
            return value?.slice(value.indexOf(":") + 1).trim();
          },
        };
        received.push(message);
        const answer = decide(message);
        if (answer === "accept") {
          delivered.push(message);
          callback(null, "OK: queued");
        } else if (answer === "hold") {
          held.push({
            message,
            session,
            reply: () => {
              if (!closed.has(session.id)) delivered.push(message);
              callback(null, "OK: queued");
            },
          });
          heldWaiter?.(message);
          heldWaiter = undefined;
        } else {
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
        }
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    received,
    answer: (fn) => {
      decide = fn;
    },
    nextHeld: () => new Promise((resolve) => (heldWaiter = resolve)),
    releaseHeld: () => held.splice(0).forEach((h) => h.reply()),
    waitFor: async (what, timeoutMs = 20_000, label = "condition") => {
      const end = Date.now() + timeoutMs;
      while (!what()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The built server's settings to mail `smtp`: its outbox read every 200 ms, links to `publicUrl`. */
export function mailEnv(smtp: TestSmtp, publicUrl: string, more: Record<string, string> = {}) {
  return { SMTP_URL: smtp.url, MAIL_POLL_MS: "200", PUBLIC_URL: publicUrl, ...more };
}

/** Two built server processes on one database, mailing `smtp`, their clock moved by the test. */
export type MailingPortal = {
  smtp: TestSmtp;
  clock: TestClock;
  a: TestServer;
  b: TestServer;
  /** Moves the clock and waits until a process has run each of `jobs` (schedule names) then. */
  runJobsAt: (iso: string, jobs: readonly string[]) => Promise<void>;
  stop: () => Promise<void>;
};

/** SPEC 11's scheduled jobs under test: a real SMTP server, a test clock and two processes. */
export async function startMailingPortal(opts: {
  clockAt: string;
  publicUrl: string;
}): Promise<MailingPortal> {
  const smtp = await startSmtp();
  const clock = testClock(opts.clockAt);
  const env = mailEnv(smtp, opts.publicUrl, {
    SCHEDULER_POLL_MS: "200",
    TIERPOOL_CLOCK: clock.path,
  });
  let a: TestServer | undefined;
  let b: TestServer;
  try {
    a = await startServer({ env });
    b = await startServer({ env, dir: a.dir });
  } catch (error) {
    await a?.stop();
    await smtp.stop();
    throw error;
  }
  return {
    smtp,
    clock,
    a,
    b,
    runJobsAt: async (iso, jobs) => {
      clock.set(iso);
      const marks = jobs.map(() => "?").join(", ");
      await smtp.waitFor(
        () =>
          a.sql(
            `SELECT name FROM schedules WHERE name IN (${marks}) AND last_run_at = ?`,
            ...jobs,
            iso,
          ).length === jobs.length,
        20_000,
        `${jobs.join(", ")} at ${iso}`,
      );
    },
    stop: async () => {
      await b.stop({ keepFiles: true });
      await a.stop();
      await smtp.stop();
    },
  };
}
