// SPEC 9, claims: a ZIP of 10,000 CFDI invoices (as a member downloads them in bulk from SAT) read
// by the claims reader (imports/claims), in a process of its own for its time and peak memory
// (targets: under 30 s, under 300 MB), against a baseline measured in the same run: bare exceljs
// streaming of a spreadsheet of as many lines (10,000 rows), also in a process of its own.
// `npm run bench -- claims` runs it alone; `node --import tsx tests/bench/claims-zip.ts child …`
// is the measured child.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readClaimUpload } from "@imports/claims";
import { writeSampleReport } from "@imports/generate";
import { cfdiXml } from "@tests/setup/claim-invoices";
import { buildZip } from "@tests/setup/claim-zip";
import { bareParse } from "./ingestion";

export const INVOICES = 10_000;
const RUNS = 3;
const TARGET_MS = 30_000;
const TARGET_RSS_MB = 300;

const ISSUERS = ["ASD040512JH5", "ASM110308KR8", "NCA980317QWA", "SIV120723Q52"];
const RECEIVERS = ["XPY714465W4B", "EGX871282M2L", "OTW808210K6V", "CQU724713P9G"];

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
    const uuid = createHash("sha1").update(String(i)).digest("hex").toUpperCase();
    const uuidText = `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-4${uuid.slice(13, 16)}-8${uuid.slice(17, 20)}-${uuid.slice(20, 32)}`;
    const xml = cfdiXml({
      series: "AX",
      folio: String(100_000 + i),
      date: `2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00`,
      currency: i % 2 === 0 ? "MXN" : "USD",
      issuer: ISSUERS[issuer],
      receiver: RECEIVERS[i % RECEIVERS.length],
      subTotal: decimal(subTotal),
      concepts,
      uuid: uuidText,
      seal: {
        sello: base64(next, 344),
        noCertificado: `0000100000070275460${issuer}`,
        certificado: certificates[issuer],
      },
    });
    return { name: `${uuidText}.xml`, content: xml };
  });
  return { zip: buildZip(entries), netMinor };
}

/**
 * The measured child: reads the ZIP (or bare-parses the XLSX) and prints one JSON line. Both
 * children load the same modules, so their peak memory differs only by the work measured.
 */
async function child(task: string, path: string): Promise<void> {
  global.gc?.();
  const baseRssMB = process.memoryUsage().rss / 1024 / 1024;
  const started = process.hrtime.bigint();
  let result: Record<string, number>;
  if (task === "claims") {
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
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ...result, ms, maxRssMB, growthMB: maxRssMB - baseRssMB }));
}

function measure(task: string, path: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "child", task, path],
      { stdio: ["ignore", "pipe", "inherit"] },
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
    const xlsxPath = join(dir, "baseline.xlsx");
    await writeSampleReport(xlsxPath, INVOICES);
    log(
      `wrote a ZIP of ${INVOICES.toLocaleString("en")} CFDI (${(zip.length / 1024 / 1024).toFixed(1)} MB) ` +
        `and a ${INVOICES.toLocaleString("en")}-row XLSX in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const claims: Record<string, number>[] = [];
    const baseline: Record<string, number>[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      claims.push(await measure("claims", zipPath));
      baseline.push(await measure("parse", xlsxPath));
    }
    const [first] = claims;
    if (first.read !== INVOICES || first.refused !== 0 || first.netMinor !== netMinor)
      throw new Error(`claims bench read wrongly: ${JSON.stringify(first)} (net ${netMinor})`);
    const samples = (runs: Record<string, number>[]) => runs.map((r) => Math.round(r.ms)).join(" ");
    console.table([
      {
        measure: `claims: ZIP of ${INVOICES.toLocaleString("en")} CFDI read (readClaimUpload), own process`,
        "best ms": Math.round(best(claims, "ms")),
        "samples ms": samples(claims),
        "max RSS MB": Math.round(worst(claims, "maxRssMB")),
        "RSS growth MB": Math.round(worst(claims, "growthMB")),
      },
      {
        measure: `baseline: bare exceljs parse of a ${INVOICES.toLocaleString("en")}-row XLSX, own process`,
        "best ms": Math.round(best(baseline, "ms")),
        "samples ms": samples(baseline),
        "max RSS MB": Math.round(worst(baseline, "maxRssMB")),
        "RSS growth MB": Math.round(worst(baseline, "growthMB")),
      },
    ]);
    const ms = best(claims, "ms");
    const rss = worst(claims, "maxRssMB");
    console.log(
      `claims ZIP ${(ms / 1000).toFixed(1)} s (${(ms / best(baseline, "ms")).toFixed(2)}× the baseline), ` +
        `peak ${Math.round(rss)} MB (${(rss / worst(baseline, "maxRssMB")).toFixed(2)}× the baseline) — ` +
        `targets under ${TARGET_MS / 1000} s: ${ms < TARGET_MS ? "met" : "NOT MET"}, ` +
        `under ${TARGET_RSS_MB} MB: ${rss < TARGET_RSS_MB ? "met" : "NOT MET"}`,
    );
    console.log(
      "(reading only: the claims pipeline's reconciliation and writes are measured when it calls this reader)",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "child") await child(process.argv[3], process.argv[4]);
