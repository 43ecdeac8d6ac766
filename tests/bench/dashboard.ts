// SPEC 9: a member dashboard over a database of 5,000,000 lines: the loader's server time (p95,
// target < 50 ms) and 400 dashboard requests a second over HTTP against the built server, one
// process per core (WEB_CONCURRENCY; the load generated here, in a process of its own) (p99,
// target < 250 ms), each against a baseline measured in the same run: the bare SQL aggregate of
// the member's own lines (its volume by supplier and month, straight from report_lines).
// Runs in its own process (app modules keep one connection per process): `npm run bench` starts it,
// or `node --expose-gc --import tsx tests/bench/dashboard.ts` alone.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { onConnection } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";
import { allocationEntry } from "~/refunds/journal";
import { computeRun, postedAfter, NOTHING_POSTED, type PostedSoFar } from "~/refunds/run";

export const DASH_LINES = 5_000_000;
export const DASH_MEMBERS = 5_000;
const SUPPLIERS = ["Axion", "Norte", "Paulista", "Andes"];
const YEAR = 2026;
/** Runs are posted for January to October; November and December are reported only. */
const POSTED_MONTHS = 10;
const SESSIONS = 50;
const LOADER_SAMPLES = 400;
const RATE_PER_SECOND = 400;
const LOAD_SECONDS = 10;
const ROOT = resolve(import.meta.dirname, "../..");
const TIERS = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 20_000_000_000, rateBps: 200 },
  { thresholdMinor: 45_000_000_000, rateBps: 300 },
  { thresholdMinor: 70_000_000_000, rateBps: 400 },
];

export type Percentiles = { p50: number; p95: number; p99: number; max: number; n: number };
export type DashboardBench = {
  seedSeconds: number | null;
  loader: Percentiles;
  loaderBaseline: Percentiles;
  http: Percentiles & { errors: number; achievedPerSecond: number };
  httpBaseline: Percentiles & { errors: number; achievedPerSecond: number };
  /** The dashboard at lower rates, to show where the server's capacity lies on this machine. */
  httpLower: (Percentiles & { errors: number; achievedPerSecond: number; rate: number })[];
  httpPage: Percentiles;
};

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN, n: s.length };
}

const month = (m: number) => `${YEAR}-${String(m).padStart(2, "0")}`;

type Sqlite = import("better-sqlite3").Database;

/**
 * 5,000 members; four suppliers with a USD program each and a report a month; 5,000,000 lines
 * spread over them; line_totals rebuilt by refreshLineTotals; January–October posted as the
 * engine computes them (runs, run members, journal entries and lines), as postRun would write them.
 */
