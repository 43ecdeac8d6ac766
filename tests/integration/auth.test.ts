// Sign-in, sessions, throttling, CSRF, invitations and password change over real HTTP.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { BrowserSession } from "@tests/setup/http";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const count = (sql: string, ...args: unknown[]) => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("sign in", () => {
  it("lands the admin on the admin dashboard with a session cookie", async () => {
    const s = new BrowserSession(server.url);
    const res = await s.post("/login", ADMIN);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await s.get("/admin")).status).toBe(200);
  });

  it("answers a wrong password and an unknown e-mail with the same message and status", async () => {
    const wrong = await new BrowserSession(server.url).action("/login", "routes/login", {
      email: ADMIN.email,
      password: "nope-nope-nope",
    });
    const unknown = await new BrowserSession(server.url).action("/login", "routes/login", {
      email: "ghost@test.example",
      password: "nope-nope-nope",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: "invalid" });
    expect(unknown.body).toEqual(wrong.body);
    expect(
      count("SELECT count(*) n FROM audit_log WHERE action = 'login.failed'"),
    ).toBeGreaterThanOrEqual(2);
  });

  it("throttles an account after five failures, even with the right password then", async () => {
    const email = "throttle@test.example";
    const admin = new BrowserSession(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const api = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(ADMIN),
    }).then((r) => r.json());
    await fetch(`${server.url}/api/v1/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${api.token}` },
      body: JSON.stringify({ email, password: "right-password-1", role: "admin" }),
    });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await new BrowserSession(server.url).post("/login", {
            email,
            password: `bad-${i}-password`,
          })
        ).status,
      ).toBe(401);
    }
    const blocked = await new BrowserSession(server.url).action("/login", "routes/login", {
      email,
      password: "right-password-1",
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe("throttled");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("ends the session server-side on logout: the old cookie no longer works", async () => {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const oldCookie = s.cookie;
    const sessionsBefore = count("SELECT count(*) n FROM sessions");
    expect((await s.post("/logout")).status).toBe(302);
    expect(count("SELECT count(*) n FROM sessions")).toBe(sessionsBefore - 1);
    const replay = await fetch(`${server.url}/admin`, {
      headers: { Cookie: oldCookie },
      redirect: "manual",
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("CSRF", () => {
  it("refuses a form posted from another site and changes nothing", async () => {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const before = count("SELECT count(*) n FROM suppliers");
    const res = await s.post(
      "/admin/suppliers",
      {
        intent: "create",
        name: "Evil Supplier",
        currency: "USD",
        dateOrder: "dmy",
        language: "es",
      },
      { Origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(count("SELECT count(*) n FROM suppliers")).toBe(before);
  });

  it("accepts the same form from this site", async () => {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const res = await s.post("/admin/suppliers", {
      intent: "create",
      name: "Good Supplier",
      currency: "usd",
      dateOrder: "mdy",
      language: "en",
    });
    expect(res.status).toBe(200);
    expect(
      count(
        "SELECT count(*) n FROM suppliers WHERE name = 'Good Supplier' AND currency = 'USD' AND date_order = 'mdy'",
      ),
    ).toBe(1);
  });
});

describe("invitations", () => {
  async function invite(email: string) {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const res = await s.action("/admin/users", "routes/admin.users", {
      intent: "invite",
      email,
      role: "admin",
    });
    expect(res.status).toBe(200);
    const { link } = res.body;
    return new URL(link).pathname;
  }

  it("lets the invitee set a password once; the link is then refused", async () => {
    const path = await invite("invitee@test.example");
    const invitee = new BrowserSession(server.url);
    const accepted = await invitee.post(path, { name: "Ivy", password: "invitee-password-1" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/admin");
    const again = await new BrowserSession(server.url, "en").action(path, "routes/invite.$token", {
      name: "Ivy 2",
      password: "another-password-2",
    });
    expect(again.status).toBe(410);
    expect(count("SELECT count(*) n FROM users WHERE email = 'invitee@test.example'")).toBe(1);
    await new BrowserSession(server.url).login("invitee@test.example", "invitee-password-1");
  });

  it("refuses an expired invitation and creates no user", async () => {
    const path = await invite("late@test.example");
    const db = new Database(server.dbPath);
    db.prepare(
      "UPDATE invitations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE email = 'late@test.example'",
    ).run();
    db.close();
    const res = await new BrowserSession(server.url, "en").action(path, "routes/invite.$token", {
      password: "late-password-1",
    });
    expect(res.status).toBe(410);
    expect(res.body.message).toBe("This invitation link is invalid, expired or already used.");
    expect(count("SELECT count(*) n FROM users WHERE email = 'late@test.example'")).toBe(0);
  });
});

describe("password change", () => {
  it("needs the current password, then the new one works", async () => {
    const api = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(ADMIN),
    }).then((r) => r.json());
    await fetch(`${server.url}/api/v1/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${api.token}` },
      body: JSON.stringify({
        email: "changer@test.example",
        password: "first-password-1",
        role: "admin",
      }),
    });
    const s = new BrowserSession(server.url);
    await s.login("changer@test.example", "first-password-1");
    const refused = await s.post("/account", {
      intent: "password",
      current: "not-the-password",
      next: "second-password-2",
    });
    expect(refused.status).toBe(400);
    const ok = await s.post("/account", {
      intent: "password",
      current: "first-password-1",
      next: "second-password-2",
    });
    expect(ok.status).toBe(200);
    await new BrowserSession(server.url).login("changer@test.example", "second-password-2");
  });
});
