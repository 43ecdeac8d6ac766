// SPEC 11's portal notifications over HTTP on the built server: each event wired here (report
// processed, run posted, near the next tier, batch awaiting approval, batch paid) tells exactly
// the right users, once, in each one's language; e-mail follows each user's preference into the
// outbox; nobody reads or marks another's notifications; the list filters and pages.
import Database from "better-sqlite3";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { fixturePath } from "@tests/setup/fixtures";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let supplierId: number;
let programId: number;
let otherSupplier: number;
const m = {} as Record<"AAA" | "BBB" | "CCC", number>;
/** Users by handle: their id and API client. */
const u = {} as Record<
  "approver" | "a1" | "a2" | "b1" | "staff" | "otherStaff",
  { id: number; api: ApiClient; email: string }
>;
const PASSWORD = "notify-password-1";

const sql = <T = Json>(query: string, ...args: unknown[]) => server.sql<T>(query, ...args);

/** Every notification of the database, as (user handle, kind, key) — who was told what. */
function told(where = "1 = 1") {
  const names = new Map(Object.entries(u).map(([name, v]) => [v.id, name]));
  names.set(1, "admin");
  return sql<{ userId: number; kind: string; key: string }>(
    `SELECT user_id userId, kind, key FROM notifications WHERE ${where} ORDER BY user_id, id`,
  ).map((n) => `${names.get(n.userId) ?? n.userId} ${n.kind} ${n.key}`);
}

/** The outbox's messages of a kind: recipient, language and subject. */
function mailed(kind: string) {
  return sql<{ to: string; locale: string; subject: string; key: string }>(
    `SELECT to_address "to", locale, subject, key FROM outbox WHERE kind = ? ORDER BY id`,
    kind,
  ).map((x) => ({ ...x, subject: x.subject.replace(/\u00a0/g, " ") }));
}

/** A Mexican CLABE: 17 digits and their check digit (weights 3, 7, 1; Σ of products mod 10). */
function clabe(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + ((Number(d) * [3, 7, 1][i % 3]) % 10), 0);
  return first17 + ((10 - (sum % 10)) % 10);
}

async function postRun(month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
  expect(preview.status).toBe(201);
  const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  expect(posted.status).toBe(200);
  return preview.body.id as number;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (
    await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD", language: "en" })
  ).body.id;
  otherSupplier = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "MXN" })).body
    .id;
  const members = await admin.post(
    "/api/v1/members",
    ["AAA", "BBB", "CCC"].map((taxId, i) => ({
      name: `Firma ${taxId}`,
      taxId,
      country: "MX",
      joinedOn: "2020-01-01",
      // Payouts need an account that passes its country's check (a CLABE in Mexico).
      bankName: "Banorte",
      bankAccount: clabe(`07218000123456${780 + i}`),
      bankHolder: `Firma ${taxId} SA de CV`,
    })),
  );
  for (const row of members.body) m[row.taxId as keyof typeof m] = row.id;
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  const people: [keyof typeof u, Record<string, unknown>, string | null][] = [
    ["approver", { role: "admin" }, "pt-BR"],
    ["a1", { role: "member", memberId: m.AAA }, "en"],
    ["a2", { role: "member", memberId: m.AAA }, "pt-BR"],
    ["b1", { role: "member", memberId: m.BBB }, null],
    ["staff", { role: "supplier", supplierId }, null],
    ["otherStaff", { role: "supplier", supplierId: otherSupplier }, null],
  ];
  for (const [handle, scope, locale] of people) {
    const email = `${handle.toLowerCase()}@notify.example`;
    const created = await admin.post("/api/v1/users", { email, password: PASSWORD, ...scope });
    expect(created.status).toBe(201);
    sql("UPDATE users SET locale = ? WHERE id = ?", locale, created.body.id);
    u[handle] = { id: created.body.id, api: await apiAs(server.url, email, PASSWORD), email };
  }
  sql("UPDATE settings SET four_eyes = 1");
}, 120_000);
afterAll(() => server.stop());