function seed(sqlite: Sqlite) {
  const random = mulberry32(20261123);
  const addMember = sqlite.prepare(
    "INSERT INTO members (name, tax_id, tax_id_normalized, country, joined_on) VALUES (?, ?, ?, 'MX', '2020-01-01')",
  );
  for (let i = 1; i <= DASH_MEMBERS; i++) {
    const taxId = `M${String(i).padStart(6, "0")}`;
    addMember.run(`Member ${i}`, taxId, taxId);
  }
  const supplierIds = SUPPLIERS.map(
    (name) =>
      (
        sqlite
          .prepare("INSERT INTO suppliers (name, currency) VALUES (?, 'USD') RETURNING id")
          .get(name) as { id: number }
      ).id,
  );
  const programIds = supplierIds.map((supplierId, i) => {
    const { id } = sqlite
      .prepare(
        `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps)
         VALUES (?, ?, 'USD', '${YEAR}-01-01', '${YEAR}-12-31', 'all-units', 1000) RETURNING id`,
      )
      .get(supplierId, `${SUPPLIERS[i]} ${YEAR}`) as { id: number };
    TIERS.forEach((t, position) =>
      sqlite
        .prepare(
          "INSERT INTO tiers (program_id, position, threshold_minor, rate_bps) VALUES (?, ?, ?, ?)",
        )
        .run(id, position, t.thresholdMinor, t.rateBps),
    );
    return id;
  });
  const addReport = sqlite.prepare(
    `INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256, file_size, stored_path)
     VALUES (?, ?, 1, 'active', 'bench.xlsx', ?, 1, '') RETURNING id`,
  );
  const reportIds: number[][] = supplierIds.map((supplierId) =>
    Array.from(
      { length: 12 },
      (_, m) =>
        (addReport.get(supplierId, month(m + 1), `dash-${supplierId}-${m}`) as { id: number }).id,
    ),
  );

  // Bulk lines load faster without the secondary indexes; they are rebuilt right after.
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report_lines' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX ${name}`);
  const volume = supplierIds.map(() =>
    Array.from({ length: 12 }, () => new Float64Array(DASH_MEMBERS + 1)),
  );
  const categories = ["Cameras", "Access", "Networks", "Cabling", null];
  const addLines = sqlite.prepare(
    `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
                               customer_key, category, amount_minor, currency, member_id)
     SELECT value ->> 0, value ->> 1, 'Sheet1', value ->> 2, value ->> 3, value ->> 4, value ->> 5,
            value ->> 6, value ->> 7, 'USD', value ->> 8
       FROM json_each(?)`,
  );
  let batch: unknown[] = [];
  for (let i = 0; i < DASH_LINES; i++) {
    const s = Math.floor(random() * supplierIds.length);
    const m = Math.floor(random() * 12);
    const member = 1 + Math.floor(random() * DASH_MEMBERS);
    let amount = 100 + Math.floor(random() * 200_000);
    if (random() < 0.03) amount = -amount;
    volume[s][m][member] += amount;
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    batch.push([
      reportIds[s][m],
      supplierIds[s],
      i + 2,
      `${month(m + 1)}-${day}`,
      `INV-${i}`,
      `M${String(member).padStart(6, "0")}`,
      categories[i % categories.length],
      amount,
      member,
    ]);
    if (batch.length === 20_000) {
      addLines.run(JSON.stringify(batch));
      batch = [];
    }
  }
  if (batch.length) addLines.run(JSON.stringify(batch));
  for (const { sql } of indexes) sqlite.exec(sql);
  refreshLineTotals(onConnection(sqlite), reportIds.flat());

  const addRun = sqlite.prepare(
    `INSERT INTO allocation_runs (program_id, month, status, fingerprint, pooled_volume_minor,
       tier_index, rate_bps, gross_minor, fee_minor, net_minor, posting_gross_minor,
       posting_fee_minor, posting_net_minor, posted_at)
     VALUES (?, ?, 'posted', 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const addRunMembers = sqlite.prepare(
    `INSERT INTO allocation_run_members (run_id, member_id, volume_minor, ytd_minor, posting_minor)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
  );
  const addEntry = sqlite.prepare(
    `INSERT INTO journal_entries (kind, currency, memo, run_id) VALUES ('allocation', 'USD', ?, ?) RETURNING id`,
  );
  const addJournalLines = sqlite.prepare(
    `INSERT INTO journal_lines (entry_id, account, currency, amount_minor, member_id, supplier_id, program_id, month)
     SELECT ?, value ->> 0, 'USD', value ->> 1, value ->> 2, ?, ?, ? FROM json_each(?)`,
  );
  programIds.forEach((programId, s) => {
    const ytd = new Float64Array(DASH_MEMBERS + 1);
    let posted: PostedSoFar = NOTHING_POSTED;
    for (let m = 0; m < POSTED_MONTHS; m++) {
      const byMember = new Map<number, number>();
      let total = 0;
      for (let member = 1; member <= DASH_MEMBERS; member++) {
        ytd[member] += volume[s][m][member];
        byMember.set(member, ytd[member]);
        total += ytd[member];
      }
      const run = computeRun({
        method: "all-units",
        tiers: TIERS,
        feeBps: 1000,
        volume: { total, byMember },
        alreadyPosted: posted,
      });
      posted = postedAfter(posted, run);
      const { id: runId } = addRun.get(
        programId,
        month(m + 1),
        run.pooledVolumeMinor,
        run.tierIndex,
        run.rateBps,
        run.grossMinor,
        run.feeMinor,
        run.netMinor,
        run.posting.grossMinor,
        run.posting.feeMinor,
        run.posting.netMinor,
        `${month(m + 2 > 12 ? 12 : m + 2)}-02T10:00:00.000Z`,
      ) as { id: number };
      addRunMembers.run(
        runId,
        JSON.stringify(
          run.members.map((r) => [r.memberId, r.volumeMinor, r.ytdMinor, r.postingMinor]),
        ),
      );
      const { id: entryId } = addEntry.get(`Allocation ${month(m + 1)}`, runId) as { id: number };
      const entry = allocationEntry(run, supplierIds[s], "USD");
      addJournalLines.run(
        entryId,
        supplierIds[s],
        programId,
        month(m + 1),
        JSON.stringify(
          entry.lines.map((l) => [
            l.account,
            l.amountMinor,
            l.account.startsWith("member_payable:") ? Number(l.account.slice(15)) : null,
          ]),
        ),
      );
    }
  });
}

