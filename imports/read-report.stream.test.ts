import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSampleReport } from "./generate";
import { readReport } from "./read-report";

const dir = mkdtempSync(join(tmpdir(), "tierpool-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readReport streams a large workbook", () => {
  it("reads back every line of a 20,000-row XLSX written by the streaming writer", async () => {
    const path = join(dir, "sample-20000.xlsx");
    const written = await writeSampleReport(path, 20_000, { seed: 7, period: "2026-02" });
    let count = 0;
    let sum = 0;
    let lastFraction = 0;
    const summary = await readReport(path, {
      originalName: "sample.xlsx",
      dateOrder: "dmy",
      defaultCurrency: "USD",
      today: "2026-03-01",
      period: "2026-02",
      onProgress: (_rows, fraction) => {
        expect(fraction).toBeGreaterThanOrEqual(lastFraction);
        lastFraction = fraction;
      },
      onLine: (line) => {
        count += 1;
        sum += line.amountMinor;
      },
    });
    expect(count).toBe(20_000);
    expect(sum).toBe(written.totalMinor);
    expect(summary).toMatchObject({
      rows: 20_000,
      lines: 20_000,
      errorCount: 0,
      warningCount: 0,
      problems: [],
    });
    expect(summary.totalsByCurrency).toEqual({ USD: written.totalMinor });
    expect(lastFraction).toBe(1);
  }, 120_000);
});
