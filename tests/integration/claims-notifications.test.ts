// SPEC 11's claims events on two built server processes sharing one database, by e-mail to a
// real SMTP server and in the portal, with the portal's clock moved by the test: the daily
// "claims to review" digest (each supplier user once a day, counting only the claims new to
// them, in their language, as each chose), "claim decided" to the claiming member's users (each
// decision once, the admin's overturn too), and "claim escalated" to the admins when a pending
// claim's deadline (the consortium's setting, changed on the settings screen) passes — done by
// the scheduler, with no screen read. PUBLIC_URL has a sub-path that every link keeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cfdiXml } from "@tests/setup/claim-invoices";
import { waitForClaimUpload } from "@tests/setup/claims";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ADMIN, type TestServer } from "@tests/setup/server";
import {
  startMailingPortal,
  type MailingPortal,
  type Received,
  type TestSmtp,
} from "@tests/setup/smtp";

const PORTAL = "http://portal.test/tierpool";
const PASSWORD = "claims-password-1";
const AXION_RFC = "ASD040512JH5";
const NORTE_RFC = "NCS010101AB1";
const M1_RFC = "XPY714465W4B";
const M2_RFC = "CQU724713P9G";
const JOBS = ["claim-escalations", "claims-to-review-digest"];

let mailing: MailingPortal;
let smtp: TestSmtp;
let a: TestServer;
let b: TestServer;
let admin: ApiClient;
const api = {} as Record<"axion" | "m1" | "m2", ApiClient>;
const id = {} as Record<"axion" | "norte" | "m1" | "m2" | "admin" | "admin2", number>;
const user = {} as Record<"axEs" | "axEn" | "axOff" | "noPt" | "m1Pt" | "m1En" | "m2", number>;
/** Claims by their folio: id and the invoice number the member sees. */
const claim = {} as Record<string, { id: number; reference: string }>;

