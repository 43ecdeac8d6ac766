// SPEC 9, claims: a ZIP of 10,000 CFDI invoices (as a member downloads them in bulk from SAT)
// PROCESSED end to end, exactly as a member's upload is in the background job: queued
// (queueClaimUpload), then processClaimUpload reads every invoice, judges it against the
// suppliers' tax ids, programs, earlier claims and active reports (the `reported` rule), and
// writes the claims, their lines, each invoice's outcome and the upload's counts. It runs in a
// process of its own over a copy of a prepared database (four suppliers with 200,000 report
// lines), so its time and peak memory (the child's own high-water RSS) are the work's (targets:
// under 30 s, under 300 MB). Beside it, in processes of their own: reading alone
// (readClaimUpload) and the baseline, bare exceljs streaming of a spreadsheet of as many lines
// (10,000 rows). `npm run bench -- claims` runs it alone;
// `node --import tsx tests/bench/claims-zip.ts child …` is a measured child (decision 067).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@db/client.server";
import { readClaimUpload } from "@imports/claims";
import { writeSampleReport } from "@imports/generate";
import { cfdiXml } from "@tests/setup/claim-invoices";
import { buildZip } from "@tests/setup/claim-zip";
import { bareParse } from "./ingestion";
import { peakRssMB } from "./peak-memory";

export const INVOICES = 10_000;
const RUNS = 3;
const TARGET_MS = 30_000;
const TARGET_RSS_MB = 300;
/** Report lines of the suppliers' active reports, besides those holding the ZIP's invoices. */
const REPORT_LINES = 200_000;
const MEMBERS = 1_000;

const ISSUERS = ["ASD040512JH5", "ASM110308KR8", "NCA980317QWA", "SIV120723Q52"];
/** An issuer that is no supplier of the consortium. */
const STRANGER = "NOP950101AB1";
/** The claiming member, and another company some invoices are addressed to. */
const CLAIMANT = "XPY714465W4B";
const ELSEWHERE = "EGX871282M2L";

/**
 * What each invoice of the ZIP is made to become, by its position: 5 % from an issuer that is no
 * supplier, 2 % addressed to another company, 1 % claimed before by another member, a fifth
 * already in a supplier's report, the rest pending.
 */
export function intendedOutcome(i: number): "not_preferred" | "refused" | "reported" | "pending" {
  if (i % 20 === 19) return "not_preferred";
  if (i % 50 === 7 || i % 100 === 3) return "refused";
  if (i % 5 === 0) return "reported";
  return "pending";
}
const isClaimedBefore = (i: number) => i % 100 === 3 && intendedOutcome(i) === "refused";
const issuerOf = (i: number) =>
  intendedOutcome(i) === "not_preferred" ? STRANGER : ISSUERS[i % ISSUERS.length];
const folioOf = (i: number) => String(100_000 + i);
const dateOf = (i: number) => `2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, "0")}`;

function uuidOf(i: number): string {
  const hex = createHash("sha1").update(String(i)).digest("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A deterministic stream of numbers, so every run reads the same invoices. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(state / 65_536) % n; // the high bits: an LCG's low bits repeat quickly
  };
}

function base64(next: (n: number) => number, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet[next(64)];
  return out;
}

