import { describe, expect, it } from "vitest";
import { validateRow, type ValidationContext } from "./validate";
import type { Cell } from "./types";

const headers = [
  "Fecha",
  "Factura",
  "RFC",
  "Cliente",
  "SKU",
  "Familia",
  "Cantidad",
  "Importe",
  "Moneda",
];
const columns = {
  invoiceDate: 0,
  invoiceNumber: 1,
  customerKey: 2,
  customerName: 3,
  sku: 4,
  category: 5,
  quantity: 6,
  netAmount: 7,
  currency: 8,
};
const ctx: ValidationContext = {
  dateOrder: "dmy",
  decimalSeparator: ".",
  defaultCurrency: "MXN",
  today: "2026-03-10",
  period: "2026-03",
  headers,
};

function check(cells: Cell[], overrides: Partial<ValidationContext> = {}) {
  return validateRow({ sheet: "Ventas", row: 7, cells }, columns, { ...ctx, ...overrides });
}

const good: Cell[] = [
  "05/03/2026",
  "F-1",
  "abc-010101 xyz",
  "Cliente SA",
  "SKU-1",
  "Cámaras",
  3,
  "$1,234.50",
  "mxn",
];

describe("validateRow", () => {
  it("turns a good row into a line", () => {
    expect(check(good)).toEqual({
      line: {
        sheet: "Ventas",
        row: 7,
        invoiceDate: "2026-03-05",
        invoiceNumber: "F-1",
        customerKey: "ABC010101XYZ",
        customerKeyRaw: "abc-010101 xyz",
        customerName: "Cliente SA",
        sku: "SKU-1",
        category: "Cámaras",
        quantity: 3,
        amountMinor: 123450,
        currency: "MXN",
      },
      problems: [],
    });
  });

  it("uses the supplier's currency when the row has none, and its minor unit", () => {
    const result = check(["05/03/2026", 1001, "X1", null, null, null, 1, 1500, null], {
      defaultCurrency: "CLP",
    });
    expect(result.line).toMatchObject({
      invoiceNumber: "1001",
      amountMinor: 1500,
      currency: "CLP",
      customerName: null,
      sku: null,
    });
  });

  it("reports an unreadable date", () => {
    const result = check(["31/02/2026", ...good.slice(1)]);
    expect(result.line).toBeUndefined();
    expect(result.problems).toEqual([
      {
        sheet: "Ventas",
        row: 7,
        column: "Fecha",
        severity: "error",
        code: "invalid_date",
        message:
          'Row 7, column "Fecha": "31/02/2026" is not a valid date (use dd/mm/yyyy or yyyy-mm-dd).',
      },
    ]);
  });

  it("reports an unreadable amount", () => {
    const result = check([...good.slice(0, 7), "doce", "MXN"]);
    expect(result.problems.map((p) => [p.code, p.column, p.severity, p.message])).toEqual([
      [
        "invalid_amount",
        "Importe",
        "error",
        'Row 7, column "Importe": "doce" is not a valid amount (write it like 1,234.56).',
      ],
    ]);
  });

  it("reports each missing required value", () => {
    const result = check([null, "  ", null, "x", null, null, 1, null, null]);
    expect(result.line).toBeUndefined();
    expect(result.problems.map((p) => [p.code, p.column, p.message])).toEqual([
      ["missing_value", "Fecha", 'Row 7, column "Fecha": the invoice date is missing.'],
      ["missing_value", "Factura", 'Row 7, column "Factura": the invoice number is missing.'],
      ["missing_value", "RFC", 'Row 7, column "RFC": the customer tax id or account is missing.'],
      ["missing_value", "Importe", 'Row 7, column "Importe": the net amount is missing.'],
    ]);
  });

  it("refuses a customer key made only of punctuation", () => {
    expect(check([good[0], good[1], "--", ...good.slice(3)]).problems.map((p) => p.code)).toEqual([
      "missing_value",
    ]);
  });

  it("refuses an invoice dated after the upload day", () => {
    const result = check(["11/03/2026", ...good.slice(1)]);
    expect(result.problems).toEqual([
      {
        sheet: "Ventas",
        row: 7,
        column: "Fecha",
        severity: "error",
        code: "future_date",
        message: 'Row 7, column "Fecha": the invoice date 2026-03-11 is after today (2026-03-10).',
      },
    ]);
  });

  it("refuses an unknown currency", () => {
    const result = check([...good.slice(0, 8), "XYZ"]);
    expect(result.line).toBeUndefined();
    expect(result.problems.map((p) => [p.code, p.column, p.message])).toEqual([
      [
        "unknown_currency",
        "Moneda",
        'Row 7, column "Moneda": "XYZ" is not a currency we know. Use a 3-letter code such as USD, MXN or BRL.',
      ],
    ]);
  });

  it("accepts common currency symbols", () => {
    expect(check([...good.slice(0, 8), "R$"]).line?.currency).toBe("BRL");
  });

  it("warns, and keeps the line, for a date outside the declared month", () => {
    const result = check(["28/02/2026", ...good.slice(1)]);
    expect(result.line?.invoiceDate).toBe("2026-02-28");
    expect(result.problems).toEqual([
      {
        sheet: "Ventas",
        row: 7,
        column: "Fecha",
        severity: "warning",
        code: "date_outside_period",
        message: `Row 7, column "Fecha": the invoice date 2026-02-28 is outside the report's month (2026-03); it counts in its own month.`,
      },
    ]);
  });

  it("warns, and keeps the line, for a missing or unreadable quantity", () => {
    const missing = check([...good.slice(0, 6), null, ...good.slice(7)]);
    expect(missing.line?.quantity).toBeNull();
    expect(missing.problems.map((p) => [p.severity, p.code, p.message])).toEqual([
      ["warning", "quantity_missing", 'Row 7, column "Cantidad": the quantity is missing.'],
    ]);
    const text = check([...good.slice(0, 6), "some", ...good.slice(7)]);
    expect(text.problems.map((p) => p.code)).toEqual(["invalid_quantity"]);
  });

  it("names the field when the file has no header text for the column", () => {
    const result = validateRow(
      { sheet: "S", row: 3, cells: [null, "F", "K", 5] },
      { invoiceDate: 0, invoiceNumber: 1, customerKey: 2, netAmount: 3 },
      { ...ctx, headers: undefined },
    );
    expect(result.problems[0].column).toBe("invoice date");
    expect(result.problems[0].message).toBe(
      'Row 3, column "invoice date": the invoice date is missing.',
    );
  });

  it("reads amounts with the file's decimal comma", () => {
    expect(
      check([...good.slice(0, 7), "1.234,56", "BRL"], { decimalSeparator: "," }).line?.amountMinor,
    ).toBe(123456);
  });
});
