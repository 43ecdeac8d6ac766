// The report-version lifecycle on a database file of its own: versions only move forward, and
// landing a version supersedes the month's active one in the same transaction.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@db/client.server";
import { INTERRUPTED_MESSAGE } from "./jobs.server";
import {
  fail,
  failInterrupted,
  landActive,
  queueVersion,
  reject,
  startProcessing,
  type ActiveFigures,
  type Rejection,
} from "./report-lifecycle.server";

let scratch: string;
let db: Db;
let supplierId: number;
let memberId: number;
let month = 0;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-lifecycle-"));
  vi.stubEnv("DATABASE_PATH", join(scratch, "lifecycle.db"));
  db = getDb();
  supplierId = (
    db.$client
      .prepare(`INSERT INTO suppliers (name, currency) VALUES ('Axion', 'USD') RETURNING id`)
      .get() as { id: number }
  ).id;
  memberId = (
    db.$client
      .prepare(
        `INSERT INTO members (name, tax_id, tax_id_normalized, country, joined_on)
         VALUES ('M', 'T1', 'T1', 'MX', '2020-01-01') RETURNING id`,
      )
      .get() as { id: number }
  ).id;
});

afterAll(() => {
  db?.$client.close();
  vi.unstubAllEnvs();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A fresh month, so each test's versions stand alone. */
function nextPeriod(): string {
  month += 1;
  return `2030-${String(month).padStart(2, "0")}`;
}

function queue(period: string, version = 1): number {
  return queueVersion(db, {
    supplierId,
    period,
    version,
    fileName: "f.xlsx",
    fileSha256: `sha-${period}-${version}`,
    fileSize: 1,
    storedPath: "",
  }).report.id;
}

function processing(period: string, version = 1): number {
  const id = queue(period, version);
  startProcessing(id);
  return id;
}

function state(reportId: number) {
  const report = db.$client
    .prepare(`SELECT status, message, lines_count AS lines FROM reports WHERE id = ?`)
    .get(reportId);
  const job = db.$client
    .prepare(`SELECT status, progress_permille AS progress FROM jobs WHERE report_id = ?`)
    .get(reportId);
  return { report, job };
}

function status(reportId: number): string {
  return (state(reportId).report as { status: string }).status;
}

function totalsOf(reportId: number): number {
  return (
    db.$client
      .prepare(`SELECT count(*) AS n FROM line_totals WHERE report_id = ?`)
      .get(reportId) as { n: number }
  ).n;
}

const FIGURES: ActiveFigures = {
  format: "xlsx",
  rows: 1,
  lines: 1,
  warnings: 0,
  totals: { USD: 100 },
  details: {},
};

/** Lands the version with one matched line; returns the versions it superseded. */
function land(reportId: number): number[] {
  return landActive(db, reportId, (superseded) => {
    db.$client
      .prepare(
        `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
           customer_key, amount_minor, currency, member_id)
         VALUES (?, ?, 'S', 2, '2030-01-05', ?, 'T1', 100, 'USD', ?)`,
      )
      .run(reportId, supplierId, `INV-${reportId}`, memberId);
    return { figures: FIGURES, result: superseded };
  });
}

const REJECTION: Rejection = {
  message: "1 error found",
  format: "xlsx",
  rows: 1,
  errors: 1,
  warnings: 0,
  totals: {},
  details: null,
};

/** An illegal move is a programming error: a plain Error, not a refusal for the user. */
function expectIllegal(move: () => unknown, from: string, to: string) {
  let thrown: unknown;
  try {
    move();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).constructor).toBe(Error);
  expect((thrown as Error).message).toMatch(`cannot move from ${from} to ${to}`);
}

describe("forward moves", () => {
  it("queues a version with its job, starts it, lands it active and finishes the job", () => {
    const id = queue(nextPeriod());
    expect(state(id)).toEqual({
      report: { status: "queued", message: null, lines: 0 },
      job: { status: "queued", progress: 0 },
    });
    startProcessing(id);
    expect(state(id).report).toMatchObject({ status: "processing" });
    expect(state(id).job).toMatchObject({ status: "running" });
    expect(land(id)).toEqual([]);
    expect(state(id)).toEqual({
      report: { status: "active", message: null, lines: 1 },
      job: { status: "done", progress: 1000 },
    });
    expect(totalsOf(id)).toBe(1);
  });

  it("rejects a processing version and finishes its job", () => {
    const id = processing(nextPeriod());
    reject(db, id, REJECTION);
    expect(state(id)).toEqual({
      report: { status: "rejected", message: "1 error found", lines: 0 },
      job: { status: "done", progress: 1000 },
    });
  });

  it("fails a processing version with its job", () => {
    const id = processing(nextPeriod());
    fail(id, "broke");
    expect(state(id)).toEqual({
      report: { status: "failed", message: "broke", lines: 0 },
      job: { status: "failed", progress: 0 },
    });
  });

  it("fails versions a stopped server left queued or processing, and their jobs", () => {
    const period = nextPeriod();
    const queued = queue(period, 1);
    const running = processing(period, 2);
    const landed = processing(nextPeriod());
    land(landed);
    expect(failInterrupted()).toBe(2);
    for (const id of [queued, running]) {
      expect(state(id).report).toMatchObject({ status: "failed", message: INTERRUPTED_MESSAGE });
      expect(state(id).job).toMatchObject({ status: "failed" });
    }
    expect(status(landed)).toBe("active");
    expect(failInterrupted()).toBe(0);
  });
});

describe("backward or sideways moves", () => {
  it("are refused with a plain Error and change nothing", () => {
    const active = processing(nextPeriod());
    land(active);
    expectIllegal(() => startProcessing(active), "active", "processing");
    expectIllegal(() => reject(db, active, REJECTION), "active", "rejected");
    expectIllegal(() => fail(active, "late"), "active", "failed");
    expectIllegal(() => land(active), "active", "active");
    expect(state(active)).toEqual({
      report: { status: "active", message: null, lines: 1 },
      job: { status: "done", progress: 1000 },
    });

    const queued = queue(nextPeriod());
    expectIllegal(() => land(queued), "queued", "active");
    expectIllegal(() => reject(db, queued, REJECTION), "queued", "rejected");
    expect(status(queued)).toBe("queued");

    const running = processing(nextPeriod());
    expectIllegal(() => startProcessing(running), "processing", "processing");

    const rejected = processing(nextPeriod());
    reject(db, rejected, REJECTION);
    expectIllegal(() => land(rejected), "rejected", "active");
    expectIllegal(() => fail(rejected, "late"), "rejected", "failed");
    expect(status(rejected)).toBe("rejected");
  });

  it("refuse to move a superseded version again", () => {
    const period = nextPeriod();
    const first = processing(period, 1);
    land(first);
    land(processing(period, 2));
    expectIllegal(() => land(first), "superseded", "active");
    expectIllegal(() => fail(first, "late"), "superseded", "failed");
    expect(status(first)).toBe("superseded");
  });

  it("name a version that does not exist", () => {
    expect(() => startProcessing(999_999)).toThrow("Report version 999999 does not exist.");
  });
});

describe("landing a version", () => {
  it("supersedes the month's active version before its lines land, and takes its totals away", () => {
    const period = nextPeriod();
    const first = processing(period, 1);
    land(first);
    const second = processing(period, 2);
    let seenDuringLanding: string | undefined;
    const superseded = landActive(db, second, (ids) => {
      seenDuringLanding = status(first);
      return { figures: FIGURES, result: ids };
    });
    expect(superseded).toEqual([first]);
    expect(seenDuringLanding).toBe("superseded");
    expect([status(first), status(second)]).toEqual(["superseded", "active"]);
    expect(totalsOf(first)).toBe(0);
    const otherMonth = processing(nextPeriod());
    expect(land(otherMonth)).toEqual([]);
    expect(status(second)).toBe("active");
  });

  it("changes nothing when the landing fails: the earlier version stays active", () => {
    const period = nextPeriod();
    const first = processing(period, 1);
    land(first);
    const second = processing(period, 2);
    expect(() =>
      landActive(db, second, () => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect([status(first), status(second)]).toEqual(["active", "processing"]);
    expect(totalsOf(first)).toBe(1);
    expect(state(second).job).toMatchObject({ status: "running" });
  });
});