describe("report processed", () => {
  it("tells the uploader alone: accepted with its warnings, rejected with its errors", async () => {
    const accepted = await ingest(u.staff.api, fixturePath("tricky/header-only.csv"), "2026-04");
    const rejected = await ingest(u.staff.api, fixturePath("bad/bad-values.xlsx"), "2026-05");
    expect([accepted.status, rejected.status]).toEqual(["active", "rejected"]);
    expect(told("kind = 'report_processed'")).toEqual([
      `staff report_processed report-processed:${accepted.id}`,
      `staff report_processed report-processed:${rejected.id}`,
    ]);
    const list = await u.staff.api.get("/api/v1/notifications?kind=report_processed");
    expect(rejected.errors).toBe(6);
    // The portal speaks the reader's language (none set, none asked: Spanish).
    expect(list.body.notifications.map((n: Json) => [n.title, n.link])).toEqual([
      [
        "Reporte de mayo de 2026 rechazado (versión 1, 6 errores)",
        `/supplier/reports/${rejected.id}`,
      ],
      [
        "Reporte de abril de 2026 aceptado (versión 1, 1 advertencias)",
        `/supplier/reports/${accepted.id}`,
      ],
    ]);
    // The staff's language is unset: the supplier's (English) is the mail's.
    expect(mailed("report_processed").map((x) => [x.to, x.locale])).toEqual([
      ["staff@notify.example", "en"],
      ["staff@notify.example", "en"],
    ]);
  });

  it("links an admin uploader to the admin's report screen", async () => {
    const report = await ingest(
      admin,
      fixturePath("tricky/header-only.csv"),
      "2026-06",
      otherSupplier,
    );
    const mine = await admin.get("/api/v1/notifications?kind=report_processed");
    expect(mine.body.notifications.map((n: Json) => n.link)).toEqual([
      `/admin/reports/${report.id}`,
    ]);
  });
});

