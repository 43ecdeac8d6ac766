// Issue 17 item 3 (decision 080): WEB_CONCURRENCY server processes over one database. Both
// answer the same session; a report job whose process is killed mid-ingestion runs again in a
// live one and lands once; the dead process is replaced.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSampleReport } from "@imports/generate";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { axionWithMembers, uploadReport, waitForReport } from "@tests/setup/reports";

const MONTH = "2026-01";
/** Big enough that its ingestion is still running when the processes are killed. */
const ROWS = 150_000;
const KEYS = Array.from({ length: 50 }, (_, i) => `CLUSTER${String(1000 + i)}X${i % 10}`);

let server: TestServer;
let scratch: string;
let supplier: ApiClient;
let file = "";
let totalMinor = 0;

const query = <T = Json>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

/** The primary's children: the processes answering requests. */
const children = (): number[] =>
  execFileSync("sh", ["-c", `ps -o pid= --ppid ${server.process.pid} || true`], {
    encoding: "utf8",
  })
    .split("\n")
    .map((s) => Number(s.trim()))
    .filter((pid) => pid > 0)
    .sort((a, b) => a - b);

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-cluster-files-"));
  file = join(scratch, "axion-2026-01.xlsx");
  const [report] = await Promise.all([
    writeSampleReport(file, ROWS, { period: MONTH, customerKeys: KEYS, compression: 1 }),
    startServer({ env: { WEB_CONCURRENCY: "2" } }).then((s) => (server = s)),
  ]);
  totalMinor = report.totalMinor;
  await until("two server processes", () => (children().length === 2 ? true : undefined));
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  ({ supplier } = await axionWithMembers(server.url, admin, KEYS));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("several server processes", () => {
  it("answer one token from either process", async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => supplier.get("/api/v1/reports")),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
  });

  it("run a killed process's report job again in a live one, and it lands once", async () => {
    const before = children();
    const upload = await uploadReport(supplier, file, MONTH);
    expect(upload.status).toBe(202);
    const id = upload.body.id as number;
    await until("rows read", () => {
      const [job] = query<{ rows_read: number }>(
        `SELECT rows_read FROM jobs WHERE report_id = ?`,
        id,
      );
      return job.rows_read > 0 ? true : undefined;
    });
    // Both processes die (which one holds the job is not ours to know): neither lands it.
    for (const pid of before) process.kill(pid, "SIGKILL");

    // Connections to the killed processes are reset; the replacements answer once listening.
    for (const deadline = Date.now() + 60_000; ;) {
      const answer = await fetch(`${server.url}/login`).catch(() => undefined);
      if (answer?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`no process answers again:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const landed = await waitForReport(supplier, id, 120_000);
    expect(landed).toMatchObject({ status: "active", version: 1, rows: ROWS, lines: ROWS });
    expect(landed.totals).toEqual({ currency: "USD", amountMinor: totalMinor });
    expect(query(`SELECT status FROM jobs WHERE report_id = ?`, id)).toEqual([{ status: "done" }]);
    expect(query(`SELECT count(*) AS n FROM report_lines WHERE report_id = ?`, id)).toEqual([
      { n: ROWS },
    ]);
    expect(server.output()).toContain(`its report job(s) `);

    const after = await until("two new server processes", () => {
      const now = children();
      return now.length === 2 && now.every((pid) => !before.includes(pid)) ? now : undefined;
    });
    expect(after).toHaveLength(2);
  }, 180_000);
});
