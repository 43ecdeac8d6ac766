// One measured task per process, so its peak memory (VmHWM) is its own: `generate` a sample
// report, `ingest` one into a fresh database, or `parse` one with bare exceljs. Prints one JSON line.
import { benchDatabase, bareParse, ingestOnce } from "./ingestion";
import { writeSampleReport } from "@imports/generate";
import { peakRssMB } from "./peak-memory";

const [task, path, arg] = process.argv.slice(2);

async function run(): Promise<Record<string, unknown>> {
  if (task === "generate") return { ...(await writeSampleReport(path, Number(arg))) };
  if (task === "generate-shared")
    return { ...(await writeSampleReport(path, Number(arg), { sharedStrings: true })) };
  if (task === "parse") return { rows: await bareParse(path) };
  if (task === "ingest") {
    const bench = benchDatabase(arg);
    try {
      return { ...(await ingestOnce(bench, path)) };
    } finally {
      bench.close();
    }
  }
  throw new Error(`unknown task ${task}`);
}

const started = process.hrtime.bigint();
const result = await run();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const maxRssMB = peakRssMB();
console.log(JSON.stringify({ ...result, ms, maxRssMB }));