/** The day the test started (UTC) and days after it, YYYY-MM-DD. */
const D0 = new Date().toISOString().slice(0, 10);
const day = (from: string, days: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const sql = <T>(query: string, ...args: unknown[]) => a.sql<T>(query, ...args);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mails = (kind: string) => smtp.delivered.filter((m) => m.header("X-Tierpool-Kind") === kind);
/** Who got which subject, in which language: one row per message delivered. */
const seen = (kind: string) =>
  mails(kind)
    .map((m) => [m.to[0], m.header("Content-Language"), m.mail.subject])
    .sort((x, y) => `${x}`.localeCompare(`${y}`));
const portal = (kind: string) =>
  sql<{ user_id: number; key: string; params: string }>(
    "SELECT user_id, key, params FROM notifications WHERE kind = ? ORDER BY key, user_id",
    kind,
  ).map((n) => ({ ...n, params: JSON.parse(n.params) as Json }));

/** Moves the clock and waits until a process has run both claim jobs at that time. */
const moveClockTo = (iso: string) => mailing.runJobsAt(iso, JOBS);

/** A member uploads one CFDI of `issuer`; returns its claim. */
async function claimInvoice(member: ApiClient, folio: string, issuer: string, receiver: string) {
  const form = new FormData();
  const xml = cfdiXml({
    series: "F",
    folio,
    issuer,
    receiver,
    date: "2026-02-12T13:22:28",
    uuid: `5F7415B9-6983-4570-94D2-76B10E89${folio.padStart(4, "0")}`,
  });
  form.set("file", new Blob([xml]), `${folio}.xml`);
  const res = await member.post("/api/v1/claims", form);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const upload = await waitForClaimUpload(member, res.body.id);
  const [invoice] = upload.invoices;
  expect(invoice.outcome, JSON.stringify(invoice)).toBe("pending");
  claim[folio] = { id: invoice.claimId, reference: invoice.invoiceNumber };
  return claim[folio];
}

async function addUser(
  email: string,
  role: string,
  scope: Record<string, number>,
  locale: string | null,
) {
  const created = await admin.post("/api/v1/users", { email, password: PASSWORD, role, ...scope });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  sql("UPDATE users SET locale = ? WHERE id = ?", locale, created.body.id);
  return created.body.id as number;
}

beforeAll(async () => {
  mailing = await startMailingPortal({ clockAt: `${D0}T07:00:00.000Z`, publicUrl: PORTAL });
  ({ smtp, a, b } = mailing);
  admin = await apiAs(a.url, ADMIN.email, ADMIN.password);

  for (const [key, name, language, taxId] of [
    ["axion", "Axion", "es", AXION_RFC],
    ["norte", "Norte", "pt-BR", NORTE_RFC],
  ] as const) {
    const created = await admin.post("/api/v1/suppliers", {
      name,
      currency: "MXN",
      language,
      taxIds: [taxId],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id[key] = created.body.id;
    const program = await admin.post("/api/v1/programs", {
      supplierId: id[key],
      name: `${name} 2026`,
      currency: "MXN",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 1000,
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
    });
    expect(program.status).toBe(201);
  }
  const members = await admin.post("/api/v1/members", [
    { name: "Seguridad 97", taxId: M1_RFC, country: "MX", joinedOn: "2020-01-01" },
    { name: "Vigilancia 31", taxId: M2_RFC, country: "MX", joinedOn: "2020-01-01" },
  ]);
  expect(members.status, JSON.stringify(members.body)).toBe(201);
  [id.m1, id.m2] = members.body.map((m: Json) => m.id);

  // Axion's staff read Spanish (the supplier's language), English, and one wants no digest mail.
  user.axEs = await addUser("ax-es@claims.example", "supplier", { supplierId: id.axion }, null);
  user.axEn = await addUser("ax-en@claims.example", "supplier", { supplierId: id.axion }, "en");
  user.axOff = await addUser("ax-off@claims.example", "supplier", { supplierId: id.axion }, "en");
  sql(
    "INSERT INTO notification_preferences (user_id, kind, email) VALUES (?, 'claims_to_review', 0)",
    user.axOff,
  );
  user.noPt = await addUser("no-pt@claims.example", "supplier", { supplierId: id.norte }, null);
  user.m1Pt = await addUser("m1-pt@claims.example", "member", { memberId: id.m1 }, "pt-BR");
  user.m1En = await addUser("m1-en@claims.example", "member", { memberId: id.m1 }, "en");
  user.m2 = await addUser("m2@claims.example", "member", { memberId: id.m2 }, null);
  id.admin = sql<{ id: number }>("SELECT id FROM users WHERE email = ?", ADMIN.email)[0].id;
  id.admin2 = await addUser("admin2@claims.example", "admin", {}, "en");
  api.axion = await apiAs(a.url, "ax-es@claims.example", PASSWORD);
  api.m1 = await apiAs(a.url, "m1-pt@claims.example", PASSWORD);
  api.m2 = await apiAs(b.url, "m2@claims.example", PASSWORD);
}, 180_000);

afterAll(async () => {
  await mailing?.stop();
});

describe("the claim deadline on the settings screen", () => {
  it("is refused out of range in the reader's language, and saved with the report due day", async () => {
    const browser = new BrowserSession(a.url, "es");
    await browser.login(ADMIN.email, ADMIN.password);
    const form = {
      name: "Consortium",
      baseCurrency: "USD",
      defaultFeeBps: "1000",
      claimDeadlineDays: "0",
      reportDueDay: "29",
    };
    const refused = await browser.action("/admin/settings", "routes/admin.settings", form);
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: Json) => d.path)).toEqual([
      "claimDeadlineDays",
      "reportDueDay",
    ]);
    expect(refused.body.details[0].message).not.toMatch(/Number must be/);
    const saved = await browser.action("/admin/settings", "routes/admin.settings", {
      ...form,
      claimDeadlineDays: "3",
      reportDueDay: "12",
    });
    expect(saved.body).toEqual({ saved: true });
    const page = await browser.data("/admin/settings", "routes/admin.settings");
    expect(page.body.settings).toMatchObject({ claimDeadlineDays: 3, reportDueDay: 12 });
    const html = await (await browser.get("/admin/settings")).text();
    expect(html).toContain("Días que tiene un proveedor para responder un reclamo");
    expect(html).toContain('name="claimDeadlineDays"');
  });
});

