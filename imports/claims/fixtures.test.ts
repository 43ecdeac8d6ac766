// Every file of ../shared/fixtures/claims read as a member uploads it: what expected.json says the
// reader decides (refusals of unreadable files, skipped documents, number, UUID or access key,
// date, currency, amount, lines) is exactly what the reader gives. The bad/ files are refused
// with a clear message, and nothing but a coded ImportError ever comes out.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { normalizeCustomerKey } from "@imports/values";
import {
  READER_REFUSALS,
  claimExpectations,
  expectedReaderView,
  readClaimFixture,
  readerView,
} from "@tests/setup/claim-fixtures";
import { ImportError, isImportError } from "../errors";
import { readClaimUploadAll, readInvoiceFile } from "./index";

const expectations = claimExpectations();

describe("claim fixtures, as expected.json says", () => {
  it.each(expectations.uploads.map((upload) => [upload.file, upload] as const))(
    "%s",
    async (_file, upload) => {
      const readings = await readClaimUploadAll(
        upload.file.replace(/^.*\//, ""),
        readClaimFixture(upload.file),
      );
      expect(readings.map((reading) => reading.file)).toEqual(
        upload.invoices.map((invoice) => invoice.file),
      );
      readings.forEach((reading, i) => {
        const expected = upload.invoices[i];
        expect(readerView(reading, expected)).toEqual(expectedReaderView(expected));
        if (!reading.ok) {
          expect(reading.error.message).toContain(`"${expected.file}"`);
          return;
        }
        const { invoice } = reading;
        // The issuer finds its supplier by the supplier's normalized tax ids.
        const issuers = expected.supplier
          ? expectations.suppliers[expected.supplier].taxIds
          : [expectations.nonPreferredIssuer.taxId];
        expect(issuers.map(normalizeCustomerKey)).toContain(invoice.issuerTaxId);
        // Claims made (reported, pending) are addressed to the member who uploads them.
        if (expected.outcome === "pending" || expected.outcome === "reported") {
          expect(invoice.receiverTaxId).toBe(normalizeCustomerKey(upload.memberTaxId));
          expect(invoice.lines.reduce((sum, line) => sum + line.netMinor, 0)).toBe(
            expected.amountMinor,
          );
        }
        expect(invoice.documentKey).toBe(expected.uuid ?? expected.accessKey);
      });
    },
  );

  it("reads the CFDI versions, kinds and numbers as written", async () => {
    const credit = readInvoiceFile("c.xml", readClaimFixture("cfdi/credit-note-NCA-7005.xml"));
    expect(credit.ok && credit.invoice).toMatchObject({
      format: "cfdi40",
      kind: "credit_note",
      skipped: null,
      number: "NCA-7005",
      normalizedNumber: "NCA7005",
      numberKeys: ["NCA7005", "7005", "783229594D4940BAA8C485B3E47A5F97"],
      netMinor: -123700,
      lines: [
        {
          sku: "SKU-124",
          description: "Grabador NVR 16 canales PoE, 4K",
          quantity: -1,
          netMinor: -123700,
        },
      ],
    });
    const [cfdi33] = (
      await readClaimUploadAll("sat.zip", readClaimFixture("sat-bulk-2026-03.zip"))
    ).slice(2);
    expect(cfdi33.ok && cfdi33.invoice.format).toBe("cfdi33");
    const payment = readInvoiceFile("p.xml", readClaimFixture("cfdi/payment-P-7006.xml"));
    expect(payment.ok && payment.invoice).toMatchObject({
      skipped: "payment",
      currency: "USD",
      netMinor: 0,
      lines: [],
    });
    const nfe = readInvoiceFile("n.xml", readClaimFixture("nfe/paulista-NF-45001.xml"));
    expect(nfe.ok && nfe.invoice).toMatchObject({
      format: "nfe400",
      issuerTaxId: "61432118000183",
      receiverTaxId: "30844132000171",
      number: "45001",
      numberKeys: ["45001", "145001"],
      uuid: null,
      issuedOn: "2026-02-20",
    });
  });

  it("gives the NF-e return refused with its message, and the invoice read for display", () => {
    const reading = readInvoiceFile(
      "paulista-NF-45017-return.xml",
      readClaimFixture("nfe/paulista-NF-45017-return.xml"),
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.error.code).toBe("nfe_not_normal");
    expect(reading.error.message).toBe(
      '"paulista-NF-45017-return.xml" is a return (devolução), not a normal sale (finNFe 1); ' +
        "only normal NF-e can be claimed.",
    );
    expect(reading.invoice).toMatchObject({
      number: "45017",
      accessKey: "35260361432118000183550010000450171619820139",
      issuerTaxId: "61432118000183",
      issuedOn: "2026-03-11",
    });
  });

  it("says where the cut-short XML ends", () => {
    const reading = readInvoiceFile(
      "malformed-AX-7008.xml",
      readClaimFixture("cfdi/malformed-AX-7008.xml"),
    );
    expect(!reading.ok && reading.error.message).toBe(
      'The XML of "malformed-AX-7008.xml" is cut short: it ends before its elements close (line 4). ' +
        "Download the invoice again.",
    );
    expect(Object.keys(READER_REFUSALS)).toHaveLength(2);
  });
});

describe("bad/: every hostile file refused with a clear message, nothing else escaping", () => {
  const refusals: Record<string, { code: string; message: string }> = {
    "bad/xxe-passwd.xml": {
      code: "invoice_dtd",
      message:
        '"xxe-passwd.xml" declares a DTD (<!DOCTYPE>), which electronic invoices never do and which ' +
        "can be used to read or flood the server; it was refused unread.",
    },
    "bad/billion-laughs.xml": {
      code: "invoice_dtd",
      message:
        '"billion-laughs.xml" declares a DTD (<!DOCTYPE>), which electronic invoices never do and which ' +
        "can be used to read or flood the server; it was refused unread.",
    },
    "bad/invoice-pdf.xml": {
      code: "invoice_not_xml",
      message:
        '"invoice-pdf.xml" is a PDF, not the invoice\'s XML. Upload the XML file the supplier sent ' +
        "(the PDF is only its printed form), or type the claim and attach the PDF as proof.",
    },
    "bad/zip-slip.zip": {
      code: "claims_zip_refused",
      message:
        'The ZIP file holds an entry named "../../evil.xml", a path out of the archive, which only ' +
        "attacks use; nothing of it was read.",
    },
    "bad/zip-bomb.zip": {
      code: "claims_zip_bomb",
      message:
        'The file "37A27AE7-AC41-41A7-8682-3532B13397AC.xml" in the ZIP would expand 991 times ' +
        "(the limit is 100); the ZIP looks like a zip bomb and was not opened.",
    },
  };

  it("covers every file of bad/", () => {
    expect(Object.keys(refusals).sort()).toEqual(Object.keys(expectations.bad).sort());
  });

  it.each(Object.entries(refusals))("%s", async (file, refusal) => {
    const name = file.replace("bad/", "");
    const started = performance.now();
    let error: unknown = null;
    let readings: Awaited<ReturnType<typeof readClaimUploadAll>> = [];
    try {
      readings = await readClaimUploadAll(name, readClaimFixture(file));
    } catch (thrown) {
      error = thrown;
    }
    expect(performance.now() - started).toBeLessThan(2_000);
    if (file.endsWith(".zip")) {
      // The whole upload is refused before any invoice of it is read.
      expect(isImportError(error)).toBe(true);
      expect(readings).toEqual([]);
      const refused = error as ImportError;
      expect({ code: refused.code, message: refused.message }).toEqual(refusal);
      return;
    }
    expect(error).toBeNull();
    expect(readings).toHaveLength(1);
    const [reading] = readings;
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.error).toBeInstanceOf(ImportError);
    expect({ code: reading.error.code, message: reading.error.message }).toEqual(refusal);
    expect(reading.error.message).not.toContain("root:"); // /etc/passwd was never read
  });
});
