import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readReport } from "./read-report";
import { buildTemplate, templateHeaders, type TemplateLanguage } from "./template";
import type { ParsedLine } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-template-"));

describe("buildTemplate", () => {
  it.each([
    ["en", "USD", 123450, -20000],
    ["es", "MXN", 123450, -20000],
    ["pt-BR", "BRL", 123450, -20000],
    ["es", "CLP", 1234, -200],
  ] as const)(
    "round-trips the %s template (%s) through readReport",
    async (lang, currency, first, second) => {
      const path = join(dir, `template-${lang}-${currency}.xlsx`);
      writeFileSync(path, await buildTemplate(lang as TemplateLanguage, currency));
      const lines: ParsedLine[] = [];
      const summary = await readReport(path, {
        originalName: "template.xlsx",
        dateOrder: "dmy",
        defaultCurrency: currency,
        today: "2026-02-01",
        period: "2026-01",
        onLine: (line) => {
          lines.push(line);
        },
      });
      expect(summary.headers).toEqual(templateHeaders(lang));
      expect(Object.keys(summary.columns)).toHaveLength(9);
      expect(summary.errorCount).toBe(0);
      expect(
        lines.map((l) => [
          l.invoiceDate,
          l.invoiceNumber,
          l.customerKey,
          l.quantity,
          l.amountMinor,
          l.currency,
        ]),
      ).toEqual([
        ["2026-01-15", "EX-1001", "EXAMPLE0001", 10, first, currency],
        ["2026-01-20", "EX-1002", "EXAMPLE0002", 20, second, currency],
      ]);
    },
  );

  it("validates dates and amounts and carries an instructions sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildTemplate("pt-BR", "BRL")) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Vendas", "Instruções"]);
    const validations = (
      workbook.worksheets[0] as unknown as {
        dataValidations: { model: Record<string, { type: string }> };
      }
    ).dataValidations.model;
    expect(validations.A2?.type).toBe("date");
    expect(validations.H2?.type).toBe("decimal");
    expect(validations.H10000?.type).toBe("decimal");
    expect(String(workbook.worksheets[1].getCell("A1").value)).toContain(
      "Uma linha por item de nota fiscal",
    );
  });
});