describe("run posted and near the next tier", () => {
  let january: number;

  beforeAll(async () => {
    // January: V 80,000.00 at 1 % → N 720.00 = 360 (AAA) + 180 (BBB) + 180 (CCC, no user).
    insertActiveReport(server.dbPath, supplierId, "2026-01", [
      { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
      { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
      { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
    ]);
    january = await postRun("2026-01");
  });

  it("tells each member with a posting what was posted, and the supplier what it owes", () => {
    expect(told("kind = 'run_posted'")).toEqual([
      `a1 run_posted run-posted:${january}`,
      `a2 run_posted run-posted:${january}`,
      `b1 run_posted run-posted:${january}`,
      `staff run_posted run-posted:${january}:supplier`,
    ]);
  });

  it("says it in each recipient's language, with their own amount", () => {
    const subjects = Object.fromEntries(
      mailed("run_posted").map((x) => [`${x.to} ${x.locale}`, x.subject]),
    );
    expect(subjects).toEqual({
      "a1@notify.example en": "Axion 2026, January 2026: $360.00 posted to your refunds",
      "a2@notify.example pt-BR":
        "Axion 2026, janeiro de 2026: US$ 360,00 lançados nos seus reembolsos",
      "b1@notify.example es": "Axion 2026, enero de 2026: USD 180.00 registrados en sus reembolsos",
      "staff@notify.example en":
        "Axion 2026, January 2026: $800.00 in refunds posted; you now owe $800.00",
    });
  });

  it("tells nothing again when the run is posted a second time", async () => {
    const before = [told(), mailed("run_posted").length];
    const again = await admin.post(`/api/v1/allocation-runs/${january}/post`);
    expect(again.status).toBe(200);
    expect([told(), mailed("run_posted").length]).toEqual(before);
  });

  it("tells the program's members once when the pool comes within 10 % of the next tier", async () => {
    expect(told("kind = 'near_next_tier'")).toEqual([]);
    // February: V 92,000.00, 8,000.00 (8 %) short of 100,000.00.
    insertActiveReport(server.dbPath, supplierId, "2026-02", [
      { memberTaxId: "CCC", date: "2026-02-03", amountMinor: 1_200_000 },
    ]);
    await postRun("2026-02");
    const key = `near-tier:${programId}:2026:1`;
    expect(told("kind = 'near_next_tier'")).toEqual([
      `a1 near_next_tier ${key}`,
      `a2 near_next_tier ${key}`,
      `b1 near_next_tier ${key}`,
    ]);
    const a1 = await u.a1.api.get("/api/v1/notifications?kind=near_next_tier");
    expect(a1.body.notifications[0]).toMatchObject({
      title: "Axion 2026: the group is $8,000.00 away from the next tier (2%)",
      link: "/member",
      params: { neededMinor: 800_000, thresholdMinor: 10_000_000, rateBps: 200 },
    });
    // March: still short of the tier: nobody is told again this year.
    insertActiveReport(server.dbPath, supplierId, "2026-03", [
      { memberTaxId: "AAA", date: "2026-03-03", amountMinor: 100_000 },
    ]);
    await postRun("2026-03");
    expect(told("kind = 'near_next_tier'")).toHaveLength(3);
  });
});

describe("payout batches", () => {
  let batch: Json;

  it("tells the admins other than the builder that a batch awaits approval", async () => {
    const built = await admin.post("/api/v1/payout-batches", { currency: "USD" });
    expect(built.status).toBe(201);
    batch = built.body;
    expect(told("kind = 'batch_awaiting_approval'")).toEqual([
      `approver batch_awaiting_approval batch-built:${batch.id}`,
    ]);
    const [mail] = mailed("batch_awaiting_approval");
    expect(mail).toMatchObject({ to: "approver@notify.example", locale: "pt-BR" });
    expect(batch.totalMinor).toBe(83_700);
    expect(mail.subject).toBe(
      `O lote de pagamentos ${batch.reference} (US$ 837,00, 3 membros) aguarda sua aprovação`,
    );
  });

  it("tells each member paid the amount and reference, once", async () => {
    expect((await u.approver.api.post(`/api/v1/payout-batches/${batch.id}/approve`)).status).toBe(
      200,
    );
    expect((await u.approver.api.post(`/api/v1/payout-batches/${batch.id}/pay`)).status).toBe(200);
    expect((await u.approver.api.post(`/api/v1/payout-batches/${batch.id}/pay`)).status).toBe(409);
    expect(told("kind = 'batch_paid'")).toEqual([
      `a1 batch_paid batch-paid:${batch.id}`,
      `a2 batch_paid batch-paid:${batch.id}`,
      `b1 batch_paid batch-paid:${batch.id}`,
    ]);
    const paidToAAA = batch.lines.find((l: Json) => l.memberId === m.AAA).amountMinor;
    const a1 = await u.a1.api.get("/api/v1/notifications?kind=batch_paid");
    expect(a1.body.notifications[0]).toMatchObject({
      title: `You were paid $${(paidToAAA / 100).toLocaleString("en", { minimumFractionDigits: 2 })} (payout ${batch.reference})`,
      link: "/member/statement",
    });
    expect(mailed("batch_paid").map((x) => [x.to, x.locale, x.subject.split(" ")[0]])).toEqual([
      ["a1@notify.example", "en", "You"],
      ["a2@notify.example", "pt-BR", "Você"],
      ["b1@notify.example", "es", "Recibió"],
    ]);
  });
});

describe("one's own notifications only", () => {
  it("lists only the caller's, and marks only the caller's read", async () => {
    const b1 = await u.b1.api.get("/api/v1/notifications");
    const b1Ids: number[] = b1.body.notifications.map((n: Json) => n.id);
    expect(b1Ids.length).toBe(b1.body.total);
    const owners = sql<{ userId: number }>(
      `SELECT DISTINCT user_id userId FROM notifications WHERE id IN (${b1Ids.join(",")})`,
    );
    expect(owners).toEqual([{ userId: u.b1.id }]);
    const a1 = await u.a1.api.get("/api/v1/notifications");
    expect(a1.body.notifications.some((n: Json) => b1Ids.includes(n.id))).toBe(false);
    // a1 tries to mark b1's read: nothing changes.
    const tried = await u.a1.api.post("/api/v1/notifications/read", { ids: b1Ids });
    expect(tried.status).toBe(200);
    expect(tried.body.marked).toBe(0);
    expect((await u.b1.api.get("/api/v1/notifications")).body.unread).toBe(b1.body.unread);
  });

  it("refuses to open another's notification on the page, and shows only one's own", async () => {
    const tab = new BrowserSession(server.url);
    await tab.login(u.a1.email, PASSWORD);
    const b1First = (await u.b1.api.get("/api/v1/notifications")).body.notifications[0];
    const res = await tab.action("/notifications", "routes/notifications", {
      intent: "open",
      id: String(b1First.id),
    });
    expect(res.status).toBe(404);
    expect(sql("SELECT read_at FROM notifications WHERE id = ?", b1First.id)).toEqual([
      { read_at: null },
    ]);
    const page = await (await tab.get("/notifications")).text();
    expect(page).toContain("Axion 2026, January 2026: $360.00 posted to your refunds");
    const shown = [...page.matchAll(/data-id="(\d+)"/g)].map((x) => Number(x[1]));
    const own = sql<{ id: number }>(
      "SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC",
      u.a1.id,
    ).map((r) => r.id);
    expect(shown).toEqual(own);
  });

  it("marks one read by following it, then all", async () => {
    const tab = new BrowserSession(server.url);
    await tab.login(u.a2.email, PASSWORD);
    const list = (await u.a2.api.get("/api/v1/notifications?unread=true")).body;
    const first = list.notifications[0];
    const opened = await tab.post("/notifications", { intent: "open", id: String(first.id) });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(first.link);
    expect((await u.a2.api.get("/api/v1/notifications")).body.unread).toBe(list.total - 1);
    const all = await u.a2.api.post("/api/v1/notifications/read", { all: true });
    expect(all.body).toEqual({ marked: list.total - 1, unread: 0 });
    expect((await u.a2.api.post("/api/v1/notifications/read", { all: true })).body.marked).toBe(0);
  });

  it("refuses a request that names neither ids nor all", async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: [1], all: true }])
      expect((await u.a1.api.post("/api/v1/notifications/read", body)).status).toBe(400);
    expect((await u.a1.api.get("/api/v1/notifications?kind=nonsense")).status).toBe(400);
  });
});

