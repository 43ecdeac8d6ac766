// "Forgot password" over HTTP on the built server, its e-mail read from a real SMTP server: the
// answer never tells whether an address has an account, the link works once, expires after 24
// hours (the portal's clock moved by the test), and using it ends every other session and token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock, type TestClock } from "@tests/setup/clock";
import { apiAs, BrowserSession } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { mailEnv, startSmtp, type TestSmtp } from "@tests/setup/smtp";

const PORTAL = "http://portal.test";
const T0 = "2026-05-04T10:00:00.000Z";
const PASSWORD = "member-password-1";
let smtp: TestSmtp;
let server: TestServer;
let clock: TestClock;
let memberId: number;

const sql = <T>(query: string, ...args: unknown[]) => server.sql<T>(query, ...args);

async function createMember(email: string) {
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const res = await admin.post("/api/v1/users", {
    email,
    password: PASSWORD,
    role: "member",
    memberId,
  });
  expect(res.status).toBe(201);
}

/** Asks for a link as a browser reading `language`; returns the action's answer. */
const forgot = (email: string, language = "pt-BR") =>
  new BrowserSession(server.url, language).action("/forgot-password", "routes/forgot-password", {
    email,
  });

/** The path of the reset link in the latest mail to `email`. */
async function linkMailedTo(email: string, count: number) {
  await smtp.waitFor(
    () => smtp.delivered.filter((m) => m.to[0] === email).length >= count,
    20_000,
    `mail ${count} to ${email}`,
  );
  const mail = smtp.delivered.filter((m) => m.to[0] === email).at(-1)!;
  const url = /http:\/\/portal\.test(\/reset-password\/[\w-]{43})\b/.exec(mail.mail.text ?? "");
  expect(url).not.toBeNull();
  return { path: url![1], mail };
}

beforeAll(async () => {
  smtp = await startSmtp();
  clock = testClock(T0);
  server = await startServer({ env: mailEnv(smtp, PORTAL, { TIERPOOL_CLOCK: clock.path }) });
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  memberId = (
    await admin.post("/api/v1/members", [
      { name: "Member A", taxId: "AAA010101AA1", country: "MX", joinedOn: "2025-01-01" },
    ])
  ).body[0].id;
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("forgot password", () => {
  it("answers an unknown address exactly as a known one, and mails only the known one", async () => {
    await createMember("known@test.example");
    const unknown = await forgot("nobody@test.example");
    const known = await forgot("  Known@Test.example ");
    expect(unknown).toMatchObject({ status: 200, body: { sent: true } });
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    const { mail } = await linkMailedTo("known@test.example", 1);
    // The user chose no language: the asking browser's (pt-BR).
    expect(mail.mail.subject).toBe("Escolha uma nova senha do tierpool");
    expect(mail.header("Content-Language")).toBe("pt-BR");
    expect(mail.header("List-Unsubscribe")).toBeUndefined();
    expect(mail.mail.text).toContain("pediu para escolher uma nova senha para known@test.example.");
    expect(
      sql("SELECT to_address, kind, locale FROM outbox WHERE kind = 'password_reset'"),
    ).toEqual([{ to_address: "known@test.example", kind: "password_reset", locale: "pt-BR" }]);
  });

  it("lets the link set a password once, ending every other session and token", async () => {
    const email = "once@test.example";
    await createMember(email);
    const first = new BrowserSession(server.url);
    const second = new BrowserSession(server.url);
    await first.login(email, PASSWORD);
    await second.login(email, PASSWORD);
    const api = await apiAs(server.url, email, PASSWORD);
    expect((await api.get("/api/v1/tokens")).status).toBe(200);

    await forgot(email, "es");
    const { path, mail } = await linkMailedTo(email, 1);
    expect(mail.mail.subject).toBe("Elija una nueva contraseña de tierpool");

    const stranger = new BrowserSession(server.url, "en");
    const page = await stranger.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);

    // Too short: refused, and nothing ended.
    const short = await stranger.action(path, "routes/reset-password.$token", {
      password: "short",
    });
    expect(short.status).toBe(400);
    expect((await first.get("/member")).status).toBe(200);

    const done = await stranger.post(path, { password: "brand-new-password-1" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    for (const session of [first, second]) {
      const res = await session.get("/member");
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    }
    expect((await api.get("/api/v1/tokens")).status).toBe(401);
    expect(
      (await new BrowserSession(server.url).post("/login", { email, password: PASSWORD })).status,
    ).toBe(401);
    await new BrowserSession(server.url).login(email, "brand-new-password-1");

    // Used: refused the second time, and the page says so.
    const again = await stranger.action(path, "routes/reset-password.$token", {
      password: "another-password-2",
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({
      code: "password_reset_invalid",
      message: "This password reset link is invalid, expired or already used. Ask for a new one.",
    });
    expect(await (await stranger.get(path)).text()).toContain(
      "This link is invalid, expired or already used.",
    );
    await new BrowserSession(server.url).login(email, "brand-new-password-1");
    expect(
      sql("SELECT action, details FROM audit_log WHERE action = 'user.password_reset'"),
    ).toEqual([
      { action: "user.password_reset", details: '{"sessionsEnded":2,"tokensRevoked":1}' },
    ]);
  });

  it("expires the link 24 hours after it was sent, by the portal's clock", async () => {
    const email = "late@test.example";
    await createMember(email);
    clock.set("2026-05-10T08:00:00.000Z");
    await forgot(email, "en");
    const { path, mail } = await linkMailedTo(email, 1);
    expect(mail.mail.subject).toBe("Choose a new tierpool password");

    clock.set("2026-05-11T07:59:00.000Z");
    expect(await (await new BrowserSession(server.url, "en").get(path)).text()).toContain(email);

    clock.set("2026-05-11T08:00:01.000Z");
    const browser = new BrowserSession(server.url, "en");
    expect(await (await browser.get(path)).text()).toContain(
      "This link is invalid, expired or already used.",
    );
    const late = await browser.action(path, "routes/reset-password.$token", {
      password: "too-late-password-1",
    });
    expect(late.status).toBe(410);
    await new BrowserSession(server.url).login(email, PASSWORD);
  });

  it("sends at most three links an hour to one account", async () => {
    const email = "many@test.example";
    await createMember(email);
    clock.set("2026-05-12T08:00:00.000Z");
    for (let i = 0; i < 5; i++) expect((await forgot(email)).body).toEqual({ sent: true });
    const count = () =>
      sql<{ n: number }>(
        "SELECT count(*) n FROM outbox WHERE kind = 'password_reset' AND to_address = ?",
        email,
      )[0].n;
    expect(count()).toBe(3);
    clock.set("2026-05-12T09:00:01.000Z");
    await forgot(email);
    expect(count()).toBe(4);
  });
});
