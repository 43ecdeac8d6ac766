// SPEC 11's report-due reminders on two built server processes sharing one database, the
// portal's clock moved by the test across March's due day (the 10th): a supplier missing its
// February report is reminded on the 10th, then every 3 days, never after its upload, never twice
// (two processes, a job run every hour of a moved clock), one run after a jump over missed slots;
// each reminder in its reader's language, by e-mail to a real SMTP server and in the portal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "@tests/setup/fixtures";
import { ApiClient, apiAs } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, type TestServer } from "@tests/setup/server";
import {
  startMailingPortal,
  type MailingPortal,
  type Received,
  type TestSmtp,
} from "@tests/setup/smtp";

const PASSWORD = "supplier-password-1";
let mailing: MailingPortal;
let smtp: TestSmtp;
let a: TestServer;
let admin: ApiClient;
const supplier = {} as Record<"axion" | "norte" | "andes", number>;
const user = {} as Record<"es" | "en" | "norte" | "andes", number>;

const sql = <T>(query: string, ...args: unknown[]) => a.sql<T>(query, ...args);

const reminders = () => smtp.delivered.filter((m) => m.header("X-Tierpool-Kind") === "report_due");
const to = (email: string) => (m: Received) => m.to[0] === email;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Moves the clock and waits until a process has run the reminder job at that time. */
const moveClockTo = (iso: string) => mailing.runJobsAt(iso, ["report-due-reminders"]);

/** Every report_due notification in the portal: who, for which reminder key. */
const portal = () =>
  sql<{ user_id: number; key: string }>(
    "SELECT user_id, key FROM notifications WHERE kind = 'report_due' ORDER BY key, user_id",
  );

beforeAll(async () => {
  mailing = await startMailingPortal({
    clockAt: "2026-03-09T12:00:00.000Z",
    publicUrl: "http://portal.test",
  });
  ({ smtp, a } = mailing);
  admin = await apiAs(a.url, ADMIN.email, ADMIN.password);
  for (const [key, name, language] of [
    ["axion", "Axion", "es"],
    ["norte", "Norte", "es"],
    ["andes", "Andes", "en"],
  ] as const)
    supplier[key] = (
      await admin.post("/api/v1/suppliers", { name, currency: "USD", language })
    ).body.id;
  // Axion and Norte have programs from February; Andes has none (nothing is due from it).
  for (const id of [supplier.axion, supplier.norte]) {
    const program = await admin.post("/api/v1/programs", {
      supplierId: id,
      name: `Program ${id}`,
      currency: "USD",
      start: "2026-02-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 1000,
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
    });
    expect(program.status).toBe(201);
  }
  const people = [
    ["es", supplier.axion, null],
    ["en", supplier.axion, "en"],
    ["norte", supplier.norte, null],
    ["andes", supplier.andes, null],
  ] as const;
  for (const [handle, supplierId, locale] of people) {
    const created = await admin.post("/api/v1/users", {
      email: `${handle}@due.example`,
      password: PASSWORD,
      role: "supplier",
      supplierId,
    });
    expect(created.status).toBe(201);
    user[handle] = created.body.id;
    sql("UPDATE users SET locale = ? WHERE id = ?", locale, created.body.id);
  }
  // Norte's February report arrived before its due day.
  const norte = await ingest(
    admin,
    fixturePath("tricky/header-only.csv"),
    "2026-02",
    supplier.norte,
  );
  expect(norte.status).toBe("active");
}, 180_000);

afterAll(async () => {
  await mailing?.stop();
});

describe("report due", () => {
  it("reminds on the due day, then every 3 days, none after the upload, none doubled", async () => {
    // The day before the due day: January was never covered, February is not due yet.
    await moveClockTo("2026-03-09T14:00:00.000Z");
    expect(portal()).toEqual([]);

    await moveClockTo("2026-03-10T09:00:00.000Z");
    await smtp.waitFor(() => reminders().length === 2, 20_000, "the first reminders");
    const [es] = reminders().filter(to("es@due.example"));
    const [en] = reminders().filter(to("en@due.example"));
    expect(en.mail.subject).toBe("Axion: the sales report for February 2026 is due");
    expect(en.header("Content-Language")).toBe("en");
    expect(es.header("Content-Language")).toBe("es");
    expect(es.mail.subject).toContain("Axion");
    expect(es.mail.text).toContain("http://portal.test/supplier/reports/new");
    expect(en.header("List-Unsubscribe")).toMatch(
      new RegExp(`^<http://portal\\.test/unsubscribe/${user.en}\\.report_due\\.[\\w-]{32}>$`),
    );

    // The English reader stops these e-mails with the one-click link: the portal still tells.
    const oneClick = en
      .header("List-Unsubscribe")!
      .slice(1, -1)
      .replace("http://portal.test", a.url);
    const unsubscribed = await fetch(oneClick, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.status).toBe(200);

    // The same 3-day slot: nothing new, however often the job runs.
    await moveClockTo("2026-03-11T09:00:00.000Z");
    await moveClockTo("2026-03-12T23:00:00.000Z");
    await moveClockTo("2026-03-13T01:00:00.000Z");
    await smtp.waitFor(() => reminders().length === 3, 20_000, "the second reminder");

    // Three days without the portal running its job: one run catches up, once.
    await moveClockTo("2026-03-16T10:00:00.000Z");
    expect(sql("SELECT next_run_at FROM schedules WHERE name = 'report-due-reminders'")).toEqual([
      { next_run_at: "2026-03-16T11:00:00.000Z" },
    ]);
    await smtp.waitFor(() => reminders().length === 4, 20_000, "the third reminder");

    const report = await ingest(
      admin,
      fixturePath("tricky/header-only.csv"),
      "2026-02",
      supplier.axion,
    );
    expect(report.status).toBe("active");
    await moveClockTo("2026-03-19T09:00:00.000Z");
    await moveClockTo("2026-03-22T09:00:00.000Z");
    await sleep(1500);

    expect(reminders().filter(to("es@due.example"))).toHaveLength(3);
    expect(reminders().filter(to("en@due.example"))).toHaveLength(1);
    expect(reminders().filter((m) => /norte|andes/.test(m.to[0]))).toEqual([]);
    expect(new Set(reminders().map((m) => m.messageId)).size).toBe(4);
    expect(portal()).toEqual([
      { user_id: user.es, key: `report_due:${supplier.axion}:2026-02:0` },
      { user_id: user.en, key: `report_due:${supplier.axion}:2026-02:0` },
      { user_id: user.es, key: `report_due:${supplier.axion}:2026-02:1` },
      { user_id: user.en, key: `report_due:${supplier.axion}:2026-02:1` },
      { user_id: user.es, key: `report_due:${supplier.axion}:2026-02:2` },
      { user_id: user.en, key: `report_due:${supplier.axion}:2026-02:2` },
    ]);
    expect(
      sql("SELECT state, count(*) n FROM outbox WHERE kind = 'report_due' GROUP BY state"),
    ).toEqual([{ state: "sent", n: 4 }]);
  });
});
