// Claim uploads: one XML, or a ZIP read entry by entry with the spreadsheets' byte budgets. A ZIP
// refused as a whole is refused before any reading is given; an entry's problem is its reading.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildZip } from "@tests/setup/claim-zip";
import { cfdiXml, nfeXml } from "@tests/setup/claim-invoices";
import { ImportError } from "../errors";
import { readClaimUpload, readClaimUploadAll, type InvoiceReading } from "./index";

const MIB = 1024 * 1024;
const invoice = (n: number) =>
  cfdiXml({ folio: String(n), uuid: `5F7415B9-6983-4570-94D2-${String(n).padStart(12, "0")}` });

async function refusalOf(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("not refused");
}

const summary = (readings: InvoiceReading[]) =>
  readings.map((r) => (r.ok ? `${r.file}: ${r.invoice.number}` : `${r.file}: ${r.error.code}`));

describe("readClaimUpload", () => {
  it("reads a single XML as one reading, whatever its name", async () => {
    const readings = await readClaimUploadAll("factura.XML", Buffer.from(invoice(1)));
    expect(summary(readings)).toEqual(["factura.XML: AX-1"]);
  });

  it("reads every file of a ZIP in order, in folders too, and reports progress", async () => {
    const zip = buildZip([
      { name: "A.xml", content: invoice(1) },
      { name: "facturas/enero/B.xml", content: invoice(2), stored: true },
      { name: "nfe.xml", content: nfeXml() },
    ]);
    const progress: string[] = [];
    const readings = await readClaimUploadAll("bulk.zip", zip, {
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(summary(readings)).toEqual([
      "A.xml: AX-1",
      "facturas/enero/B.xml: AX-2",
      "nfe.xml: 45001",
    ]);
    expect(progress).toEqual(["0/3", "1/3", "2/3", "3/3"]);
  });

  it("passes over folders and operating-system leftovers, and refuses other entries one by one", async () => {
    const zip = buildZip([
      { name: "facturas/", content: "" },
      { name: "__MACOSX/._A.xml", content: Buffer.from([0, 5, 22, 7, 0, 2]) },
      { name: ".DS_Store", content: Buffer.from([0, 0, 0, 1, 66, 117]) },
      { name: "A.xml", content: invoice(1) },
      { name: "A.pdf", content: "%PDF-1.4\n1 0 obj" },
      { name: "inner.zip", content: buildZip([{ name: "X.xml", content: invoice(9) }]) },
      { name: "notes.txt", content: "pagadas" },
    ]);
    const readings = await readClaimUploadAll("bulk.zip", zip);
    expect(summary(readings)).toEqual([
      "A.xml: AX-1",
      "A.pdf: invoice_not_xml",
      "inner.zip: invoice_not_xml",
      "notes.txt: invoice_not_xml",
    ]);
    const nested = readings[2];
    expect(!nested.ok && nested.error.message).toBe(
      '"inner.zip" is a ZIP inside the ZIP; it was not opened. Upload it on its own.',
    );
  });

  it("stops inflating an entry at the size it declares, and refuses only that entry", async () => {
    const lying = "<a>" + "x".repeat(4 * MIB) + "</a>";
    const zip = buildZip([
      { name: "liar.xml", content: lying, declaredSize: 5_000 },
      { name: "A.xml", content: invoice(1) },
    ]);
    const before = process.memoryUsage().rss;
    const readings = await readClaimUploadAll("bulk.zip", zip);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MIB);
    expect(summary(readings)).toEqual(["liar.xml: zip_entry_refused", "A.xml: AX-1"]);
    const [liar] = readings;
    expect(!liar.ok && liar.error.message).toBe(
      '"liar.xml" inflates to more than the 5,000 bytes the ZIP declares for it; it looks like a zip bomb and was not read.',
    );
    const stored = buildZip([
      { name: "s.xml", content: invoice(1), stored: true, declaredSize: 100 },
    ]);
    expect(summary(await readClaimUploadAll("s.zip", stored))).toEqual([
      "s.xml: zip_entry_refused",
    ]);
  });

  it("refuses an entry declared over one invoice's size unread, and a damaged, encrypted or bzip2 entry", async () => {
    const zip = buildZip([
      { name: "big.xml", content: invoice(1) + " ".repeat(8_000) },
      { name: "short.xml", content: invoice(2), declaredSize: 5_000 },
      { name: "secret.xml", content: invoice(3), encrypted: true },
      { name: "bz.xml", content: invoice(4), method: 12 },
    ]);
    const readings = await readClaimUploadAll("bulk.zip", zip, { maxInvoiceBytes: 8_000 });
    expect(readings.map((r) => !r.ok && [r.error.code, r.error.params])).toEqual([
      ["invoice_too_large", { file: "big.xml", what: "bytes", max: 8_000 }],
      ["zip_entry_refused", { file: "short.xml", cause: "damaged" }],
      ["zip_entry_refused", { file: "secret.xml", cause: "encrypted" }],
      ["zip_entry_refused", { file: "bz.xml", cause: "method" }],
    ]);
  });

  it("refuses the whole ZIP before any reading: names out of the archive", async () => {
    for (const name of [
      "../../evil.xml",
      "/etc/cron.d/x.xml",
      "C:/Windows/x.xml",
      "a\\..\\..\\x.xml",
    ]) {
      const zip = buildZip([
        { name: "A.xml", content: invoice(1) },
        { name, content: invoice(2) },
      ]);
      const given: InvoiceReading[] = [];
      const error = await refusalOf(
        (async () => {
          for await (const reading of readClaimUpload("bulk.zip", zip)) given.push(reading);
        })(),
      );
      expect(given).toEqual([]);
      expect(error.code).toBe("claims_zip_refused");
      expect(error.params).toEqual({ kind: "unsafe_name", entry: name.replace(/\\/g, "/") });
    }
  });

  it("refuses the whole ZIP for SPEC 4.6's limits by its directory, before inflating", async () => {
    const bomb = buildZip([{ name: "zeros.xml", content: Buffer.alloc(2 * MIB) }], 9);
    const ratio = await refusalOf(readClaimUploadAll("bomb.zip", bomb));
    expect(ratio.code).toBe("claims_zip_bomb");
    expect(ratio.params).toMatchObject({ cause: "ratio", part: "zeros.xml", maxRatio: 100 });
    // Declared sizes over 500 MiB in all, each entry's ratio under 100 (1.1 MB declaring 100 MiB).
    const chunk = randomBytes(1_100_000);
    const entries = Array.from({ length: 6 }, (_, i) => ({
      name: `${i}.xml`,
      content: chunk,
      stored: true,
      declaredSize: 100 * MIB,
    }));
    const total = await refusalOf(readClaimUploadAll("total.zip", buildZip(entries)));
    expect(total.params).toEqual({ cause: "total", part: "5.xml", maxBytes: 500 * MIB });
    expect(total.message).toBe(
      'The files in the ZIP expand to more than 500 MB (reached at "5.xml"); the ZIP looks like a zip bomb and was not opened.',
    );
  });

  it("refuses too many files, no file, a damaged directory and an upload over 50 MiB", async () => {
    const five = buildZip(
      Array.from({ length: 5 }, (_, i) => ({ name: `${i}.xml`, content: invoice(i) })),
    );
    const many = await refusalOf(readClaimUploadAll("many.zip", five, { maxFiles: 4 }));
    expect(many.message).toBe(
      "The ZIP file holds 5 files; at most 4 are read in one upload. Split it into smaller ZIP files.",
    );
    const empty = await refusalOf(
      readClaimUploadAll("e.zip", buildZip([{ name: "d/", content: "" }])),
    );
    expect(empty.params).toEqual({ kind: "no_files" });
    const cut = await refusalOf(readClaimUploadAll("cut.zip", five.subarray(0, five.length - 30)));
    expect(cut.params).toEqual({ kind: "damaged" });
    const large = await refusalOf(readClaimUploadAll("x.zip", five, { maxUploadBytes: 1000 }));
    expect(large.code).toBe("claims_upload_too_large");
    expect(large.params).toEqual({ maxBytes: 1000, actual: five.length });
  });

  it("reads 10,000 entries, the most a ZIP may hold, and refuses 10,001", async () => {
    const small = (n: number) => ({ name: `${n}.xml`, content: `<a>${n}</a>`, stored: true });
    const max = buildZip(Array.from({ length: 10_000 }, (_, i) => small(i)));
    const readings = await readClaimUploadAll("max.zip", max);
    expect(readings).toHaveLength(10_000);
    const over = buildZip(Array.from({ length: 10_001 }, (_, i) => small(i)));
    const error = await refusalOf(readClaimUploadAll("over.zip", over));
    expect(error.params).toEqual({ kind: "too_many_files", maxFiles: 10_000, actual: 10_001 });
  }, 30_000);
});