describe("claims to review", () => {
  it("sends each supplier user one digest a day of the claims new to them", async () => {
    await moveClockTo(`${D0}T07:00:00.000Z`);
    await claimInvoice(api.m1, "1", AXION_RFC, M1_RFC);
    await claimInvoice(api.m1, "2", AXION_RFC, M1_RFC);
    await claimInvoice(api.m1, "3", NORTE_RFC, M1_RFC);
    const early = await claimInvoice(api.m2, "4", AXION_RFC, M2_RFC);
    // The deadline is the setting: 3 days from the claim.
    const due = sql<{ due_on: string; created: string }>(
      "SELECT due_on, substr(created_at, 1, 10) created FROM claims WHERE id = ?",
      early.id,
    )[0];
    expect(due.due_on).toBe(day(due.created, 3));
    // Decided before the digest: Axion's staff are not told of it.
    const accepted = await api.axion.post(`/api/v1/claims/${early.id}/decision`, {
      decision: "accept",
    });
    expect(accepted.status).toBe(200);

    await moveClockTo(`${D0}T08:00:00.000Z`);
    await smtp.waitFor(() => mails("claims_to_review").length === 3, 20_000, "the digests");
    expect(seen("claims_to_review")).toEqual([
      ["ax-en@claims.example", "en", "2 new claims to review"],
      ["ax-es@claims.example", "es", "2 reclamos nuevos por revisar"],
      ["no-pt@claims.example", "pt-BR", "1 nova reivindicação a analisar"],
    ]);
    const [es] = mails("claims_to_review").filter((m) => m.to[0] === "ax-es@claims.example");
    expect(es.mail.text).toContain(`${PORTAL}/supplier/claims`);
    expect(es.mail.text).toContain(`${PORTAL}/account/notifications`);
    expect(es.header("List-Unsubscribe")).toMatch(
      new RegExp(`^<${PORTAL}/unsubscribe/${user.axEs}\\.claims_to_review\\.[\\w-]{32}>$`),
    );

    // A new claim the same day waits for tomorrow's digest; more runs that day tell nothing.
    const late = await claimInvoice(api.m2, "5", AXION_RFC, M2_RFC);
    await moveClockTo(`${D0}T09:00:00.000Z`);
    await moveClockTo(`${D0}T10:00:00.000Z`);
    // A run the schedule did not plan (a catch-up, another process): still nothing twice.
    sql("UPDATE schedules SET next_run_at = ? WHERE name IN (?, ?)", D0, ...JOBS);
    await moveClockTo(`${D0}T10:00:01.000Z`);
    await sleep(1000);
    expect(mails("claims_to_review")).toHaveLength(3);

    await moveClockTo(`${day(D0, 1)}T07:00:00.000Z`);
    await smtp.waitFor(() => mails("claims_to_review").length === 5, 20_000, "the 2nd digests");
    await moveClockTo(`${day(D0, 1)}T08:00:00.000Z`);
    await sleep(1000);
    expect(seen("claims_to_review")).toEqual([
      ["ax-en@claims.example", "en", "1 new claim to review"],
      ["ax-en@claims.example", "en", "2 new claims to review"],
      ["ax-es@claims.example", "es", "1 reclamo nuevo por revisar"],
      ["ax-es@claims.example", "es", "2 reclamos nuevos por revisar"],
      ["no-pt@claims.example", "pt-BR", "1 nova reivindicação a analisar"],
    ]);
    // In the portal the one without e-mail is told too; Norte's claim is not told again.
    const [d0, d1] = [
      `claims-to-review:${id.axion}:${D0}`,
      `claims-to-review:${id.axion}:${day(D0, 1)}`,
    ];
    expect(portal("claims_to_review").map((n) => [n.user_id, n.key, n.params.count])).toEqual([
      [user.axEs, d0, 2],
      [user.axEn, d0, 2],
      [user.axOff, d0, 2],
      [user.axEs, d1, 1],
      [user.axEn, d1, 1],
      [user.axOff, d1, 1],
      [user.noPt, `claims-to-review:${id.norte}:${D0}`, 1],
    ]);
    expect(portal("claims_to_review")[3].params.lastClaimId).toBe(late.id);
  });
});

describe("claim decided", () => {
  it("tells the claiming member's users each decision once, in their language", async () => {
    const one = claim["1"];
    const two = claim["2"];
    expect(
      (await api.axion.post(`/api/v1/claims/${one.id}/decision`, { decision: "accept" })).status,
    ).toBe(200);
    const rejected = await api.axion.post(`/api/v1/claims/${two.id}/decision`, {
      decision: "reject",
      reason: "returned",
    });
    expect(rejected.status).toBe(200);
    // A second click is refused and tells nobody anything.
    const again = await api.axion.post(`/api/v1/claims/${one.id}/decision`, { decision: "accept" });
    expect(again.status).toBe(409);
    // The consortium overturns the rejection: the member hears that too.
    const overturned = await admin.post(`/api/v1/claims/${two.id}/decision`, {
      decision: "accept",
      comment: "Proof checked with the supplier",
    });
    expect(overturned.status).toBe(200);

    await smtp.waitFor(() => mails("claim_decided").length === 7, 20_000, "the decisions");
    await sleep(1000);
    const four = claim["4"].reference;
    expect(seen("claim_decided")).toEqual(
      [
        ["m1-en@claims.example", "en", `Your claim ${one.reference} was accepted`],
        ["m1-en@claims.example", "en", `Your claim ${two.reference} was accepted`],
        ["m1-en@claims.example", "en", `Your claim ${two.reference} was rejected`],
        ["m1-pt@claims.example", "pt-BR", `Sua reivindicação ${one.reference} foi aceita`],
        ["m1-pt@claims.example", "pt-BR", `Sua reivindicação ${two.reference} foi aceita`],
        ["m1-pt@claims.example", "pt-BR", `Sua reivindicação ${two.reference} foi rejeitada`],
        ["m2@claims.example", "es", `Su reclamo ${four} fue aceptado`],
      ].sort((x, y) => `${x}`.localeCompare(`${y}`)),
    );
    const [toM2] = mails("claim_decided").filter((m) => m.to[0] === "m2@claims.example");
    expect(toM2.mail.text).toContain(`Su reclamo ${four} ante Axion fue aceptado`);
    expect(toM2.mail.text).toContain(`${PORTAL}/member/claims`);
    expect(portal("claim_decided").filter((n) => n.user_id === user.m2)).toHaveLength(1);
    expect(portal("claim_decided").filter((n) => n.user_id === user.m1Pt)).toHaveLength(3);
  });
});

