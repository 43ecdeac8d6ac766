// The sane date window on report lines (decision 042): an invoice before 2000 is a row error.
import { describe, expect, it } from "vitest";
import { validateRow, type ValidationContext } from "./validate";
import type { Cell } from "./types";

const columns = { invoiceDate: 0, invoiceNumber: 1, customerKey: 2, netAmount: 3 };
const ctx: ValidationContext = {
  dateOrder: "dmy",
  decimalSeparator: ".",
  defaultCurrency: "USD",
  today: "2026-03-10",
  period: "2026-03",
  headers: ["Date", "Invoice", "Tax id", "Amount"],
};
const row = (date: Cell, key: Cell = "XPY714465W4B") =>
  validateRow({ sheet: "Sales", row: 4, cells: [date, "F-1", key, 100] }, columns, ctx);

describe("invoice dates outside 2000-01-01..2099-12-31", () => {
  it("are row errors that name the window", () => {
    for (const date of ["1999-12-31", "31/12/1999", new Date(Date.UTC(1950, 0, 1))]) {
      const result = row(date);
      expect(result.line).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({
          column: "Date",
          severity: "error",
          code: "date_out_of_range",
          message: expect.stringContaining("(2000-01-01 to 2099-12-31)"),
        }),
      ]);
    }
  });

  it("leave the window's first day alone", () => {
    expect(row("2000-01-01").line?.invoiceDate).toBe("2000-01-01");
  });
});

describe("customer keys", () => {
  it("lose invisible characters, and keep look-alike letters so they never match", () => {
    expect(row("2026-03-01", "XPY714465W4B\u200b").line?.customerKey).toBe("XPY714465W4B");
    expect(row("2026-03-01", "\u0425PY714465W4B").line?.customerKey).toBe("\u0425PY714465W4B");
  });

  it("that are only invisible characters are missing", () => {
    expect(row("2026-03-01", "\u200b").problems).toEqual([
      expect.objectContaining({ code: "missing_value", severity: "error" }),
    ]);
  });
});
