import { describe, expect, it } from "vitest";
import { expectedLine, fixturePath, loadTruth } from "@tests/setup/fixtures";
import { keyFields, read } from "@tests/setup/read-report";

const truth = loadTruth();

const reports = truth.suppliers.flatMap((supplier) =>
  Object.entries(supplier.reports).map(([month, file]) => ({
    supplier,
    month,
    file,
    lines: truth.lines.filter(
      (line) => line.supplier === supplier.key && line.reportMonth === month,
    ),
  })),
);
const axion = truth.suppliers.find((s) => s.key === "axion")!;
reports.push({
  supplier: axion,
  month: truth.correction.month,
  file: truth.correction.file,
  lines: truth.correction.lines,
});

describe("readReport on the Q1 scenario", () => {
  it.each(reports.map((r) => [r.file, r] as const))(
    "reads %s exactly as truth.json",
    async (_file, report) => {
      const { summary, lines } = await read(fixturePath(`scenario-q1/reports/${report.file}`), {
        dateOrder: report.supplier.dateOrder,
        defaultCurrency: report.supplier.currency,
        period: report.month,
      });
      expect(lines.map(keyFields)).toEqual(report.lines.map(expectedLine));
      expect(summary.rows).toBe(report.lines.length);
      expect(summary.errorCount).toBe(0);
      const expectedTotal = report.lines.reduce((sum, line) => sum + line.amountMinor, 0);
      expect(summary.totalsByCurrency).toEqual({ [report.supplier.currency]: expectedTotal });
      // Every warning is an invoice of an earlier month carried by this report.
      const earlier = report.lines.filter(
        (line) => !line.invoiceDate.startsWith(report.month),
      ).length;
      expect(summary.problems.map((p) => p.code)).toEqual(
        new Array(earlier).fill("date_outside_period"),
      );
    },
  );

  it("describes where it found the columns", async () => {
    const { summary } = await read(fixturePath("scenario-q1/reports/norte-2026-01.xlsx"), {
      period: "2026-01",
      defaultCurrency: "MXN",
    });
    expect(summary).toMatchObject({
      format: "xlsx",
      sheet: "Reporte",
      headerRow: 4,
      headers: [
        "Fecha Factura",
        "Folio",
        "RFC Cliente",
        "Razón Social",
        "Código",
        "Familia",
        "Cantidad",
        "Importe",
        "Moneda",
      ],
      columns: {
        invoiceDate: 0,
        invoiceNumber: 1,
        customerKey: 2,
        customerName: 3,
        sku: 4,
        category: 5,
        quantity: 6,
        netAmount: 7,
        currency: 8,
      },
      rows: 36,
      lines: 36,
      decimalSeparator: ".",
      totalsByCurrency: { MXN: 196006079 }, // the file's own TOTAL row says $1,960,060.79
    });
    const paulista = await read(fixturePath("scenario-q1/reports/paulista-2026-01.csv"), {
      period: "2026-01",
      defaultCurrency: "BRL",
    });
    expect(paulista.summary).toMatchObject({
      format: "csv",
      sheet: "CSV",
      headerRow: 1,
      decimalSeparator: ",",
    });
  });

  it("reports progress, ending at 1", async () => {
    const calls: Array<[number, number]> = [];
    await read(fixturePath("scenario-q1/reports/axion-2026-01.xlsx"), {
      onProgress: (rows, fraction) => calls.push([rows, fraction]),
    });
    expect(calls.at(-1)).toEqual([55, 1]);
  });
});
