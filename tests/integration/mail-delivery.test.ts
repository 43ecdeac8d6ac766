// The outbox's delivery over SMTP, on the built server talking to a real SMTP server started here
// (no mocked transport): headers and language, one-click unsubscribe, 421 retried then delivered
// once, 550 recorded and not retried, a restart in the middle of a send, and two server processes
// on one database never sending a message twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, ADMIN, sqlOn as sql, type TestServer } from "@tests/setup/server";
import { mailEnv, startSmtp, type Received, type TestSmtp } from "@tests/setup/smtp";

const PORTAL = "http://portal.test";
let smtp: TestSmtp;
let server: TestServer;

const deliveryEnv = () =>
  mailEnv(smtp, PORTAL, {
    MAIL_FROM: "tierpool <notices@portal.test>",
    MAIL_RETRY_BASE_MS: "400",
    MAIL_LEASE_MS: "3000",
  });

/** Puts a message in the outbox as enqueueMail does; returns its id. */
function queue(dbPath: string, key: string, fields: Partial<Record<string, string>> = {}) {
  const m = {
    kind: "run_posted",
    locale: "pt-BR",
    subject: `Assunto ${key}`,
    text: `Corpo de ${key}: você recebeu R$ 1.234,56.`,
    html: `<!doctype html><html><body><p>Corpo de ${key}</p></body></html>`,
    ...fields,
  };
  const [row] = sql<{ id: number }>(
    dbPath,
    `INSERT INTO outbox (key, user_id, to_address, kind, locale, subject, text, html, next_attempt_ms)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    key,
    ADMIN.email,
    m.kind,
    m.locale,
    m.subject,
    m.text,
    m.html,
    Date.now(),
  );
  subjects.set(row.id, m.subject);
  return row.id;
}

const row = (dbPath: string, id: number) =>
  sql<{ state: string; attempts: number; last_reply: string | null; sent_at: string | null }>(
    dbPath,
    "SELECT state, attempts, last_reply, sent_at FROM outbox WHERE id = ?",
    id,
  )[0];

/** The messages the SMTP server got of one outbox message: subjects are unique in this file. */
const byId = (id: number) => (m: Received) => m.mail.subject === subjects.get(id);
const subjects = new Map<number, string>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: deliveryEnv() });
});
afterAll(async () => {
  await server?.stop();
  smtp.releaseHeld();
  await smtp?.stop();
});

describe("delivery", () => {
  it("sends a message once, in its language, with both bodies and a one-click unsubscribe", async () => {
    const id = queue(server.dbPath, "headers");
    await smtp.waitFor(() => smtp.delivered.some(byId(id)), 20_000, "the message");
    const mail = smtp.delivered.find(byId(id))!;
    expect(mail.to).toEqual([ADMIN.email]);
    expect(mail.mail.subject).toBe("Assunto headers");
    expect(mail.mail.from?.text).toBe('"tierpool" <notices@portal.test>');
    expect(mail.messageId).toMatch(new RegExp(`^<outbox-${id}\\.[0-9a-f]{16}@portal\\.test>$`));
    expect(mail.header("Content-Language")).toBe("pt-BR");
    expect(mail.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = /^<(http:\/\/portal\.test\/unsubscribe\/1\.run_posted\.[\w-]{32})>$/.exec(
      mail.header("List-Unsubscribe") ?? "",
    );
    expect(unsubscribe).not.toBeNull();
    const link = unsubscribe![1];
    expect(mail.mail.text).toBe(
      `Corpo de headers: você recebeu R$ 1.234,56.\n\n--\n` +
        `Você recebe este e-mail por causa das suas configurações de avisos. ${link}\n`,
    );
    expect(mail.mail.html).toContain("<p>Corpo de headers</p>");
    expect(mail.mail.html).toContain(`<a href="${link}">Parar de receber e-mails deste tipo</a>`);
    await smtp.waitFor(() => row(server.dbPath, id).state === "sent", 5000, "sent");
    expect(row(server.dbPath, id)).toMatchObject({
      state: "sent",
      attempts: 1,
      last_reply: "250 OK: queued",
    });

    // Opening the link asks first: a GET (a link scanner's) changes nothing.
    const path = link.slice(PORTAL.length);
    const page = await fetch(server.url + path, { headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      `Stop e-mails about “Refunds posted” to ${ADMIN.email}? You still see them in the portal.`,
    );
    expect(sql(server.dbPath, "SELECT * FROM notification_preferences")).toEqual([]);

    // The mail client's one-click POST (no Origin, no session) turns the kind's e-mail off.
    const res = await fetch(server.url + path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(sql(server.dbPath, "SELECT user_id, kind, email FROM notification_preferences")).toEqual(
      [{ user_id: 1, kind: "run_posted", email: 0 }],
    );
    // A token changed by one character is refused and changes nothing.
    const forged = path.slice(0, -1) + (path.endsWith("A") ? "B" : "A");
    const refused = await fetch(server.url + forged.replace("run_posted", "batch_paid"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(refused.status).toBe(404);
    expect(sql(server.dbPath, "SELECT count(*) n FROM notification_preferences")).toEqual([
      { n: 1 },
    ]);
  });

  it("sends a password reset without an unsubscribe link (the person asked for it)", async () => {
    const id = queue(server.dbPath, "reset-kind", { kind: "password_reset", locale: "es" });
    await smtp.waitFor(() => smtp.delivered.some(byId(id)), 20_000, "the reset mail");
    const mail = smtp.delivered.find(byId(id))!;
    expect(mail.header("List-Unsubscribe")).toBeUndefined();
    expect(mail.header("Content-Language")).toBe("es");
    expect(mail.mail.text).toBe("Corpo de reset-kind: você recebeu R$ 1.234,56.");
  });

  it("retries a 421 with backoff and delivers once", async () => {
    smtp.answer((m) =>
      m.mail.subject === "Assunto busy" && smtp.received.filter(byId(busy)).length === 1
        ? { code: 421, message: "4.3.2 Try again later" }
        : "accept",
    );
    const busy = queue(server.dbPath, "busy");
    await smtp.waitFor(() => smtp.delivered.some(byId(busy)), 20_000, "the retried message");
    await smtp.waitFor(() => row(server.dbPath, busy).state === "sent", 5000, "sent");
    expect(row(server.dbPath, busy)).toMatchObject({ state: "sent", attempts: 2 });
    expect(smtp.received.filter(byId(busy))).toHaveLength(2);
    await sleep(1500);
    expect(smtp.delivered.filter(byId(busy))).toHaveLength(1);
    smtp.answer(() => "accept");
  });

  it("records a 550 with the server's reply and never tries again", async () => {
    smtp.answer((m) =>
      m.mail.subject === "Assunto refused"
        ? { code: 550, message: "5.1.1 No such mailbox here" }
        : "accept",
    );
    const refused = queue(server.dbPath, "refused");
    await smtp.waitFor(() => row(server.dbPath, refused).state === "failed", 20_000, "failed");
    expect(row(server.dbPath, refused)).toEqual({
      state: "failed",
      attempts: 1,
      last_reply: "550 5.1.1 No such mailbox here",
      sent_at: null,
    });
    await sleep(2000);
    expect(smtp.received.filter(byId(refused))).toHaveLength(1);
    expect(smtp.delivered.filter(byId(refused))).toHaveLength(0);
    expect(row(server.dbPath, refused).attempts).toBe(1);
    smtp.answer(() => "accept");
  });
});

describe("restarts and two processes", () => {
  it("sends a message exactly once when the server is killed while the SMTP server holds its answer", async () => {
    const first = await startServer({ env: deliveryEnv() });
    let second: TestServer | undefined;
    try {
      smtp.answer((m) => (m.mail.subject === "Assunto crash" ? "hold" : "accept"));
      const held = smtp.nextHeld();
      const id = queue(first.dbPath, "crash");
      const message = await held;
      expect(message.mail.subject).toBe("Assunto crash");
      expect(row(first.dbPath, id)).toMatchObject({ state: "sending", attempts: 1 });
      await first.stop({ keepFiles: true, signal: "SIGKILL" });
      // The held answer comes after the client is gone: the server never said 250, so it is not
      // delivered, and the message must go again.
      await sleep(300);
      smtp.releaseHeld();
      smtp.answer(() => "accept");
      expect(smtp.delivered.filter(byId(id))).toHaveLength(0);
      second = await startServer({ env: deliveryEnv(), dir: first.dir });
      await smtp.waitFor(() => smtp.delivered.some(byId(id)), 20_000, "the resend");
      await smtp.waitFor(() => row(first.dbPath, id).state === "sent", 5000, "sent");
      await sleep(1500);
      expect(smtp.delivered.filter(byId(id))).toHaveLength(1);
      expect(smtp.received.filter(byId(id))).toHaveLength(2);
      // Both tries carry one Message-ID, so a receiver can tell a resend from a new message.
      expect(new Set(smtp.received.filter(byId(id)).map((m) => m.messageId)).size).toBe(1);
      expect(row(first.dbPath, id)).toMatchObject({ state: "sent", attempts: 2 });
    } finally {
      await second?.stop({ keepFiles: true });
      await first.stop();
    }
  });

  it("two server processes on one database send each message once", async () => {
    const a = await startServer({ env: deliveryEnv() });
    const b = await startServer({ env: deliveryEnv(), dir: a.dir });
    try {
      const ids = Array.from({ length: 40 }, (_, i) => queue(a.dbPath, `pair-${i}`));
      await smtp.waitFor(
        () => ids.every((id) => smtp.delivered.some(byId(id))),
        60_000,
        "all 40 messages",
      );
      await sleep(1500);
      for (const id of ids) expect(smtp.received.filter(byId(id)), `message ${id}`).toHaveLength(1);
      expect(
        sql(
          a.dbPath,
          `SELECT state, attempts, count(*) n FROM outbox WHERE key LIKE 'pair-%' GROUP BY 1, 2`,
        ),
      ).toEqual([{ state: "sent", attempts: 1, n: 40 }]);
    } finally {
      await b.stop({ keepFiles: true });
      await a.stop();
    }
  });
});