function time(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Keep-alive connections, as browsers hold them; opened as the load needs them. */
const keepAlive = new Agent({ keepAlive: true });

/**
 * One GET read to its last byte; its status. Node's own HTTP client rather than fetch: on this
 * 2-core machine the load generator shares the cores with the server, and fetch spent ~1.2 ms of
 * CPU a request (its WHATWG layers, and inflating the gzip a browser would inflate on its own
 * machine) against ~0.3 ms here, a third of the server's cores at 400/s. The body is asked for
 * gzipped as a browser asks, and read whole, not inflated.
 */
function get(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: keepAlive, headers: { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" } },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Requests fired at a fixed rate (an open loop: a slow answer does not slow the next request) for
 * `seconds`, or until `stop()` says so.
 */
export async function load(
  urls: { url: string; cookie: string }[],
  perSecond: number,
  seconds: number,
  stop: () => boolean = () => false,
): Promise<Percentiles & { errors: number; achievedPerSecond: number }> {
  let total = perSecond * seconds;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    if (stop()) {
      total = i;
      break;
    }
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { url, cookie } = urls[i % urls.length];
    const sent = performance.now();
    pending.push(
      get(url, cookie)
        .then((status) => {
          if (status !== 200) errors++;
          latencies.push(performance.now() - sent);
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  return { ...percentiles(latencies), errors, achievedPerSecond: total / elapsed };
}

export async function benchDashboard(log: (line: string) => void): Promise<DashboardBench> {
  // BENCH_DASHBOARD_DATABASE keeps the seeded file (and reuses it when it exists).
  const kept = process.env.BENCH_DASHBOARD_DATABASE;
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), "tierpool-dash-bench-"));
  const dbPath = kept ?? join(dir ?? "", "bench.db");
  process.env.DATABASE_PATH = dbPath;
  process.env.SESSION_SECRET ??= "bench-session-secret";
  const fresh = !kept || !existsSync(kept);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const { getDb } = await import("@db/client.server");
    const { memberDashboard } = await import("~/models/member-dashboard.server");
    const { getMember } = await import("~/models/members.server");
    const { createUser } = await import("~/models/users.server");
    const { startSession } = await import("~/auth/session.server");
    const db = getDb();
    const sqlite = db.$client;
    let seedSeconds: number | null = null;
    if (fresh) {
      // A throwaway database: a big page cache and no fsync while it is filled.
      sqlite.pragma("cache_size = -262144");
      sqlite.pragma("synchronous = OFF");
      seedSeconds = time(() => sqlite.transaction(() => seed(sqlite))()) / 1000;
      sqlite.pragma("synchronous = FULL"); // back to what openDatabase sets (decision 042)
      sqlite.pragma("cache_size = -2000");
      sqlite.exec("ANALYZE");
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      log(`seeded ${DASH_MEMBERS} members and ${DASH_LINES} lines in ${seedSeconds.toFixed(1)} s`);
    }
    const counts = sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM report_lines) AS lines, (SELECT count(*) FROM line_totals) AS totals,
                (SELECT count(*) FROM journal_lines) AS journal, (SELECT count(*) FROM allocation_run_members) AS runMembers`,
      )
      .get() as Record<string, number>;
    log(
      `database: ${counts.lines} lines, ${counts.totals} line_totals rows, ${counts.journal} journal lines, ${counts.runMembers} run members`,
    );

    // The loader's work (authorization aside): the member and its dashboard, for random members.
    const random = mulberry32(7);
    const pick = () => 1 + Math.floor(random() * DASH_MEMBERS);
    const baselineSql = sqlite.prepare(
      `SELECT supplier_id, substr(invoice_date, 1, 7) AS month, sum(amount_minor)
         FROM report_lines WHERE member_id = ? GROUP BY supplier_id, month`,
    );
    const loaderOnce = (memberId: number) => {
      const member = getMember(memberId);
      return { member, ...memberDashboard(memberId, YEAR) };
    };
    const check = loaderOnce(1);
    if (check.programs.length !== SUPPLIERS.length || !check.programs[0].progress) {
      throw new Error("the dashboard did not see the seeded programs and runs");
    }
    for (let i = 0; i < 50; i++) {
      loaderOnce(pick());
      baselineSql.all(pick());
    }
    const loaderSamples: number[] = [];
    const baselineSamples: number[] = [];
    global.gc?.();
    for (let i = 0; i < LOADER_SAMPLES; i++) {
      loaderSamples.push(time(() => loaderOnce(pick())));
      baselineSamples.push(time(() => baselineSql.all(pick())));
    }

    // Member users with a session each (sessions made here, signed with the server's secret).
    const existing = sqlite
      .prepare("SELECT id, member_id AS memberId FROM users WHERE role = 'member' ORDER BY id")
      .all() as { id: number; memberId: number }[];
    for (let i = existing.length; i < SESSIONS; i++) {
      const memberId = 1 + Math.floor((i * DASH_MEMBERS) / SESSIONS);
      const user = await createUser(db, {
        email: `member${memberId}@bench.example`,
        password: "bench-password-1",
        role: "member",
        memberId,
        name: `Bench ${memberId}`,
      });
      existing.push({ id: user.id, memberId });
    }
    const cookies = await Promise.all(
      existing.slice(0, SESSIONS).map(async (u) => (await startSession(u.id)).split(";")[0]),
    );

    const port = 39_000 + Math.floor(Math.random() * 1000);
    server = spawn(process.execPath, ["server.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        COOKIE_SECURE: "0",
        PORT: String(port),
        DEMO: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`server did not start:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        if (output.includes("listening on")) {
          clearInterval(poll);
          clearTimeout(timer);
          res();
        }
      }, 50);
      server!.on("exit", (code) => rej(new Error(`server exited with ${code}:\n${output}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const dataUrls = cookies.map((cookie) => ({
      url: `${base}/member?year=${YEAR}&_data=routes/member._index`,
      cookie,
    }));
    const pageUrls = cookies.map((cookie) => ({ url: `${base}/member?year=${YEAR}`, cookie }));
    // The same load against the cheapest signed-in loader there is (the account page's data):
    // what the server, Remix and the session cost without the dashboard.
    const baselineUrls = cookies.map((cookie) => ({
      url: `${base}/account?_data=routes/account`,
      cookie,
    }));
    const first = await fetch(dataUrls[0].url, { headers: { Cookie: dataUrls[0].cookie } });
    if (first.status !== 200) throw new Error(`dashboard over HTTP: ${first.status}`);
    await first.arrayBuffer();
    await load(dataUrls, 50, 2); // warm-up
    const httpLower = [];
    for (const rate of [100, 200]) {
      httpLower.push({ rate, ...(await load(dataUrls, rate, 5)) });
    }
    const httpBaseline = await load(baselineUrls, RATE_PER_SECOND, LOAD_SECONDS);
    const http = await load(dataUrls, RATE_PER_SECOND, LOAD_SECONDS);
    const page: number[] = [];
    for (let i = 0; i < 100; i++) {
      const { url, cookie } = pageUrls[i % pageUrls.length];
      const sent = performance.now();
      const res = await fetch(url, { headers: { Cookie: cookie } });
      await res.text();
      page.push(performance.now() - sent);
    }
    return {
      seedSeconds,
      loader: percentiles(loaderSamples),
      loaderBaseline: percentiles(baselineSamples),
      http,
      httpBaseline,
      httpLower,
      httpPage: percentiles(page),
    };
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => Math.round(v * 10) / 10;

export function printDashboardBench(b: DashboardBench) {
  console.table([
    {
      measure: `member dashboard loader work, ${DASH_LINES} lines, ${DASH_MEMBERS} members`,
      p50: ms(b.loader.p50),
      p95: ms(b.loader.p95),
      p99: ms(b.loader.p99),
      n: b.loader.n,
    },
    {
      measure: "baseline: bare SQL, the member's volume by supplier and month from its lines",
      p50: ms(b.loaderBaseline.p50),
      p95: ms(b.loaderBaseline.p95),
      p99: ms(b.loaderBaseline.p99),
      n: b.loaderBaseline.n,
    },
    {
      measure: `HTTP ${RATE_PER_SECOND}/s, member dashboard data (?_data=)`,
      p50: ms(b.http.p50),
      p95: ms(b.http.p95),
      p99: ms(b.http.p99),
      n: b.http.n,
    },
    {
      measure: `baseline: HTTP ${RATE_PER_SECOND}/s, account data (?_data=)`,
      p50: ms(b.httpBaseline.p50),
      p95: ms(b.httpBaseline.p95),
      p99: ms(b.httpBaseline.p99),
      n: b.httpBaseline.n,
    },
    ...b.httpLower.map((l) => ({
      measure: `HTTP ${l.rate}/s, member dashboard data (?_data=)`,
      p50: ms(l.p50),
      p95: ms(l.p95),
      p99: ms(l.p99),
      n: l.n,
    })),
    {
      measure: "member dashboard page (HTML with charts), one at a time",
      p50: ms(b.httpPage.p50),
      p95: ms(b.httpPage.p95),
      p99: ms(b.httpPage.p99),
      n: b.httpPage.n,
    },
  ]);
  const met = (ok: boolean) => (ok ? "met" : "NOT MET");
  console.log(
    `dashboard loader p95 ${ms(b.loader.p95)} ms (baseline ${ms(b.loaderBaseline.p95)} ms, ratio ` +
      `${(b.loader.p95 / b.loaderBaseline.p95).toFixed(2)}×) — target under 50 ms: ${met(b.loader.p95 < 50)}`,
  );
  console.log(
    `dashboard over HTTP at ${RATE_PER_SECOND}/s (achieved ${b.http.achievedPerSecond.toFixed(0)}/s, ` +
      `${b.http.errors} errors): p99 ${ms(b.http.p99)} ms (baseline ${ms(b.httpBaseline.p99)} ms, ratio ` +
      `${(b.http.p99 / b.httpBaseline.p99).toFixed(2)}×) — target under 250 ms: ${met(b.http.p99 < 250 && b.http.errors === 0)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchDashboard((line) => console.log(`  ${line}`));
  printDashboardBench(result);
}