describe("claim escalated", () => {
  it("escalates by the scheduler when the deadline passes, and tells the admins once", async () => {
    const pending = sql<{ id: number; due_on: string }>(
      "SELECT id, due_on FROM claims WHERE status = 'pending' ORDER BY id",
    );
    expect(pending.map((c) => c.id)).toEqual([claim["3"].id, claim["5"].id]);
    const dues = pending.map((c) => c.due_on).sort();
    // The deadline's own day: still the supplier's.
    await moveClockTo(`${dues[0]}T12:00:00.000Z`);
    await sleep(500);
    expect(sql("SELECT count(*) n FROM claims WHERE status = 'escalated'")).toEqual([{ n: 0 }]);

    const after = day(dues[1], 1);
    await moveClockTo(`${after}T00:30:00.000Z`);
    expect(
      sql(
        "SELECT id, status FROM claims WHERE id IN (?, ?) ORDER BY id",
        claim["3"].id,
        claim["5"].id,
      ),
    ).toEqual([
      { id: claim["3"].id, status: "escalated" },
      { id: claim["5"].id, status: "escalated" },
    ]);
    await smtp.waitFor(() => mails("claim_escalated").length === 4, 20_000, "the escalations");
    await moveClockTo(`${after}T01:30:00.000Z`);
    await moveClockTo(`${day(after, 1)}T00:30:00.000Z`);
    await sleep(1000);
    const [three, five] = [claim["3"].reference, claim["5"].reference];
    expect(seen("claim_escalated")).toEqual(
      [
        ["admin2@claims.example", "en", `Claim ${three} escalated: Norte did not answer in time`],
        ["admin2@claims.example", "en", `Claim ${five} escalated: Axion did not answer in time`],
        [ADMIN.email, "es", `Reclamo ${three} escalado: Norte no respondió a tiempo`],
        [ADMIN.email, "es", `Reclamo ${five} escalado: Axion no respondió a tiempo`],
      ].sort((x, y) => `${x}`.localeCompare(`${y}`)),
    );
    const [mail] = mails("claim_escalated").filter(
      (m: Received) => m.to[0] === "admin2@claims.example",
    );
    expect(mail.mail.text).toContain(`${PORTAL}/admin/claims`);
    expect(
      sql(
        "SELECT claim_id, actor_user_id, action FROM claim_decisions WHERE action = 'escalate' ORDER BY claim_id",
      ),
    ).toEqual([
      { claim_id: claim["3"].id, actor_user_id: null, action: "escalate" },
      { claim_id: claim["5"].id, actor_user_id: null, action: "escalate" },
    ]);
    expect(portal("claim_escalated").map((n) => [n.user_id, n.key])).toEqual(
      [
        [id.admin, `claim-escalated:${claim["3"].id}`],
        [id.admin2, `claim-escalated:${claim["3"].id}`],
        [id.admin, `claim-escalated:${claim["5"].id}`],
        [id.admin2, `claim-escalated:${claim["5"].id}`],
      ].sort((x, y) => `${x[1]}:${x[0]}`.localeCompare(`${y[1]}:${y[0]}`)),
    );
    // Nothing was doubled, and every message reached the server once.
    expect(mails("claims_to_review")).toHaveLength(5);
    expect(
      sql(
        "SELECT kind, state, count(*) n FROM outbox WHERE kind LIKE 'claim%' GROUP BY kind, state ORDER BY kind",
      ),
    ).toEqual([
      { kind: "claim_decided", state: "sent", n: 7 },
      { kind: "claim_escalated", state: "sent", n: 4 },
      { kind: "claims_to_review", state: "sent", n: 5 },
    ]);
    const ids = smtp.delivered.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