describe("the list", () => {
  it("filters by kind and unread, and pages newest first", async () => {
    const all = (await u.a1.api.get("/api/v1/notifications")).body;
    // January's and March's runs (February's changed nothing for AAA), the tier, the payout.
    expect(all.notifications.map((n: Json) => n.kind)).toEqual([
      "batch_paid",
      "run_posted",
      "near_next_tier",
      "run_posted",
    ]);
    const page2 = (await u.a1.api.get("/api/v1/notifications?pageSize=2&page=2")).body;
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page2.notifications.map((n: Json) => n.id)).toEqual(
      all.notifications.slice(2, 4).map((n: Json) => n.id),
    );
    const runs = (await u.a1.api.get("/api/v1/notifications?kind=run_posted")).body;
    expect(runs.total).toBe(2);
    await u.a1.api.post("/api/v1/notifications/read", { ids: [all.notifications[0].id] });
    const unread = (await u.a1.api.get("/api/v1/notifications?unread=true")).body;
    expect(unread.notifications.map((n: Json) => n.id)).toEqual(
      all.notifications.slice(1).map((n: Json) => n.id),
    );
  });

  it("answers as the OpenAPI document describes", async () => {
    const doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const check = (path: string, method: string, res: { status: number; body: Json }) => {
      const schema =
        doc.paths[path][method].responses[String(res.status)].content["application/json"].schema;
      const validate = ajv.compile({ ...schema, components: doc.components });
      expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    };
    check("/notifications", "get", await u.a1.api.get("/api/v1/notifications"));
    check("/notifications", "get", await u.a1.api.get("/api/v1/notifications?pageSize=0"));
    check(
      "/notifications/read",
      "post",
      await u.a1.api.post("/api/v1/notifications/read", { all: true }),
    );
    check("/notifications/read", "post", await u.a1.api.post("/api/v1/notifications/read", {}));
  });
});

