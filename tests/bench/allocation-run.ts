// SPEC 9: an allocation run for a program with 5,000 members over a year of 1,000,000 lines,
// timed against a baseline measured in the same run: a bare SQL GROUP BY member of the same lines.
// Beside the plain program, one over the same lines with components (SPEC 3.7): its tier component
// and two bonuses, a Q1 rate bonus on a category and a per-unit bonus on 20 of the 200 SKUs.
// Run with `npm run bench` (tsx tests/bench/run.ts). This is a measurement, not a timed test.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onConnection } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";

export const MEMBERS = 5_000;
export const LINES = 1_000_000;
const YEAR = 2026;
const MONTH = `${YEAR}-12`;
const CATEGORIES = ["Hardware", "Software", " Services ", "Freight", null] as const;
const RUNS = 5;
const SKUS = 200;
/** The SKUs the per-unit bonus selects: a tenth of them. */
export const BONUS_SKUS = Array.from(
  { length: 20 },
  (_, i) => `SKU-${String(i * 10).padStart(3, "0")}`,
);
const PER_UNIT_MINOR = 35;

export type AllocationBench = {
  runMs: number;
  baselineMs: number;
  ratio: number;
  runSamples: number[];
  baselineSamples: number[];
  pooledVolumeMinor: number;
  members: number;
  /** The program with a tier component and two bonuses, over the same lines. */
  components: {
    runMs: number;
    runSamples: number[];
    /** Against the bare GROUP BY, and against the plain run, both measured in this run. */
    ratio: number;
    ratioToPlain: number;
    grossMinor: number;
    bonusGrossMinor: number[];
  };
};

/** A small deterministic generator, so every bench run measures the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDate(dayOfYear: number): string {
  return new Date(Date.UTC(YEAR, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Warm-up once, then RUNS timed calls of each (interleaved, so all see the same machine). */
function measure(...works: (() => unknown)[]): number[][] {
  for (const work of works) work();
  const samples = works.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    works.forEach((work, k) => {
      global.gc?.();
      samples[k].push(time(work));
    });
  }
  return samples;
}

