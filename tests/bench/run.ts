// `npm run bench`: the performance figures of SPEC 9, each against a baseline measured in the same run.
// `npm run bench -- ingestion` (or `allocation`, `claims`, `dashboard`, `ingesting`) runs one of them.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { benchAllocationRun, LINES, MEMBERS } from "./allocation-run";
import { benchIngestion } from "./ingestion";

const TARGET_MS = 1_000;
const TARGET_RATIO = 0.8;
const TARGET_RSS_MB = 300;
/** Issue 13: components must not make a run more than 20 % slower than the plain one. */
const MAX_COMPONENTS_SLOWDOWN = 1.2;

const SECTIONS = ["allocation", "ingestion", "claims", "dashboard", "ingesting"];
const only = process.argv[2];
const log = (line: string) => console.log(`  ${line}`);
// Sheets are read by the built thread the server runs (`npm run bench` builds first), not by its
// TypeScript under tsx; the sections' processes inherit this.
process.env.READER_FROM_BUILD ??= "1";

// The whole bench runs each section in a process of its own: a baseline measured in a process
// whose heap an earlier section filled runs slower (exceljs's parse by a fifth after the
// allocation bench), which flattered the ratios.
if (!only) {
  console.log(`tierpool bench, ${new Date().toISOString()}, node ${process.version}`);
  for (const section of SECTIONS) {
    const { status } = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, section],
      {
        stdio: "inherit",
      },
    );
    if (status !== 0) console.log(`the ${section} bench failed (exit ${status})`);
  }
  process.exit(0);
}
if (!SECTIONS.includes(only)) throw new Error(`no bench named ${only}: ${SECTIONS.join(", ")}`);
console.log(`\n${only} (${new Date().toISOString()}):`);
if (!global.gc) console.log("(run with --expose-gc for steadier figures)");

if (only === "allocation") {
  const run = await benchAllocationRun(log);
  const { components } = run;
  console.table([
    {
      measure: `allocation run (previewRun), ${MEMBERS} members, ${LINES} lines`,
      "median ms": Math.round(run.runMs),
      "× baseline": run.ratio.toFixed(2),
      "samples ms": run.runSamples.map(Math.round).join(" "),
    },
    {
      measure: "the same with a tier component and two bonuses (category Q1, per unit on SKUs)",
      "median ms": Math.round(components.runMs),
      "× baseline": components.ratio.toFixed(2),
      "samples ms": components.runSamples.map(Math.round).join(" "),
    },
    {
      measure: "baseline: SELECT member_id, sum(amount_minor) … GROUP BY member_id",
      "median ms": Math.round(run.baselineMs),
      "× baseline": "1.00",
      "samples ms": run.baselineSamples.map(Math.round).join(" "),
    },
  ]);
  console.log(
    `allocation run ${run.runMs.toFixed(0)} ms, baseline ${run.baselineMs.toFixed(0)} ms, ` +
      `ratio ${run.ratio.toFixed(2)}× — target under ${TARGET_MS} ms: ${run.runMs < TARGET_MS ? "met" : "NOT MET"}`,
  );
  console.log(
    `with components ${components.runMs.toFixed(0)} ms, ratio ${components.ratio.toFixed(2)}× the baseline ` +
      `(SPEC 9: under 1.00: ${components.ratio < 1 ? "met" : "NOT MET"}), ` +
      `${components.ratioToPlain.toFixed(2)}× the plain run ` +
      `(issue 13: at most ${MAX_COMPONENTS_SLOWDOWN.toFixed(2)}: ${components.ratioToPlain <= MAX_COMPONENTS_SLOWDOWN ? "met" : "NOT MET"})`,
  );
  console.log(
    `(pooled volume ${run.pooledVolumeMinor} minor units over ${run.members} members, checked against the engine; ` +
      `bonuses gross ${components.bonusGrossMinor.join(" and ")}, the per-unit one checked against the lines)`,
  );
}

