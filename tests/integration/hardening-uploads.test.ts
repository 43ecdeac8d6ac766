// Hostile uploads over HTTP (SPEC 8, the hardening issue's findings 1 and 2): a workbook whose
// zip headers lie about its sheet's size, and one whose single huge shared string fills 20,000
// name cells. The server refuses them, its memory stays bounded, it keeps answering, and nothing
// of them is stored: the month's good version stays the active one, with exactly its lines.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HOSTILE_HEADER,
  hostileRow,
  writeHostileXlsx,
  writeLyingXlsx,
  type SheetCell,
} from "@tests/setup/hostile-xlsx";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ingest, uploadReport, waitForReport } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const MIB = 1024 * 1024;
const MONTH = "2026-01";

let server: TestServer;
let scratch: string;
let supplier: ApiClient;
let goodId = 0;

function query<T = Json>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The server process's resident memory, in MiB (VmRSS of /proc/<pid>/status). */
function serverRssMiB(): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kib / 1024;
}

/**
 * Samples the server's RSS every 10 ms until stopped; how far its peak rose above where it began.
 * The rise, not the total: an idle server that has ingested once holds ~270 MB (the jobs thread is
 * the server bundle started a second time, decision 079), and SPEC 8 asks that memory not grow
 * with the file.
 */
function watchRss() {
  const start = serverRssMiB();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, serverRssMiB())), 10);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, serverRssMiB()) - start;
    },
  };
}

/** How long GET /login takes, in ms (a page that needs the event loop and nothing else). */
async function loginLatency(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/login`);
  await res.text();
  expect(res.status).toBe(200);
  return performance.now() - started;
}

/** Calls GET /login every 50 ms while `work` runs; the answers' latencies. */
async function latenciesDuring<T>(work: Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      latencies.push(await loginLatency());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work, latencies };
  } finally {
    done = true;
    await probing;
  }
}

function goodState() {
  return {
    reports: query(`SELECT id, status FROM reports ORDER BY id`),
    lines: query(`SELECT * FROM report_lines ORDER BY id`),
  };
}
let before: ReturnType<typeof goodState>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tierpool-hardening-"));
  scratch = mkdtempSync(join(tmpdir(), "tierpool-hardening-files-"));
  server = await startServer({ dir });
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const created = await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" });
  const user = {
    email: "s@axion.example",
    password: "axion-password-1",
    role: "supplier",
    supplierId: created.body.id,
  };
  expect((await admin.post("/api/v1/users", user)).status).toBe(201);
  supplier = await apiAs(server.url, user.email, user.password);
  const good = join(scratch, "good.xlsx");
  await writeHostileXlsx(good, { rows: [HOSTILE_HEADER, hostileRow(1), hostileRow(2)] });
  const report = await ingest(supplier, good, MONTH);
  expect([report.status, report.lines, report.errors]).toEqual(["active", 2, 0]);
  goodId = report.id;
  before = goodState();
  expect(before.reports).toEqual([{ id: goodId, status: "active" }]);
  expect(before.lines).toHaveLength(2);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("a sheet that inflates to 300 MB while its zip headers declare 20,000 bytes", () => {
  it("is answered 422 zip_bomb naming the part; the server's memory does not grow with it and it stays responsive", async () => {
    const path = join(scratch, "lying.xlsx");
    await writeLyingXlsx(path, 300, 20_000);
    expect(statSync(path).size).toBeLessThan(1 * MIB);
    const rss = watchRss();
    const { result: res, latencies } = await latenciesDuring(uploadReport(supplier, path, MONTH));
    const after = await Promise.all([loginLatency(), loginLatency(), loginLatency()]);
    const rise = rss.stop();
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: "zip_bomb",
        message:
          'The workbook part "xl/worksheets/sheet1.xml" inflates to more than the 20,000 bytes ' +
          "its zip header declares; the file looks like a zip bomb and was not opened.",
      },
    });
    expect(rise).toBeLessThan(64);
    expect(Math.max(...latencies, ...after)).toBeLessThan(1000);
    // Nothing stored: no report, no line; the good version is still the active one.
    expect(goodState()).toEqual(before);
    expect(query(`SELECT count(*) AS n FROM reports WHERE status != 'active'`)).toEqual([{ n: 0 }]);
  }, 60_000);
});

describe("one 5 MB shared string in 20,000 customer-name cells", () => {
  it("is rejected as a whole: nothing stored, memory not growing with it, the server responsive", async () => {
    const path = join(scratch, "shared-5mb.xlsx");
    await writeHostileXlsx(path, {
      rows: function* (): Generator<SheetCell[]> {
        yield HOSTILE_HEADER;
        for (let n = 1; n <= 20_000; n++) yield hostileRow(n, { shared: 0 });
      },
      sharedStrings: [{ random: 5 * MIB }],
    });
    expect(statSync(path).size).toBeLessThan(4 * MIB);
    const rss = watchRss();
    const work = (async () => {
      const res = await uploadReport(supplier, path, MONTH);
      expect(res.status).toBe(202);
      return waitForReport(supplier, res.body.id);
    })();
    const { result: report, latencies } = await latenciesDuring(work);
    const rise = rss.stop();
    expect(report).toMatchObject({
      status: "rejected",
      lines: 0,
      message:
        'A cell of the workbook part "xl/sharedStrings.xml" holds more than 327,680 characters, ' +
        "far more than Excel allows in a cell (32,767); the file was not read.",
    });
    expect(rise).toBeLessThan(64);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(query(`SELECT count(*) AS n FROM report_lines WHERE report_id = ?`, report.id)).toEqual([
      { n: 0 },
    ]);
    expect(query(`SELECT id FROM reports WHERE status = 'active'`)).toEqual([{ id: goodId }]);
    expect(query(`SELECT * FROM report_lines ORDER BY id`)).toEqual(before.lines);
  }, 60_000);
});
