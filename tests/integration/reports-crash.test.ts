// SPEC 4.5 and 8: the server is killed (SIGKILL) while it ingests a large report. At the next start
// the version is failed with a clear message, nothing of it counts, the version it was to replace
// is untouched, and the same file can be uploaded again and lands.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSampleReport } from "@imports/generate";
import { INTERRUPTED_MESSAGE } from "~/models/jobs.server";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import {
  AXION_USER,
  axionWithMembers,
  ingest,
  uploadReport,
  waitForReport,
} from "@tests/setup/reports";

const MONTH = "2026-01";
/** Big enough that ingesting it takes several seconds: the kill lands while lines are staged. */
const BIG_ROWS = 200_000;
const SMALL_ROWS = 2_000;
const KEYS = Array.from({ length: 200 }, (_, i) => `CRASH${String(1000 + i)}X${i % 10}`);

let server: TestServer;
let scratch: string;
let supplier: ApiClient;
let supplierId: number;
const files = { small: "", big: "" };
let bigTotalMinor = 0;

function query<T = Json>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function versionState(reportId: number) {
  return {
    report: query(
      `SELECT id, status, version, rows, lines_count, totals FROM reports WHERE id = ?`,
      reportId,
    ),
    lines: query(
      `SELECT count(*) AS n, sum(amount_minor) AS sum, sum(id) AS ids
                    FROM report_lines WHERE report_id = ?`,
      reportId,
    ),
    totals: query(`SELECT * FROM line_totals WHERE report_id = ? ORDER BY rowid`, reportId),
  };
}

async function waitForRowsRead(api: ApiClient, id: number, timeoutMs = 30_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/api/v1/reports/${id}`);
    if (res.body.progress?.rowsRead > 0) return res.body;
    if (!["queued", "processing"].includes(res.body.status))
      throw new Error(`report ${id} ended before the kill: ${JSON.stringify(res.body)}`);
    if (Date.now() > deadline) throw new Error(`report ${id} read no row in time`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-crash-files-"));
  files.small = join(scratch, "axion-2026-01.xlsx");
  files.big = join(scratch, "axion-2026-01-full.xlsx");
  const sample = { period: MONTH, customerKeys: KEYS, compression: 1 };
  const [big] = await Promise.all([
    writeSampleReport(files.big, BIG_ROWS, { ...sample, seed: 1 }),
    writeSampleReport(files.small, SMALL_ROWS, { ...sample, seed: 2 }),
    startServer().then((s) => (server = s)),
  ]);
  bigTotalMinor = big.totalMinor;
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  ({ supplierId, supplier } = await axionWithMembers(server.url, admin, KEYS));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("a server killed while it ingests a report", () => {
  it("leaves nothing of the interrupted version, keeps the active one, and takes the file again", async () => {
    const first = await ingest(supplier, files.small, MONTH);
    expect([first.status, first.lines]).toEqual(["active", SMALL_ROWS]);
    const before = versionState(first.id);
    expect(before.lines[0].n).toBe(SMALL_ROWS);
    expect(before.totals.length).toBeGreaterThan(0);

    const upload = await uploadReport(supplier, files.big, MONTH);
    expect(upload.status).toBe(202);
    const midway = await waitForRowsRead(supplier, upload.body.id);
    expect(midway.status).toBe("processing");
    await server.stop({ keepFiles: true, signal: "SIGKILL" });

    server = await startServer({ dir: server.dir });
    supplier = await apiAs(server.url, AXION_USER.email, AXION_USER.password);
    const killed = (await supplier.get(`/api/v1/reports/${upload.body.id}`)).body;
    expect(killed).toMatchObject({
      status: "failed",
      version: 2,
      lines: 0,
      message: INTERRUPTED_MESSAGE,
    });
    expect(
      query(`SELECT count(*) AS n FROM report_lines WHERE report_id = ?`, upload.body.id),
    ).toEqual([{ n: 0 }]);
    expect(
      query(`SELECT count(*) AS n FROM line_totals WHERE report_id = ?`, upload.body.id),
    ).toEqual([{ n: 0 }]);
    expect(query(`SELECT status, message FROM jobs WHERE report_id = ?`, upload.body.id)).toEqual([
      { status: "failed", message: INTERRUPTED_MESSAGE },
    ]);
    expect(versionState(first.id)).toEqual(before);
    expect(
      query(
        `SELECT id FROM reports WHERE supplier_id = ? AND period = ? AND status = 'active'`,
        supplierId,
        MONTH,
      ),
    ).toEqual([{ id: first.id }]);

    const again = await uploadReport(supplier, files.big, MONTH);
    expect(again.status).toBe(202);
    const landed = await waitForReport(supplier, again.body.id, 60_000);
    expect(landed).toMatchObject({
      status: "active",
      version: 3,
      rows: BIG_ROWS,
      lines: BIG_ROWS,
      errors: 0,
    });
    expect(landed.totals).toEqual({ currency: "USD", amountMinor: bigTotalMinor });
    expect(
      query(
        `SELECT count(*) AS n FROM report_lines WHERE report_id = ? AND member_id IS NOT NULL`,
        again.body.id,
      ),
    ).toEqual([{ n: BIG_ROWS }]);
    expect((await supplier.get(`/api/v1/reports/${first.id}`)).body.status).toBe("superseded");
  }, 90_000);
});
