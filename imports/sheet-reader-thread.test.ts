// The sheet reader's thread gives exactly what readXlsxRows gives, refusals included, keeps at most
// a few batches ahead of its reader, and stops reading (closing the file) when a read is abandoned.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePath } from "@tests/setup/fixtures";
import { ImportError } from "./errors";
import { writeSampleReport } from "./generate";
import { readXlsxRows } from "./read-xlsx";
import { readXlsxRowsInThread } from "./sheet-reader-thread";
import type { RawRow, ReadProgress } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-sheet-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function refusal(rows: AsyncIterable<RawRow>): Promise<unknown> {
  return all(rows).then(
    () => null,
    (error: unknown) => error,
  );
}

/** Whether this process (every thread shares its descriptors) has `path` open. */
function isOpen(path: string): boolean {
  return readdirSync("/proc/self/fd").some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed while we looked
    }
  });
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

describe("reading a workbook in the reader's thread", () => {
  it("yields the rows readXlsxRows yields, with the same progress at the end", async () => {
    for (const name of ["andes-2026-01.xlsx", "axion-2026-03-v2.xlsx", "norte-2026-02.xlsx"]) {
      const path = fixturePath(`scenario-q1/reports/${name}`);
      const progress: ReadProgress = { fraction: 0 };
      const threaded = await all(readXlsxRowsInThread(path, progress));
      expect(threaded.length).toBeGreaterThan(10);
      expect(threaded).toEqual(await all(readXlsxRows(path)));
      expect(progress.fraction).toBe(1);
    }
  });

  it("passes many batches with Dates and sheet names intact", async () => {
    const path = join(dir, "many.xlsx");
    await writeSampleReport(path, 12_345, { compression: 1 });
    const threaded = await all(readXlsxRowsInThread(path));
    expect(threaded).toHaveLength(12_346);
    expect(threaded).toEqual(await all(readXlsxRows(path)));
    expect(threaded[1].cells[0]).toBeInstanceOf(Date);
  });

  it("refuses what readXlsxRows refuses, as the same ImportError", async () => {
    for (const name of ["zip-bomb.xlsx", "truncated.xlsx", "not-a-spreadsheet.xlsx"]) {
      const path = fixturePath(`bad/${name}`);
      const inThread = await refusal(readXlsxRowsInThread(path));
      const direct = await refusal(readXlsxRows(path));
      expect(inThread).toBeInstanceOf(ImportError);
      expect(direct).toBeInstanceOf(ImportError);
      const { code, message, details } = inThread as ImportError;
      expect({ code, message, details }).toEqual({
        code: (direct as ImportError).code,
        message: (direct as ImportError).message,
        details: (direct as ImportError).details,
      });
    }
  });

  it("reads no further than a few batches ahead, and stops when the read is abandoned", async () => {
    const path = join(dir, "ahead.xlsx");
    await writeSampleReport(path, 30_000, { compression: 1 });
    const rows = readXlsxRowsInThread(path);
    expect((await rows.next()).done).toBe(false);
    // Unread, the thread waits with the file open: it has not raced to the end and closed it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(isOpen(path)).toBe(true);
    await rows.return(undefined);
    expect(await until(() => !isOpen(path), 5000)).toBe(true);
    // The thread is free again: the next read gets every row.
    expect(await all(readXlsxRowsInThread(path))).toHaveLength(30_001);
  });
});