const decimal = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/** The ZIP, and the net amount (minor units) of all its invoices, to check the reading. */
export function claimsZip(count = INVOICES): { zip: Buffer; netMinor: number } {
  const next = random(7);
  const certificates = ISSUERS.map(() => base64(next, 2_400));
  let netMinor = 0;
  const entries = Array.from({ length: count }, (_, i) => {
    const issuer = i % ISSUERS.length;
    const cents = Array.from({ length: 1 + next(3) }, () => 10_000 + next(5_000_000));
    const concepts = cents.map((c, j) => ({
      sku: `SKU-${next(900) + 100}`,
      quantity: String(1 + j),
      amount: decimal(c),
    }));
    const subTotal = cents.reduce((sum, c) => sum + c, 0);
    netMinor += subTotal;
    const uuid = uuidOf(i);
    const xml = cfdiXml({
      series: "AX",
      folio: folioOf(i),
      date: `${dateOf(i)}T10:00:00`,
      currency: i % 2 === 0 ? "MXN" : "USD",
      issuer: issuerOf(i),
      receiver: i % 50 === 7 ? ELSEWHERE : CLAIMANT,
      subTotal: decimal(subTotal),
      concepts,
      uuid,
      seal: {
        sello: base64(next, 344),
        noCertificado: `0000100000070275460${issuer}`,
        certificado: certificates[issuer],
      },
    });
    return { name: `${uuid}.xml`, content: xml };
  });
  return { zip: buildZip(entries), netMinor };
}

/**
 * The database a member uploads into: 1,000 members (the claimant first), four suppliers with
 * their tax ids and a 2026 program each, three months of active reports of 200,000 lines in all
 * (SKU categories as landing leaves them), lines holding a fifth of the ZIP's invoices matched
 * to the claimant (written `AX-0<folio>`: they match by normalized number), and the claims
 * another member made earlier of 1 % of them. The claimant is member 1.
 */
export function claimsDatabase(path: string): void {
  const db = openDatabase(path);
  const sql = db.$client;
  const next = random(11);
  sql.transaction(() => {
    const addMember = sql.prepare(
      `INSERT INTO members (name, tax_id, tax_id_normalized, country, joined_on)
       VALUES (?, ?, ?, 'MX', '2020-01-01')`,
    );
    addMember.run("Seguridad Acceso 97", CLAIMANT, CLAIMANT);
    for (let m = 2; m <= MEMBERS; m += 1) {
      const key = `SYN${String(100_000 + m)}A${m % 10}`;
      addMember.run(`Member ${m}`, key, key);
    }
    const addSupplier = sql.prepare(
      `INSERT INTO suppliers (name, currency) VALUES (?, 'MXN') RETURNING id`,
    );
    const addTaxId = sql.prepare(
      `INSERT INTO supplier_tax_ids (tax_id_normalized, supplier_id, tax_id) VALUES (?, ?, ?)`,
    );
    const addProgram = sql.prepare(
      `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps)
       VALUES (?, ?, 'MXN', '2026-01-01', '2026-12-31', 'all-units', 1000) RETURNING id`,
    );
    const addTier = sql.prepare(
      `INSERT INTO tiers (program_id, position, threshold_minor, rate_bps) VALUES (?, 0, 0, 200)`,
    );
    const addReport = sql.prepare(
      `INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256,
                            file_size, stored_path)
       VALUES (?, ?, 1, 'active', 'bench.xlsx', ?, 1, '') RETURNING id`,
    );
    const addLine = sql.prepare(
      `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
                                 customer_key, sku, category, quantity, amount_minor, currency,
                                 member_id, invoice_key)
       VALUES (?, ?, 'Sheet1', ?, ?, ?, ?, ?, ?, ?, ?, 'MXN', ?, tp_invoice_key(?))`,
    );
    const suppliers = ISSUERS.map((taxId, s) => {
      const id = (addSupplier.get(`Supplier ${s + 1}`) as { id: number }).id;
      addTaxId.run(taxId, id, taxId);
      addTier.run((addProgram.get(id, `Supplier ${s + 1} 2026`) as { id: number }).id);
      const reports = [1, 2, 3].map(
        (month) =>
          (addReport.get(id, `2026-0${month}`, `bench-${s}-${month}`) as { id: number }).id,
      );
      return { id, reports };
    });
    for (let n = 0; n < REPORT_LINES; n += 1) {
      const { id, reports } = suppliers[n % suppliers.length];
      const month = next(3);
      const member = 1 + next(MEMBERS);
      const sku = `SKU-${100 + next(900)}`;
      const number = `F-${String(n).padStart(7, "0")}`;
      addLine.run(
        reports[month],
        id,
        n + 2,
        `2026-0${month + 1}-${String(1 + next(28)).padStart(2, "0")}`,
        number,
        member === 1 ? CLAIMANT : `SYN${String(100_000 + member)}A${member % 10}`,
        sku,
        ["Hardware", "Software", "Services"][next(3)],
        1 + next(10),
        100 + next(500_000),
        member,
        number,
      );
    }
    const addClaim = sql.prepare(
      `INSERT INTO claims (member_id, supplier_id, format, kind, invoice_number, invoice_key,
                           document_key, invoice_date, currency, amount_minor, status, due_on)
       VALUES (2, ?, 'cfdi', 'sale', ?, ?, ?, ?, 'MXN', 100000, 'pending', '2026-12-31')`,
    );
    for (let i = 0; i < INVOICES; i += 1) {
      const { id, reports } = suppliers[i % ISSUERS.length];
      if (intendedOutcome(i) === "reported") {
        const number = `AX-0${folioOf(i)}`;
        addLine.run(
          reports[i % 3],
          id,
          REPORT_LINES + i + 2,
          dateOf(i),
          number,
          CLAIMANT,
          null,
          null,
          1,
          100_000,
          1,
          number,
        );
      }
      if (isClaimedBefore(i))
        addClaim.run(id, `AX-${folioOf(i)}`, `AX${folioOf(i)}`, uuidOf(i), dateOf(i));
    }
    sql.exec(
      `INSERT OR REPLACE INTO supplier_sku_categories (supplier_id, sku, category)
       SELECT supplier_id, sku, category FROM report_lines WHERE sku IS NOT NULL ORDER BY id`,
    );
  })();
  sql.pragma("wal_checkpoint(TRUNCATE)");
  sql.close();
}

