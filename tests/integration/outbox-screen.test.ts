// The embedded default (SPEC 11): without SMTP_URL nothing is sent and the admin reads every
// message on the Outbox screen, filtered by state, kind and recipient. The invitation flow puts
// its e-mail there, carrying the one-time link that opens the invitation.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: BrowserSession;

const outbox = async (query = "") =>
  (await admin.data(`/admin/outbox${query}`, "routes/admin.outbox")).body as Json;

beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_URL: "http://portal.test", MAIL_POLL_MS: "200" } });
  admin = new BrowserSession(server.url, "en");
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(() => server.stop());

describe("the Outbox without SMTP", () => {
  it("keeps the invitation e-mail unsent, with the link that opens the invitation", async () => {
    const invited = await admin.action("/admin/users", "routes/admin.users", {
      intent: "invite",
      email: "Invitee@Test.example",
      role: "admin",
    });
    expect(invited.status).toBe(200);
    const token = new URL(invited.body.link).pathname.split("/").pop();
    await new Promise((r) => setTimeout(r, 1000));

    const list = await outbox("?kind=invitation");
    expect(list.smtp).toBe(false);
    expect(list.total).toBe(1);
    const [message] = list.rows;
    expect(message).toMatchObject({
      to: "invitee@test.example",
      kind: "invitation",
      locale: "es",
      subject: "Está invitado a tierpool",
      state: "queued",
      attempts: 0,
      lastReply: null,
      sentAt: null,
    });
    expect(message.text).toContain(`Aceptar la invitación: http://portal.test/invite/${token}`);
    expect(message.text).toContain("El enlace funciona una sola vez, dentro de 24 horas.");

    // The link of the mail opens the invitation.
    const page = await new BrowserSession(server.url, "en").get(`/invite/${token}`);
    expect(await page.text()).toContain("invitee@test.example");

    const html = await (await admin.get("/admin/outbox")).text();
    expect(html).toContain("<title>Outbox · tierpool</title>");
    expect(html).toContain("SMTP_URL is not set: messages are kept here and not sent.");
    expect(html).toContain("Está invitado a tierpool");
  });

  it("filters by state, kind and recipient and pages newest first", async () => {
    const db = new Database(server.dbPath);
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      `INSERT INTO outbox (key, user_id, to_address, kind, locale, subject, text, html, state, attempts, last_reply, next_attempt_ms)
       VALUES (?, 1, ?, ?, 'en', ?, 't', 'h', ?, ?, ?, 0)`,
    );
    for (let i = 0; i < 120; i++)
      insert.run(
        `screen:${i}`,
        i % 2 ? "odd@test.example" : "even@test.example",
        i % 3 ? "run_posted" : "batch_paid",
        `Message ${i}`,
        i % 4 === 3 ? "failed" : "sent",
        1,
        i % 4 === 3 ? "550 no such user" : "250 OK",
      );
    db.close();

    const failed = await outbox("?state=failed");
    expect(failed.total).toBe(30);
    expect(failed.rows[0]).toMatchObject({ subject: "Message 119", lastReply: "550 no such user" });
    const paid = await outbox("?kind=batch_paid&to=EVEN@test.example");
    // batch_paid: i divisible by 3; even: i divisible by 2 → i divisible by 6: 0, 6, … 114.
    expect(paid.total).toBe(20);
    expect(paid.rows.map((r: Json) => r.subject).slice(0, 3)).toEqual([
      "Message 114",
      "Message 108",
      "Message 102",
    ]);
    const second = await outbox("?page=2");
    expect(second.total).toBe(121);
    expect(second.rows).toHaveLength(50);
    expect(second.rows[0].subject).toBe("Message 69");
    // An unknown state or kind is no filter, never an error.
    expect((await outbox("?state=nonsense&kind=nonsense")).total).toBe(121);
  });
});

describe("the public pages of e-mail", () => {
  it("answer a stranger, and refuse a link that is not ours without changing anything", async () => {
    const stranger = new BrowserSession(server.url, "en");
    expect((await stranger.get("/forgot-password")).status).toBe(200);
    const reset = await stranger.get("/reset-password/not-a-token");
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain("This link is invalid, expired or already used.");
    const unsubscribe = await stranger.get("/unsubscribe/1.run_posted.not-a-signature");
    expect(await unsubscribe.text()).toContain("This unsubscribe link is not valid.");
    const post = await fetch(`${server.url}/unsubscribe/1.run_posted.${"A".repeat(32)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(404);
    const db = new Database(server.dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) n FROM notification_preferences").get()).toEqual({ n: 0 });
    db.close();
  });
});