if (only === "ingestion") {
  const ingestion = await benchIngestion(log);
  const perSec = (n: number) => Math.round(n).toLocaleString("en");
  const samples = (ms: number[]) => ms.map(Math.round).join(" ");
  console.table([
    {
      measure: `ingestion end to end (ingestReport), ${ingestion.rows.toLocaleString("en")}-row XLSX`,
      "rows/s (best)": perSec(ingestion.ingestRowsPerSec),
      "samples ms": samples(ingestion.ingestSamplesMs),
    },
    {
      measure: "baseline: bare exceljs WorkbookReader over the same file",
      "rows/s (best)": perSec(ingestion.parseRowsPerSec),
      "samples ms": samples(ingestion.parseSamplesMs),
    },
  ]);
  const { big, libreOffice } = ingestion;
  console.table([
    {
      measure: `ingestion of ${big.rows.toLocaleString("en")} rows, in a process of its own`,
      "max RSS MB": Math.round(big.ingestMaxRssMB),
      seconds: (big.ingestMs / 1000).toFixed(1),
    },
    {
      measure: "baseline: bare exceljs parse of the same file, in a process of its own",
      "max RSS MB": Math.round(big.parseMaxRssMB),
      seconds: "",
    },
    {
      measure: "the same rows written as LibreOffice does (shared strings after the sheet)",
      "max RSS MB": Math.round(libreOffice.ingestMaxRssMB),
      seconds: (libreOffice.ingestMs / 1000).toFixed(1),
    },
    {
      measure: "baseline: bare exceljs parse of that file, in a process of its own",
      "max RSS MB": Math.round(libreOffice.parseMaxRssMB),
      seconds: "",
    },
  ]);
  const rssTarget = (mb: number) =>
    `target under ${TARGET_RSS_MB} MB: ${mb < TARGET_RSS_MB ? "met" : "NOT MET"}`;
  console.log(
    `ingestion ${perSec(ingestion.ingestRowsPerSec)} rows/s, bare parse ${perSec(ingestion.parseRowsPerSec)} rows/s, ` +
      `ratio ${ingestion.ratio.toFixed(2)} — target at least ${TARGET_RATIO}: ${ingestion.ratio >= TARGET_RATIO ? "met" : "NOT MET"}`,
  );
  console.log(
    `peak memory ingesting ${big.rows.toLocaleString("en")} rows ${Math.round(big.ingestMaxRssMB)} MB — ` +
      rssTarget(big.ingestMaxRssMB),
  );
  console.log(
    `peak memory ingesting ${libreOffice.rows.toLocaleString("en")} rows written as LibreOffice does ` +
      `(shared strings after the sheet) ${Math.round(libreOffice.ingestMaxRssMB)} MB — ` +
      rssTarget(libreOffice.ingestMaxRssMB),
  );
  console.log(
    `(${ingestion.matchedLines.toLocaleString("en")} of ${ingestion.rows.toLocaleString("en")} lines matched to members)`,
  );
}

if (only === "claims") await (await import("./claims-zip")).benchClaimsZip(log);

// The dashboard bench runs in its own process: app modules keep one database connection per process.
if (only === "dashboard") {
  console.log("\nmember dashboard (SPEC 9), in its own process:");
  const dashboard = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", resolve(import.meta.dirname, "dashboard.ts")],
    { stdio: "inherit" },
  );
  if (dashboard.status !== 0) console.log(`the dashboard bench failed (exit ${dashboard.status})`);
}
// The built server on the demo, dashboards under load while a big report is ingested (issue 17).
if (only === "ingesting") {
  const { benchDashboardDuringIngestion, printDashboardDuringIngestion } =
    await import("./dashboard-ingestion");
  console.log("\nmember dashboards during an ingestion:");
  printDashboardDuringIngestion(await benchDashboardDuringIngestion(log));
}
// A bench measures and reports; a missed target is printed above, not turned into a failure.
