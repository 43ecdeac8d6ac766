// Tokens and sessions end, and throttling never lets a stranger lock an account (decision 041),
// over real HTTP. The clock moves by editing the rows' timestamps in the test database; "other
// addresses" are other loopback addresses (127.0.0.x) the requests are sent from.
import { request as httpRequest } from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
let memberId: number;

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  memberId = (
    await admin.post("/api/v1/members", {
      name: "Hardening Member",
      taxId: "HRD010101AA1",
      country: "MX",
      joinedOn: "2025-01-01",
    })
  ).body.id;
});
afterAll(() => server.stop());

const PASSWORD = "hardening-password-1";

/** A new member user (or admin) with the shared password. */
async function newUser(email: string, role: "member" | "admin" = "member") {
  const res = await admin.post("/api/v1/users", {
    email,
    password: PASSWORD,
    role,
    ...(role === "member" ? { memberId } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

function sql(statement: string, ...args: unknown[]) {
  const db = new Database(server.dbPath);
  try {
    return db.prepare(statement).run(...args);
  } finally {
    db.close();
  }
}

function rows<T = Json>(statement: string, ...args: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(statement).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** The session id inside a browser's signed cookie (base64 of the JSON id, a dot, the signature). */
function sessionIdOf(s: BrowserSession): string {
  const value = decodeURIComponent(s.cookie.slice(s.cookie.indexOf("=") + 1));
  const encoded = value.slice(0, value.lastIndexOf("."));
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
}

/** Signs in through the login form from `address` (a loopback address), as a browser would. */
function loginFrom(
  address: string,
  email: string,
  password: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Json }> {
  const url = new URL(`${server.url}/login?_data=routes%2Flogin`);
  const payload = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        localAddress: address,
        headers: {
          Origin: server.url,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          let body: Json = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A signed-in browser may open its account page; a signed-out one is sent to /login. */
async function signedIn(s: BrowserSession): Promise<boolean> {
  const res = await s.get("/account");
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/login/);
  return false;
}

describe("a password change", () => {
  it("ends the user's other sessions and every token, and re-issues the session doing it", async () => {
    const email = "changer@hardening.example";
    const userId = await newUser(email);
    const doing = new BrowserSession(server.url, "en");
    const other = new BrowserSession(server.url);
    await doing.login(email, PASSWORD);
    await other.login(email, PASSWORD);
    const oldCookie = doing.cookie;
    const token = await apiAs(server.url, email, PASSWORD);
    expect((await token.get("/api/v1/tokens")).status).toBe(200);

    // A document POST (no JavaScript): the page after the action is the account page itself.
    const res = await doing.post("/account", {
      intent: "password",
      current: PASSWORD,
      next: "changed-password-2",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your other sessions and all your API tokens were ended");
    expect(doing.cookie).not.toBe(oldCookie);

    expect(await signedIn(doing)).toBe(true);
    expect(await signedIn(other)).toBe(false);
    const refused = await token.get("/api/v1/tokens");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    // The old id of the re-issued session lives ten seconds more (the page answering the change
    // was rendered with it); then it is refused like the others.
    const oldId = sessionIdOf({ cookie: oldCookie } as BrowserSession);
    const [old] = rows<{ expires: string }>(
      "SELECT expires_at AS expires FROM sessions WHERE id = ?",
      oldId,
    );
    expect(Date.parse(old.expires) - Date.now()).toBeLessThanOrEqual(10_000);
    sql("UPDATE sessions SET expires_at = ? WHERE id = ?", new Date().toISOString(), oldId);
    const replay = await fetch(`${server.url}/account`, {
      headers: { Cookie: oldCookie },
      redirect: "manual",
    });
    expect(replay.status).toBe(302);
    expect(rows("SELECT id FROM sessions WHERE user_id = ?", userId)).toEqual([
      { id: sessionIdOf(doing) },
    ]);
    expect(
      rows("SELECT id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL", userId),
    ).toEqual([]);
    const [audit] = rows<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'user.password_change' AND target_id = ?",
      String(userId),
    );
    expect(JSON.parse(audit.details)).toEqual({ sessionsEnded: 2, tokensRevoked: 1 });
    await new BrowserSession(server.url).login(email, "changed-password-2");
  });
});

describe("token expiry", () => {
  it("gives a token 90 days or the shorter life asked for, and refuses it once expired", async () => {
    const email = "expiry@hardening.example";
    await newUser(email);
    const anon = new ApiClient(server.url);
    const day = 24 * 3600 * 1000;
    const full = await anon.post("/api/v1/tokens", { email, password: PASSWORD });
    expect(full.status).toBe(201);
    expect(Date.parse(full.body.expiresAt) - Date.now()).toBeGreaterThan(89.9 * day);
    expect(Date.parse(full.body.expiresAt) - Date.now()).toBeLessThanOrEqual(90 * day);
    const week = await anon.post("/api/v1/tokens", { email, password: PASSWORD, expiresInDays: 7 });
    expect(week.status).toBe(201);
    expect(Date.parse(week.body.expiresAt) - Date.now()).toBeLessThanOrEqual(7 * day);
    expect(
      (await anon.post("/api/v1/tokens", { email, password: PASSWORD, expiresInDays: 91 })).status,
    ).toBe(400);

    const client = new ApiClient(server.url, week.body.token);
    const listed = (await client.get("/api/v1/tokens")).body;
    expect(listed.find((t: Json) => t.id === week.body.id)).toMatchObject({
      expiresAt: week.body.expiresAt,
      revokedAt: null,
    });
    sql(
      "UPDATE api_tokens SET expires_at = ? WHERE id = ?",
      new Date(Date.now() - 1000).toISOString(),
      week.body.id,
    );
    expect((await client.get("/api/v1/tokens")).status).toBe(401);
    expect((await new ApiClient(server.url, full.body.token).get("/api/v1/tokens")).status).toBe(
      200,
    );
  });
});

describe("session limits", () => {
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const MIN = 60_000;

  it("ends an admin's session after 30 idle minutes, a member's after 12 idle hours", async () => {
    const adminSession = new BrowserSession(server.url);
    await adminSession.login(ADMIN.email, ADMIN.password);
    sql(
      "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
      ago(29 * MIN),
      sessionIdOf(adminSession),
    );
    expect(await signedIn(adminSession)).toBe(true);
    sql(
      "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
      ago(31 * MIN),
      sessionIdOf(adminSession),
    );
    expect(await signedIn(adminSession)).toBe(false);
    expect(rows("SELECT id FROM sessions WHERE id = ?", sessionIdOf(adminSession))).toEqual([]);

    const email = "idle@hardening.example";
    await newUser(email);
    const member = new BrowserSession(server.url);
    await member.login(email, PASSWORD);
    sql(
      "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
      ago(11 * 60 * MIN),
      sessionIdOf(member),
    );
    expect(await signedIn(member)).toBe(true);
    sql(
      "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
      ago(13 * 60 * MIN),
      sessionIdOf(member),
    );
    expect(await signedIn(member)).toBe(false);
  });

  it("ends any session 14 days after sign-in, however busy", async () => {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    expect(await signedIn(s)).toBe(true);
    const [row] = rows<{ created: string; expires: string }>(
      "SELECT created_at AS created, expires_at AS expires FROM sessions WHERE id = ?",
      sessionIdOf(s),
    );
    expect(Date.parse(row.expires) - Date.parse(row.created)).toBeGreaterThan(
      13.99 * 24 * 60 * MIN,
    );
    sql("UPDATE sessions SET expires_at = ? WHERE id = ?", ago(1000), sessionIdOf(s));
    expect(await signedIn(s)).toBe(false);
  });

  it("notes the last request at most once a minute", async () => {
    const s = new BrowserSession(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const seen = () =>
      rows<{ at: string }>(
        "SELECT last_seen_at AS at FROM sessions WHERE id = ?",
        sessionIdOf(s),
      )[0].at;
    const recent = ago(20_000);
    sql("UPDATE sessions SET last_seen_at = ? WHERE id = ?", recent, sessionIdOf(s));
    await signedIn(s);
    expect(seen()).toBe(recent);
    sql("UPDATE sessions SET last_seen_at = ? WHERE id = ?", ago(2 * MIN), sessionIdOf(s));
    await signedIn(s);
    expect(Date.now() - Date.parse(seen())).toBeLessThan(20_000);
  });
});

describe("everyone's own tokens", () => {
  it("a member and an admin list and revoke their tokens through the API, never another's", async () => {
    const email = "lister@hardening.example";
    await newUser(email);
    const anon = new ApiClient(server.url);
    const member = await apiAs(server.url, email, PASSWORD);
    const issued = (await anon.post("/api/v1/tokens", { email, password: PASSWORD })).body;
    const spare = new ApiClient(server.url, issued.token);
    const adminIssued = (await anon.post("/api/v1/tokens", ADMIN)).body;
    const adminSpare = new ApiClient(server.url, adminIssued.token);
    const adminSpareId = adminIssued.id;

    const mine = (await member.get("/api/v1/tokens")).body as Json[];
    expect(mine).toHaveLength(2);
    expect(mine[0]).toEqual({
      id: issued.id,
      name: "api",
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: issued.expiresAt,
      revokedAt: null,
    });
    expect(JSON.stringify(mine)).not.toContain(issued.token);
    expect(mine.map((t) => t.id)).not.toContain(adminSpareId);
    const adminTokens = (await adminSpare.get("/api/v1/tokens")).body as Json[];
    expect(adminTokens.map((t) => t.id)).toContain(adminSpareId);
    expect(adminTokens.map((t) => t.id)).not.toContain(issued.id);

    // Someone else's token: not found, and still working.
    const foreign = await member.post(`/api/v1/tokens/${adminSpareId}/revoke`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await adminSpare.get("/api/v1/tokens")).status).toBe(200);
    expect((await member.post("/api/v1/tokens/999999/revoke")).status).toBe(404);

    // One's own: revoked (again: the same answer), and refused from then on.
    expect((await spare.get("/api/v1/tokens")).status).toBe(200);
    const revoked = await member.post(`/api/v1/tokens/${issued.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: issued.id, revokedAt: expect.any(String) });
    expect((await member.post(`/api/v1/tokens/${issued.id}/revoke`)).body).toEqual(revoked.body);
    expect((await spare.get("/api/v1/tokens")).status).toBe(401);
    expect((await member.get("/api/v1/tokens")).status).toBe(200);

    // The admin revokes their own spare token the same way.
    const adminRevoked = await admin.post(`/api/v1/tokens/${adminSpareId}/revoke`);
    expect(adminRevoked.status).toBe(200);
    expect((await adminSpare.get("/api/v1/tokens")).status).toBe(401);
    expect(
      rows("SELECT target_id AS id FROM audit_log WHERE action = 'token.revoke'").map(
        (r: Json) => r.id,
      ),
    ).toEqual(expect.arrayContaining([String(issued.id), String(adminSpareId)]));
  });

  it("a member and an admin create, see and revoke tokens on /account/tokens, never another's", async () => {
    const ROUTE = "routes/account_.tokens";
    const email = "screen@hardening.example";
    await newUser(email);
    const member = new BrowserSession(server.url, "en");
    await member.login(email, PASSWORD);
    const adminPage = new BrowserSession(server.url, "en");
    await adminPage.login(ADMIN.email, ADMIN.password);

    const created = await member.action("/account/tokens", ROUTE, {
      intent: "create",
      name: "Spreadsheet",
      days: "30",
    });
    expect(created.status).toBe(200);
    const { id, token, expiresAt } = created.body.created;
    expect(token).toMatch(/^tp_/);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 24 * 3600 * 1000);
    expect((await new ApiClient(server.url, token).get("/api/v1/tokens")).status).toBe(200);
    const listed = (await member.data("/account/tokens", ROUTE)).body.tokens as Json[];
    expect(listed.find((t) => t.id === id)).toMatchObject({
      name: "Spreadsheet",
      expiresAt,
      revokedAt: null,
      expired: false,
    });
    expect(JSON.stringify(listed)).not.toContain(token);
    const html = await (await member.get("/account/tokens")).text();
    expect(html).toContain("Spreadsheet");
    expect(html).toContain("Expires");

    const adminCreated = await adminPage.action("/account/tokens", ROUTE, {
      intent: "create",
      name: "Admin script",
    });
    expect(adminCreated.status).toBe(200);
    const adminListed = (await adminPage.data("/account/tokens", ROUTE)).body.tokens as Json[];
    expect(adminListed.map((t) => t.id)).not.toContain(id);
    expect(adminListed.map((t) => t.id)).toContain(adminCreated.body.created.id);

    // Neither revokes the other's token.
    const foreign = await adminPage.action("/account/tokens", ROUTE, {
      intent: "revoke",
      tokenId: String(id),
    });
    expect(foreign.status).toBe(404);
    const foreign2 = await member.action("/account/tokens", ROUTE, {
      intent: "revoke",
      tokenId: String(adminCreated.body.created.id),
    });
    expect(foreign2.status).toBe(404);

    const revoked = await member.action("/account/tokens", ROUTE, {
      intent: "revoke",
      tokenId: String(id),
    });
    expect(revoked.body).toEqual({ revoked: id });
    expect((await new ApiClient(server.url, token).get("/api/v1/tokens")).status).toBe(401);
    const adminToken = new ApiClient(server.url, adminCreated.body.created.token);
    expect((await adminToken.get("/api/v1/tokens")).status).toBe(200);
  });
});

describe("disabling a user", () => {
  it("ends their sessions and tokens, refuses their sign-in, and the admin can enable them", async () => {
    const ROUTE = "routes/admin.users";
    const email = "disabled@hardening.example";
    const userId = await newUser(email);
    const session = new BrowserSession(server.url);
    await session.login(email, PASSWORD);
    const token = await apiAs(server.url, email, PASSWORD);
    const adminPage = new BrowserSession(server.url, "en");
    await adminPage.login(ADMIN.email, ADMIN.password);

    const disabled = await adminPage.action("/admin/users", ROUTE, {
      intent: "disable",
      userId: String(userId),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ access: { email, disabled: true } });
    expect(await signedIn(session)).toBe(false);
    expect((await token.get("/api/v1/tokens")).status).toBe(401);

    // Signing in is refused exactly as a wrong password is.
    const refused = await new BrowserSession(server.url).action("/login", "routes/login", {
      email,
      password: PASSWORD,
    });
    expect(refused).toMatchObject({ status: 401, body: { error: "invalid" } });
    const api = await new ApiClient(server.url).post("/api/v1/tokens", {
      email,
      password: PASSWORD,
    });
    expect(api).toMatchObject({ status: 401, body: { error: { code: "invalid_credentials" } } });

    // The admin's list shows it; the admin cannot disable themself.
    const html = await (await adminPage.get("/admin/users")).text();
    expect(html).toContain("Disabled");
    const adminId = rows<{ id: number }>("SELECT id FROM users WHERE email = ?", ADMIN.email)[0].id;
    const self = await adminPage.action("/admin/users", ROUTE, {
      intent: "disable",
      userId: String(adminId),
    });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe("You cannot disable your own account.");

    const enabled = await adminPage.action("/admin/users", ROUTE, {
      intent: "enable",
      userId: String(userId),
    });
    expect(enabled.body).toEqual({ access: { email, disabled: false } });
    await new BrowserSession(server.url).login(email, PASSWORD);
    expect((await token.get("/api/v1/tokens")).status).toBe(401);
    expect(
      rows(
        "SELECT action FROM audit_log WHERE target_id = ? AND action LIKE 'user.%able' ORDER BY id",
        String(userId),
      ),
    ).toEqual([{ action: "user.disable" }, { action: "user.enable" }]);
  });
});

describe("throttling", () => {
  it("keeps the admin signing in from their own address while other addresses fail", async () => {
    // The admin's own address: signed in from there before.
    expect((await loginFrom("127.0.0.1", ADMIN.email, ADMIN.password)).status).toBe(204);
    const statuses: number[] = [];
    for (const address of ["127.0.0.2", "127.0.0.3"])
      for (let i = 0; i < 7; i++)
        statuses.push((await loginFrom(address, ADMIN.email, `wrong-${i}-password`)).status);
    // Per address: five wrong answers, then a growing delay.
    expect(statuses).toEqual([
      401, 401, 401, 401, 401, 429, 429, 401, 401, 401, 401, 401, 429, 429,
    ]);
    // Right password from the attackers' addresses: still delayed.
    const attacker = await loginFrom("127.0.0.2", ADMIN.email, ADMIN.password);
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers["retry-after"])).toBeGreaterThan(0);
    // The account failed ten times: an address the admin never used is delayed too …
    expect((await loginFrom("127.0.0.4", ADMIN.email, ADMIN.password)).status).toBe(429);
    // … but the admin's own address is not.
    const own = await loginFrom("127.0.0.1", ADMIN.email, ADMIN.password);
    expect(own.status).toBe(204);
    expect(own.headers["set-cookie"]).toBeDefined();
    expect((await apiAs(server.url, ADMIN.email, ADMIN.password)).token).toMatch(/^tp_/);
    // Once the delays have run (the clock moved by editing the counters), strangers try again.
    sql("UPDATE login_throttles SET last_failure_ms = last_failure_ms - 3600000");
    expect((await loginFrom("127.0.0.4", ADMIN.email, ADMIN.password)).status).toBe(204);
  });

  it("answers an unknown e-mail as a known one, wrong and throttled alike", async () => {
    const answers = async (email: string, address: string) => {
      const out: { status: number; body: Json }[] = [];
      for (let i = 0; i < 6; i++) {
        const { status, body } = await loginFrom(address, email, `nope-${i}-password`);
        out.push({ status, body: status === 429 ? body.error : body });
      }
      return out;
    };
    const email = "known@hardening.example";
    await newUser(email);
    const known = await answers(email, "127.0.0.5");
    const unknown = await answers("ghost@hardening.example", "127.0.0.6");
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(
      rows(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'login.throttled' AND ip LIKE '%127.0.0.6'",
      ),
    ).toEqual([{ n: 1 }]);
  });

  it("throttles and audits wrong current passwords on /account", async () => {
    const ROUTE = "routes/account";
    const email = "guesser@hardening.example";
    const userId = await newUser(email);
    const s = new BrowserSession(server.url, "en");
    await s.login(email, PASSWORD);
    const change = (current: string) =>
      s.action("/account", ROUTE, { intent: "password", current, next: "guessed-password-9" });
    for (let i = 0; i < 5; i++) {
      const res = await change(`guess-${i}-password`);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { path: "current", message: "The current password is wrong." },
      ]);
    }
    const throttled = await change(PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe("too_many_attempts");
    expect(throttled.body.message).toMatch(
      /^Too many failed attempts\. Try again in \d+ seconds\.$/,
    );
    const audit = rows<{ action: string }>(
      "SELECT action FROM audit_log WHERE target_id = ? AND action LIKE 'user.password%' ORDER BY id",
      String(userId),
    ).map((r) => r.action);
    expect(audit).toEqual([
      ...Array(5).fill("user.password_check_failed"),
      "user.password_check_throttled",
    ]);
    // The password did not change, and after the delay the right one works.
    sql(
      "UPDATE login_throttles SET last_failure_ms = last_failure_ms - 60000 WHERE key LIKE ?",
      `%${email}%`,
    );
    const ok = await change(PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ saved: true, passwordChanged: true });
    expect(await signedIn(s)).toBe(true);
  });
});
