// SPEC 4.5's duplicate holds, decided while a version's lines are written (decision 085).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@db/client.server";
import { writeSampleReport } from "./generate";
import { ingestReport } from "./ingest.server";

const dir = mkdtempSync(join(tmpdir(), "tierpool-duplicates-"));
let db: Db;
let supplierId: number;

beforeAll(() => {
  db = openDatabase(join(dir, "db.sqlite"));
  supplierId = (
    db.$client
      .prepare(`INSERT INTO suppliers (name, currency) VALUES ('Axion', 'USD') RETURNING id`)
      .get() as { id: number }
  ).id;
});

afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;

/** Writes `rows` sample lines dated in `period` (seed 1: the same lines whatever the month). */
async function ingest(period: string, rows = 5) {
  const path = join(dir, `report-${++files}.xlsx`);
  await writeSampleReport(path, rows, { period, compression: 1 });
  const versions = db.$client
    .prepare(`SELECT count(*) AS n FROM reports WHERE supplier_id = ? AND period = ?`)
    .get(supplierId, period) as { n: number };
  const { id } = db.$client
    .prepare(
      `INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256, file_size, stored_path)
       VALUES (?, ?, ?, 'processing', 'r.xlsx', ?, 1, ?) RETURNING id`,
    )
    .get(supplierId, period, versions.n + 1, `sha-${files}`, path) as { id: number };
  const outcome = await ingestReport(db, {
    reportId: id,
    supplierId,
    period,
    path,
    fileName: "r.xlsx",
    dateOrder: "dmy",
    currency: "USD",
    mapping: {},
    today: "2026-12-04",
  });
  if (outcome.status !== "active") throw new Error(outcome.message);
  return { id, heldLines: outcome.heldLines };
}

function statuses(reportId: number): (string | null)[] {
  return (
    db.$client
      .prepare(`SELECT duplicate_status AS s FROM report_lines WHERE report_id = ? ORDER BY id`)
      .all(reportId) as { s: string | null }[]
  ).map((line) => line.s);
}

describe("duplicate holds", () => {
  let january: number;
  let february: number;

  it("holds nothing in the supplier's only active report", async () => {
    const first = await ingest("2026-01");
    january = first.id;
    expect(first.heldLines).toBe(0);
    expect(statuses(january)).toEqual([null, null, null, null, null]);
  });

  it("holds each line equal to a line of another active report, as it is written", async () => {
    const second = await ingest("2026-02", 7);
    february = second.id;
    // The first five lines repeat January's (same invoice, key, SKU and amount), two are new.
    expect(second.heldLines).toBe(5);
    expect(statuses(february)).toEqual(["held", "held", "held", "held", "held", null, null]);
    expect(statuses(january)).toEqual([null, null, null, null, null]);
    const problems = db.$client
      .prepare(
        `SELECT count(*) AS n FROM report_problems WHERE report_id = ? AND code = 'duplicate_line'`,
      )
      .get(february) as { n: number };
    expect(problems.n).toBe(5);
  });

  it("keeps the holds accepted in the version it replaces accepted", async () => {
    db.$client
      .prepare(
        `UPDATE report_lines SET duplicate_status = 'accepted'
          WHERE report_id = ? AND row IN (2, 4)`,
      )
      .run(february);
    const again = await ingest("2026-02", 7);
    expect(again.heldLines).toBe(3);
    expect(statuses(again.id)).toEqual([
      "accepted",
      "held",
      "accepted",
      "held",
      "held",
      null,
      null,
    ]);
    const versions = db.$client
      .prepare(`SELECT status FROM reports WHERE id IN (?, ?) ORDER BY id`)
      .all(february, again.id) as { status: string }[];
    expect(versions.map((v) => v.status)).toEqual(["superseded", "active"]);
  });

  it("holds nothing when the month's new version replaces the supplier's only active report", async () => {
    db.$client.prepare(`UPDATE reports SET status = 'superseded' WHERE id = ?`).run(january);
    const rows = db.$client
      .prepare(`SELECT id FROM reports WHERE supplier_id = ? AND status = 'active'`)
      .all(supplierId) as { id: number }[];
    expect(rows).toHaveLength(1);
    const latest = await ingest("2026-02", 7);
    expect(latest.heldLines).toBe(0);
    expect(statuses(latest.id)).toEqual([null, null, null, null, null, null, null]);
    februaryLatest = latest.id;
  });

  let februaryLatest: number;

  it("holds only lines whose invoice number is written the same, not merely normalized alike", async () => {
    // "INV1" normalizes as "INV-1" does (the key the look-up goes through), but is not equal.
    db.$client
      .prepare(`UPDATE report_lines SET invoice_number = 'INV1' WHERE report_id = ? AND row = 2`)
      .run(februaryLatest);
    const march = await ingest("2026-03", 7);
    expect(march.heldLines).toBe(6);
    expect(statuses(march.id)).toEqual([null, "held", "held", "held", "held", "held", "held"]);
  });
});
