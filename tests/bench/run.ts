// `npm run bench`: the performance figures of SPEC 9, each against a baseline measured in the same run.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { benchAllocationRun, LINES, MEMBERS } from "./allocation-run";

const TARGET_MS = 1_000;

const started = new Date();
console.log(`tierpool bench, ${started.toISOString()}, node ${process.version}`);
if (!global.gc) console.log("(run with --expose-gc for steadier figures)");

const run = await benchAllocationRun((line) => console.log(`  ${line}`));
console.table([
  {
    measure: `allocation run (previewRun), ${MEMBERS} members, ${LINES} lines`,
    "median ms": Math.round(run.runMs),
    "samples ms": run.runSamples.map(Math.round).join(" "),
  },
  {
    measure: "baseline: SELECT member_id, sum(amount_minor) … GROUP BY member_id",
    "median ms": Math.round(run.baselineMs),
    "samples ms": run.baselineSamples.map(Math.round).join(" "),
  },
]);
console.log(
  `allocation run ${run.runMs.toFixed(0)} ms, baseline ${run.baselineMs.toFixed(0)} ms, ` +
    `ratio ${run.ratio.toFixed(2)}× — target under ${TARGET_MS} ms: ${run.runMs < TARGET_MS ? "met" : "NOT MET"}`,
);
console.log(
  `(pooled volume ${run.pooledVolumeMinor} minor units over ${run.members} members, checked against the engine)`,
);
// A bench measures and reports; a missed target is printed above, not turned into a failure.

// The dashboard bench runs in its own process: app modules keep one database connection per process.
console.log("\nmember dashboard (SPEC 9), in its own process:");
const dashboard = spawnSync(
  process.execPath,
  ["--expose-gc", "--import", "tsx", resolve(import.meta.dirname, "dashboard.ts")],
  { stdio: "inherit" },
);
if (dashboard.status !== 0) console.log(`the dashboard bench failed (exit ${dashboard.status})`);