/** What each outcome should count, by the rules above. */
function expectedCounts(count = INVOICES) {
  const counts = { reported: 0, pending: 0, notPreferred: 0, refused: 0, skipped: 0 };
  for (let i = 0; i < count; i += 1) {
    const outcome = intendedOutcome(i);
    counts[outcome === "not_preferred" ? "notPreferred" : outcome] += 1;
  }
  return counts;
}

/**
 * A measured child: processes the upload into the database at DATABASE_PATH (`process`), reads
 * the ZIP only (`read`) or bare-parses the XLSX (`parse`), and prints one JSON line. All load
 * the same modules first, so their peak memory differs only by the work measured.
 */
async function child(task: string, path: string): Promise<void> {
  const { getClaimUpload, processClaimUpload, queueClaimUpload } =
    await import("~/models/claim-uploads.server");
  global.gc?.();
  const baseRssMB = process.memoryUsage().rss / 1024 / 1024;
  const started = process.hrtime.bigint();
  let result: Record<string, number>;
  if (task === "process") {
    // As the upload route and the job do: the upload's bytes in memory, queued, then processed.
    const bytes = readFileSync(path);
    const upload = queueClaimUpload(null, 1, "bench.zip");
    await processClaimUpload(upload.id, bytes);
    const done = getClaimUpload(upload.id)!;
    if (done.status !== "done")
      throw new Error(`claims bench upload ${done.status}: ${done.message}`);
    const { reported, pending, notPreferred, refused, skipped, invoicesRead } = done;
    result = { invoicesRead, reported, pending, notPreferred, refused, skipped };
  } else if (task === "read") {
    let read = 0;
    let refused = 0;
    let netMinor = 0;
    for await (const reading of readClaimUpload("bench.zip", readFileSync(path))) {
      if (!reading.ok) refused += 1;
      else {
        read += 1;
        netMinor += reading.invoice.netMinor;
      }
    }
    result = { read, refused, netMinor };
  } else {
    result = { rows: await bareParse(path) };
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const maxRssMB = peakRssMB();
  console.log(JSON.stringify({ ...result, ms, maxRssMB, growthMB: maxRssMB - baseRssMB }));
}

function measure(task: string, path: string, database?: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "child", task, path],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: database ? { ...process.env, DATABASE_PATH: database } : process.env,
      },
    );
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`claims bench ${task} child exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}"));
    });
  });
}

const best = (runs: Record<string, number>[], key: string) => Math.min(...runs.map((r) => r[key]));
const worst = (runs: Record<string, number>[], key: string) => Math.max(...runs.map((r) => r[key]));

export async function benchClaimsZip(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tierpool-bench-claims-"));
  try {
    const started = Date.now();
    const { zip, netMinor } = claimsZip();
    const zipPath = join(dir, "claims.zip");
    writeFileSync(zipPath, zip);
    const template = join(dir, "template.db");
    claimsDatabase(template);
    const xlsxPath = join(dir, "baseline.xlsx");
    await writeSampleReport(xlsxPath, INVOICES);
    log(
      `wrote a ZIP of ${INVOICES.toLocaleString("en")} CFDI (${(zip.length / 1024 / 1024).toFixed(1)} MB), ` +
        `a database of ${REPORT_LINES.toLocaleString("en")} report lines and a ` +
        `${INVOICES.toLocaleString("en")}-row XLSX in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const processed: Record<string, number>[] = [];
    const read: Record<string, number>[] = [];
    const baseline: Record<string, number>[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // Each run uploads into a fresh copy: a second upload of the same invoices is refused.
      const database = join(dir, `run-${i}.db`);
      copyFileSync(template, database);
      processed.push(await measure("process", zipPath, database));
      read.push(await measure("read", zipPath));
      baseline.push(await measure("parse", xlsxPath));
    }
    const [first] = read;
    if (first.read !== INVOICES || first.refused !== 0 || first.netMinor !== netMinor)
      throw new Error(`claims bench read wrongly: ${JSON.stringify(first)} (net ${netMinor})`);
    const expected = { invoicesRead: INVOICES, ...expectedCounts() };
    for (const run of processed) {
      const got = Object.fromEntries(Object.keys(expected).map((k) => [k, run[k]]));
      if (JSON.stringify(got) !== JSON.stringify(expected))
        throw new Error(
          `claims bench outcomes ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`,
        );
    }
    const samples = (runs: Record<string, number>[]) => runs.map((r) => Math.round(r.ms)).join(" ");
    const row = (measure: string, runs: Record<string, number>[]) => ({
      measure,
      "best ms": Math.round(best(runs, "ms")),
      "samples ms": samples(runs),
      "peak RSS MB": Math.round(worst(runs, "maxRssMB")),
      "RSS growth MB": Math.round(worst(runs, "growthMB")),
    });
    const n = INVOICES.toLocaleString("en");
    console.table([
      row(
        `claims: ZIP of ${n} CFDI processed (processClaimUpload: read, judged, written)`,
        processed,
      ),
      row(`reading alone (readClaimUpload), own process`, read),
      row(`baseline: bare exceljs parse of a ${n}-row XLSX, own process`, baseline),
    ]);
    const ms = best(processed, "ms");
    const rss = worst(processed, "maxRssMB");
    console.log(
      `claims ZIP processed ${(ms / 1000).toFixed(1)} s (${(ms / best(baseline, "ms")).toFixed(2)}× the baseline), ` +
        `peak ${Math.round(rss)} MB (${(rss / worst(baseline, "maxRssMB")).toFixed(2)}× the baseline) — ` +
        `targets under ${TARGET_MS / 1000} s: ${ms < TARGET_MS ? "met" : "NOT MET"}, ` +
        `under ${TARGET_RSS_MB} MB: ${rss < TARGET_RSS_MB ? "met" : "NOT MET"}`,
    );
    const e = expected;
    console.log(
      `(outcomes checked in every run: ${e.reported} reported, ${e.pending} pending, ` +
        `${e.notPreferred} not preferred, ${e.refused} refused, against ` +
        `${REPORT_LINES.toLocaleString("en")} report lines of 4 suppliers)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "child") await child(process.argv[3], process.argv[4]);