export async function benchAllocationRun(log: (line: string) => void): Promise<AllocationBench> {
  // BENCH_DATABASE keeps the seeded file (and reuses it when it exists), to iterate faster.
  const kept = process.env.BENCH_DATABASE;
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), "tierpool-bench-"));
  process.env.DATABASE_PATH = kept ?? join(dir ?? "", "bench.db");
  const fresh = !kept || !existsSync(kept);
  try {
    // App modules read DATABASE_PATH on first use, so they are imported only now.
    const { getDb } = await import("@db/client.server");
    const { previewRun } = await import("~/models/runs.server");
    const db = getDb();
    const sqlite = db.$client;

    if (fresh) {
      const seeding = time(() => sqlite.transaction(() => seed(sqlite))());
      log(`seeded ${MEMBERS} members and ${LINES} lines in ${(seeding / 1000).toFixed(1)} s`);
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    }
    const [program, withComponents] = sqlite
      .prepare("SELECT id, supplier_id AS supplierId FROM programs ORDER BY id")
      .all() as { id: number; supplierId: number }[];

    const groupBy = sqlite.prepare(
      `SELECT l.member_id, sum(l.amount_minor)
         FROM report_lines l JOIN reports r ON r.id = l.report_id
        WHERE r.supplier_id = ? AND r.status = 'active' AND l.member_id IS NOT NULL
          AND l.invoice_date BETWEEN ? AND ?
        GROUP BY l.member_id`,
    );
    let run: ReturnType<typeof previewRun> | undefined;
    let componentRun: ReturnType<typeof previewRun> | undefined;
    let grouped: unknown[] = [];
    const [runSamples, baselineSamples, componentSamples] = measure(
      () => (run = previewRun(null, program.id, MONTH)),
      () => (grouped = groupBy.all(program.supplierId, `${YEAR}-01-01`, `${YEAR}-12-31`)),
      () => (componentRun = previewRun(null, withComponents.id, MONTH)),
    );
    if (!run || !componentRun) throw new Error("the allocation run did not run");
    await checkAgainstEngine(run, program.id, grouped.length);
    const bonusGrossMinor = checkComponents(sqlite, run, componentRun, program.supplierId);

    const runMs = median(runSamples);
    const baselineMs = median(baselineSamples);
    const componentMs = median(componentSamples);
    return {
      runMs,
      baselineMs,
      ratio: runMs / baselineMs,
      runSamples,
      baselineSamples,
      pooledVolumeMinor: run.pooledVolumeMinor,
      members: run.members.length,
      components: {
        runMs: componentMs,
        runSamples: componentSamples,
        ratio: componentMs / baselineMs,
        ratioToPlain: componentMs / runMs,
        grossMinor: componentRun.grossMinor,
        bonusGrossMinor,
      },
    };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The figures must be right, not only fast: recomputes the pooled volume the plain way (every
 * line as its own object through the pure engine) and compares it with what the run stored.
 */
async function checkAgainstEngine(
  run: { pooledVolumeMinor: number; members: { memberId: number; volumeMinor: number }[] },
  programId: number,
  groupedMembers: number,
) {
  const { getDb } = await import("@db/client.server");
  const { fxLookup, loadProgramTerms, memberships } = await import("~/models/run-inputs.server");
  const { pooledVolume } = await import("~/refunds/pooled");
  const db = getDb();
  const program = loadProgramTerms(db, programId);
  const lines = (
    db.$client
      .prepare(
        `SELECT l.invoice_date AS invoiceDate, l.category, l.member_id AS memberId,
                l.amount_minor AS amountMinor, l.currency,
                (l.duplicate_status = 'held') AS held
           FROM report_lines l JOIN reports r ON r.id = l.report_id
          WHERE r.supplier_id = ? AND r.status = 'active' AND l.member_id IS NOT NULL
          ORDER BY l.id`,
      )
      .all(program.supplierId) as {
      invoiceDate: string;
      category: string | null;
      memberId: number;
      amountMinor: number;
      currency: string;
      held: number | null;
    }[]
  ).map(({ held, ...line }) => ({ ...line, heldAsDuplicate: held === 1 }));
  const expected = pooledVolume(
    lines,
    program,
    memberships(db),
    fxLookup(db, program.currency),
    MONTH,
  );
  const got = new Map(run.members.map((m) => [m.memberId, m.volumeMinor]));
  const wrong = [...expected.byMember].filter(([id, v]) => got.get(id) !== v);
  if (
    expected.total !== run.pooledVolumeMinor ||
    wrong.length > 0 ||
    got.size !== expected.byMember.size
  ) {
    throw new Error(
      `the run disagrees with the engine: pooled ${run.pooledVolumeMinor} vs ${expected.total}, ` +
        `${wrong.length} members differ, ${got.size} vs ${expected.byMember.size} members`,
    );
  }
  if (groupedMembers !== MEMBERS) throw new Error(`the baseline saw ${groupedMembers} members`);
}

type Run = {
  pooledVolumeMinor: number;
  members: { memberId: number; volumeMinor: number }[];
  components?: { name: string; basisMinor: number; grossMinor: number }[];
};

/**
 * The components run must be right too: its tier component judges the plain run's pooled
 * volume and member volumes, and the per-unit bonus's Σ w_i is what this function computes from
 * the raw lines (each eligible line with a listed SKU, round(quantity × pay), BRL lines too).
 */
function checkComponents(
  sqlite: import("better-sqlite3").Database,
  plain: Run,
  run: Run,
  supplierId: number,
): number[] {
  if (run.pooledVolumeMinor !== plain.pooledVolumeMinor)
    throw new Error(`components run pooled ${run.pooledVolumeMinor} vs ${plain.pooledVolumeMinor}`);
  const volumes = new Map(plain.members.map((m) => [m.memberId, m.volumeMinor]));
  if (run.members.some((m) => volumes.get(m.memberId) !== m.volumeMinor))
    throw new Error("components run member volumes differ from the plain run's");
  const lines = sqlite
    .prepare(
      `SELECT l.quantity FROM report_lines l JOIN members m ON m.id = l.member_id
        WHERE l.supplier_id = ? AND l.sku IN (SELECT value FROM json_each(?))
          AND l.duplicate_status IS NOT 'held' AND coalesce(l.category, '') <> 'Freight'
          AND l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on)`,
    )
    .pluck()
    .all(supplierId, JSON.stringify(BONUS_SKUS)) as number[];
  let units = 0;
  for (const q of lines) {
    const exact = q * PER_UNIT_MINOR;
    units += Number.isInteger(q) ? exact : Math.sign(exact) * Math.round(Math.abs(exact));
  }
  const perUnit = run.components?.find((c) => c.name === "SKU units");
  if (!perUnit || perUnit.basisMinor !== units)
    throw new Error(`per-unit bonus weights ${perUnit?.basisMinor} vs ${units} from the lines`);
  return (run.components ?? []).filter((c) => c.name !== "tier").map((c) => c.grossMinor);
}

/** 5,000 members, one supplier with one active report of 1,000,000 lines over the year, FX rates, a program. */
function seed(sqlite: import("better-sqlite3").Database) {
  const random = mulberry32(20260101);
  const addMember = sqlite.prepare(
    "INSERT INTO members (name, tax_id, tax_id_normalized, country, joined_on, left_on) VALUES (?, ?, ?, 'BR', ?, ?)",
  );
  for (let i = 1; i <= MEMBERS; i++) {
    const taxId = `M${String(i).padStart(6, "0")}`;
    // Most members all year; some join during the year, some leave: their lines outside don't count.
    const roll = random();
    const joined = roll < 0.05 ? isoDate(Math.floor(random() * 365)) : "2020-01-01";
    const left = roll > 0.95 ? isoDate(Math.floor(random() * 365)) : null;
    addMember.run(`Member ${i}`, taxId, taxId, joined, left);
  }
  const supplier = sqlite
    .prepare("INSERT INTO suppliers (name, currency) VALUES ('Axion', 'USD') RETURNING id")
    .get() as { id: number };
  // One report per month, as suppliers send them.
  const addReport = sqlite.prepare(
    `INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256, file_size, stored_path)
     VALUES (?, ?, 1, 'active', 'bench.xlsx', ?, 1, '') RETURNING id`,
  );
  const reportOf = new Map<string, number>();
  for (let m = 1; m <= 12; m++) {
    const period = `${YEAR}-${String(m).padStart(2, "0")}`;
    const row = addReport.get(supplier.id, period, `bench-${period}`) as { id: number };
    reportOf.set(period, row.id);
  }
  const addRate = sqlite.prepare(
    "INSERT INTO fx_rates (month, from_currency, to_currency, rate) VALUES (?, 'BRL', 'USD', ?)",
  );
  for (let m = 1; m <= 12; m++) {
    addRate.run(`${YEAR}-${String(m).padStart(2, "0")}`, (0.17 + random() / 50).toFixed(8));
  }
  const program = sqlite
    .prepare(
      `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps, exclude_categories)
       VALUES (?, 'Axion ${YEAR}', 'USD', '${YEAR}-01-01', '${YEAR}-12-31', 'all-units', 1000, '["freight"]') RETURNING id`,
    )
    .get(supplier.id) as { id: number };
  const addTier = sqlite.prepare(
    "INSERT INTO tiers (program_id, position, threshold_minor, rate_bps) VALUES (?, ?, ?, ?)",
  );
  addTier.run(program.id, 0, 0, 100);
  addTier.run(program.id, 1, 10_000_000_000, 200);
  addTier.run(program.id, 2, 25_000_000_000, 300);
  // The same terms with two bonuses (SPEC 3.7): a Q1 hardware SPIFF and a per-unit SKU bonus.
  const withComponents = sqlite
    .prepare(
      `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps, exclude_categories)
       VALUES (?, 'Axion ${YEAR} with bonuses', 'USD', '${YEAR}-01-01', '${YEAR}-12-31', 'all-units', 1000,
               '["freight"]') RETURNING id`,
    )
    .get(supplier.id) as { id: number };
  addTier.run(withComponents.id, 0, 0, 100);
  addTier.run(withComponents.id, 1, 10_000_000_000, 200);
  addTier.run(withComponents.id, 2, 25_000_000_000, 300);
  const addBonus = sqlite.prepare(
    `INSERT INTO program_bonuses (program_id, position, name, categories, skus, start, end, rate_bps,
                                  per_unit_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  addBonus.run(
    withComponents.id,
    0,
    "Q1 hardware",
    '["Hardware"]',
    "[]",
    `${YEAR}-01-01`,
    `${YEAR}-03-31`,
    150,
    null,
  );
  addBonus.run(
    withComponents.id,
    1,
    "SKU units",
    "[]",
    JSON.stringify(BONUS_SKUS),
    null,
    null,
    null,
    PER_UNIT_MINOR,
  );

  const addLine = sqlite.prepare(
    `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number, customer_key,
                               category, amount_minor, currency, member_id, duplicate_status, sku, quantity)
     VALUES (?, ?, 'Sheet1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dates = Array.from({ length: 365 }, (_, d) => isoDate(d));
  for (let i = 0; i < LINES; i++) {
    const member = 1 + Math.floor(random() * MEMBERS);
    const roll = random();
    const brl = roll < 0.1;
    // Mostly sales of 1.00 to 5,000.00; about 3 % credit notes.
    let amount = 100 + Math.floor(random() * 500_000);
    if (roll > 0.97) amount = -amount;
    const duplicate =
      roll > 0.5 && roll < 0.502 ? "held" : roll > 0.6 && roll < 0.601 ? "accepted" : null;
    const date = dates[Math.floor(random() * 365)];
    // 1 to 20 units (returns negative), about 1 % of them fractional (meters of cable).
    const units = 1 + Math.floor(random() * 20);
    const quantity = (roll > 0.97 ? -1 : 1) * (random() < 0.01 ? units + 0.25 : units);
    addLine.run(
      reportOf.get(date.slice(0, 7)),
      supplier.id,
      i + 2,
      date,
      `INV-${i}`,
      `C${member}`,
      CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      brl ? amount * 5 : amount,
      brl ? "BRL" : "USD",
      member,
      duplicate,
      `SKU-${String(Math.floor(random() * SKUS)).padStart(3, "0")}`,
      quantity,
    );
  }
  refreshLineTotals(onConnection(sqlite), reportOf.values());
}
