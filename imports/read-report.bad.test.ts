import { describe, expect, it } from "vitest";
import { fixturePath } from "@tests/setup/fixtures";
import { keyFields, read, refusal } from "@tests/setup/read-report";

describe("readReport refuses bad files with a clear message", () => {
  it.each([
    ["bad/truncated.xlsx", "truncated_file"],
    ["bad/not-a-spreadsheet.xlsx", "not_a_spreadsheet"],
    ["bad/empty.csv", "file_empty"],
    ["bad/zip-bomb.xlsx", "zip_bomb"],
  ])("%s → %s", async (file, code) => {
    const error = await refusal(fixturePath(file));
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(15);
  });

  it("gives the first rows for the mapping screen when no header is recognized", async () => {
    const error = await refusal(fixturePath("bad/unknown-headers.xlsx"));
    expect(error.code).toBe("header_not_found");
    expect(error.message).toBe(
      "We could not find the header row in the first 30 rows of any sheet (no column found for: invoice date, " +
        "invoice number, customer tax id or account, net amount). Tell us once which column holds what; we will remember it.",
    );
    expect(error.details?.missing).toEqual([
      "invoiceDate",
      "invoiceNumber",
      "customerKey",
      "netAmount",
    ]);
    expect(error.details?.firstRows).toEqual([
      {
        sheet: "Sales",
        row: 1,
        cells: ["Col A", "Col B", "Col C", "Col D", "Col E", "Col F", "Col G", "Col H", "Col I"],
      },
      {
        sheet: "Sales",
        row: 2,
        cells: [
          new Date("2026-03-02T00:00:00Z"),
          "F-1",
          "ABC010101XYZ",
          "Needs a mapping",
          "SKU-1",
          "Cameras",
          2,
          1500.5,
          "USD",
        ],
      },
    ]);
  });

  it("reads the same file once the supplier has mapped its columns", async () => {
    const mapping = {
      "col a": "invoiceDate",
      "col b": "invoiceNumber",
      "col c": "customerKey",
      "col d": "customerName",
      "col e": "sku",
      "col f": "category",
      "col g": "quantity",
      "col h": "netAmount",
      "col i": "currency",
    } as const;
    const { lines } = await read(fixturePath("bad/unknown-headers.xlsx"), { mapping });
    expect(lines.map(keyFields)).toEqual([
      {
        invoiceDate: "2026-03-02",
        invoiceNumber: "F-1",
        customerKey: "ABC010101XYZ",
        customerName: "Needs a mapping",
        sku: "SKU-1",
        category: "Cameras",
        quantity: 2,
        amountMinor: 150050,
        currency: "USD",
      },
    ]);
  });

  it("bad-values.xlsx: one good line and one error per bad row, at the right row and column", async () => {
    const { summary, lines } = await read(fixturePath("bad/bad-values.xlsx"), {
      today: "2026-03-10",
    });
    expect(lines.map((l) => [l.row, l.invoiceNumber, l.amountMinor])).toEqual([[2, "F-1", 150050]]);
    expect(summary.problems.map((p) => [p.row, p.column, p.severity, p.code])).toEqual([
      [3, "Invoice Date", "error", "invalid_date"],
      [4, "Net Amount", "error", "invalid_amount"],
      [5, "Invoice Number", "error", "missing_value"],
      [6, "Customer Tax ID", "error", "missing_value"],
      [7, "Invoice Date", "error", "future_date"],
      [8, "Currency", "error", "unknown_currency"],
    ]);
    expect(summary.problems.map((p) => p.message)).toEqual([
      'Row 3, column "Invoice Date": "32/13/2026" is not a valid date (use dd/mm/yyyy or yyyy-mm-dd).',
      'Row 4, column "Net Amount": "twelve" is not a valid amount (write it like 1,234.56).',
      'Row 5, column "Invoice Number": the invoice number is missing.',
      'Row 6, column "Customer Tax ID": the customer tax id or account is missing.',
      'Row 7, column "Invoice Date": the invoice date 2099-01-01 is after today (2026-03-10).',
      'Row 8, column "Currency": "XYZ" is not a currency we know. Use a 3-letter code such as USD, MXN or BRL.',
    ]);
    expect(summary).toMatchObject({
      rows: 7,
      lines: 1,
      errorCount: 6,
      warningCount: 0,
      totalsByCurrency: { USD: 150050 },
    });
  });
});

describe("readReport on tricky files", () => {
  it("accepts formula-looking texts and keeps them as text", async () => {
    const { summary, lines } = await read(fixturePath("tricky/formula-injection.xlsx"));
    expect(summary.errorCount).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      invoiceNumber: '=HYPERLINK("http://example.invalid","x")',
      customerName: "@SUM(1+1)*cmd|' /C calc'!A0",
      sku: "+SKU",
      category: "-Cameras",
    });
  });

  it("accepts a header-only CSV as a nil report, with a warning", async () => {
    const { summary, lines } = await read(fixturePath("tricky/header-only.csv"));
    expect(lines).toEqual([]);
    expect(summary.rows).toBe(0);
    expect(summary.problems).toEqual([
      {
        sheet: "CSV",
        row: 1,
        column: "",
        severity: "warning",
        code: "nil_report",
        message: "The report has no sales lines: it is recorded as a nil report for the month.",
      },
    ]);
  });
});