describe("preferences", () => {
  it("keeps a kind in the portal only, or sends it by e-mail too", async () => {
    const tab = new BrowserSession(server.url);
    await tab.login(u.b1.email, PASSWORD);
    const form = {
      run_posted: "portal",
      batch_paid: "email",
      near_next_tier: "email",
      claim_decided: "email",
    };
    const saved = await tab.action("/account/notifications", "routes/account_.notifications", form);
    expect(saved.body).toEqual({ saved: true });
    insertActiveReport(server.dbPath, supplierId, "2026-04", [
      { memberTaxId: "BBB", date: "2026-04-03", amountMinor: 100_000 },
      { memberTaxId: "AAA", date: "2026-04-03", amountMinor: 100_000 },
    ]);
    const april = await postRun("2026-04");
    expect(told(`key = 'run-posted:${april}'`)).toEqual([
      `a1 run_posted run-posted:${april}`,
      `a2 run_posted run-posted:${april}`,
      `b1 run_posted run-posted:${april}`,
    ]);
    expect(
      sql<{ to: string }>(
        `SELECT to_address "to" FROM outbox WHERE key GLOB ? ORDER BY id`,
        `run-posted:${april}:[0-9]*`,
      ).map((r) => r.to),
    ).toEqual(["a1@notify.example", "a2@notify.example"]);
    // And back on: May's run comes by e-mail to b1 again.
    await tab.action("/account/notifications", "routes/account_.notifications", {
      ...form,
      run_posted: "email",
    });
    insertActiveReport(server.dbPath, supplierId, "2026-05", [
      { memberTaxId: "BBB", date: "2026-05-03", amountMinor: 100_000 },
    ]);
    const may = await postRun("2026-05");
    expect(
      sql<{ to: string }>(
        `SELECT to_address "to" FROM outbox WHERE key LIKE ?`,
        `run-posted:${may}:%`,
      ).map((r) => r.to),
    ).toContain("b1@notify.example");
  });

  it("refuses a channel that is neither", async () => {
    const tab = new BrowserSession(server.url);
    await tab.login(u.b1.email, PASSWORD);
    const res = await tab.action("/account/notifications", "routes/account_.notifications", {
      run_posted: "pigeon",
      batch_paid: "email",
      near_next_tier: "email",
      claim_decided: "email",
    });
    expect(res.status).toBe(400);
  });
});

describe("at 100,000 notifications", () => {
  it("answers a page, a kind, the unread and a deep page from the user's indexes, fast", async () => {
    const db = new Database(server.dbPath);
    db.pragma("busy_timeout = 5000");
    const kinds = ["run_posted", "report_due", "claims_to_review", "report_processed"];
    db.transaction(() => {
      const insert = db.prepare(
        `INSERT INTO notifications (user_id, kind, key, params, link, created_at, read_at)
         VALUES (?, ?, ?, '{"supplier":"Norte","month":"2026-01"}', '/supplier', ?, ?)`,
      );
      for (let i = 0; i < 100_000; i++) {
        const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
        insert.run(u.otherStaff.id, kinds[i % 4], `bulk:${i}`, at, i % 10 === 0 ? null : at);
      }
    })();
    const plans = [
      "user_id = ?",
      "user_id = ? AND kind = 'report_due'",
      "user_id = ? AND read_at IS NULL",
    ].map((where) =>
      (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT id, kind, params, link, created_at, read_at
               FROM notifications WHERE ${where}
              ORDER BY created_at DESC, id DESC LIMIT 25`,
          )
          .all(u.otherStaff.id) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join("; "),
    );
    db.close();
    expect(plans).toEqual([
      "SEARCH notifications USING INDEX notifications_user_created (user_id=?)",
      "SEARCH notifications USING INDEX notifications_user_kind_created (user_id=? AND kind=?)",
      "SEARCH notifications USING INDEX notifications_user_unread (user_id=?)",
    ]);
    for (const [query, total] of [
      ["", 100_000],
      ["?kind=report_due", 25_000],
      ["?unread=true", 10_000],
      ["?page=1500&pageSize=50", 100_000],
    ] as const) {
      const started = performance.now();
      const res = await u.otherStaff.api.get(`/api/v1/notifications${query}`);
      const ms = performance.now() - started;
      expect(res.body.total, query).toBe(total);
      expect(res.body.notifications.length, query).toBeGreaterThan(0);
      expect(ms, query).toBeLessThan(500);
    }
    const newest = (await u.otherStaff.api.get("/api/v1/notifications?pageSize=1")).body;
    expect(newest.notifications[0].createdAt).toBe(
      new Date(Date.UTC(2025, 0, 1) + 99_999 * 60_000).toISOString(),
    );
  });
});
