import { describe, expect, it } from "vitest";
import { findHeader, normalizeHeader, REQUIRED_FIELDS, SYNONYMS, FIELDS } from "./headers";
import type { Cell, RawRow } from "./types";

function rows(...cells: Cell[][]): RawRow[] {
  return cells.map((row, i) => ({ sheet: "S", row: i + 1, cells: row }));
}

describe("normalizeHeader", () => {
  it("ignores case, accents and punctuation", () => {
    expect(normalizeHeader("  Data Emissão ")).toBe("data emissao");
    expect(normalizeHeader("RAZÓN SOCIAL")).toBe("razon social");
    expect(normalizeHeader("No. Factura")).toBe("no factura");
    expect(normalizeHeader("Nº Factura")).toBe("no factura");
    expect(normalizeHeader("CNPJ/CPF do Cliente")).toBe("cnpj cpf do cliente");
    expect(normalizeHeader("Valor Líquido (R$)")).toBe("valor liquido r");
  });

  it("keeps every synonym in its normalized form and each text for one field", () => {
    const seen = new Map<string, string>();
    for (const field of FIELDS) {
      for (const text of SYNONYMS[field]) {
        expect(normalizeHeader(text)).toBe(text);
        expect(seen.get(text) ?? field).toBe(field);
        seen.set(text, field);
      }
    }
  });
});

describe("findHeader", () => {
  it("finds the English header of a clean report", () => {
    const found = findHeader(
      rows([
        "Invoice Date",
        "Invoice Number",
        "Customer Tax ID",
        "Customer Name",
        "SKU",
        "Product Category",
        "Quantity",
        "Net Amount",
        "Currency",
      ]),
    );
    expect(found).toEqual({
      headerRowIndex: 0,
      headerRow: 1,
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
      headers: [
        "Invoice Date",
        "Invoice Number",
        "Customer Tax ID",
        "Customer Name",
        "SKU",
        "Product Category",
        "Quantity",
        "Net Amount",
        "Currency",
      ],
      missing: [],
    });
  });

  it("finds a Spanish header below title rows", () => {
    const found = findHeader(
      rows(
        ["Reporte de ventas a socios del consorcio — 2026-01"],
        ["Generado: 2026-01-28"],
        [
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
        [
          "28/01/2026",
          "NO-1125",
          "XFH976583S2B",
          "Integra",
          "SKU-686",
          "Cameras",
          38,
          "$15,138.76",
          "MXN",
        ],
      ),
    );
    expect(found?.headerRow).toBe(3);
    expect(found?.headerRowIndex).toBe(2);
    expect(found?.columns).toEqual({
      invoiceDate: 0,
      invoiceNumber: 1,
      customerKey: 2,
      customerName: 3,
      sku: 4,
      category: 5,
      quantity: 6,
      netAmount: 7,
      currency: 8,
    });
  });

  it("finds Portuguese and account-keyed headers", () => {
    const pt = findHeader(
      rows([
        "Data Emissão",
        "Nota Fiscal",
        "CNPJ",
        "Nome",
        "Código",
        "Linha",
        "Quantidade",
        "Valor",
        "Moeda",
      ]),
    );
    expect(pt?.columns).toMatchObject({
      invoiceDate: 0,
      invoiceNumber: 1,
      customerKey: 2,
      customerName: 3,
      category: 5,
      netAmount: 7,
      currency: 8,
    });
    const account = findHeader(
      rows([
        "Date",
        "Invoice",
        "Customer Account",
        "Customer",
        "Item",
        "Category",
        "Qty",
        "Amount",
        "Currency",
      ]),
    );
    expect(account?.columns).toMatchObject({
      invoiceDate: 0,
      invoiceNumber: 1,
      customerKey: 2,
      customerName: 3,
      sku: 4,
      quantity: 6,
      netAmount: 7,
    });
  });

  it("prefers the more specific synonym when a field matches two columns", () => {
    const found = findHeader(
      rows(["Fecha", "Fecha Factura", "Folio", "RFC", "Total", "Subtotal", "Importe Neto"]),
    );
    expect(found?.columns).toEqual({
      invoiceDate: 1,
      invoiceNumber: 2,
      customerKey: 3,
      netAmount: 6,
    });
    const total = findHeader(rows(["Date", "Invoice", "Tax ID", "Total", "Net Amount"]));
    expect(total?.columns.netAmount).toBe(4);
  });

  it("reads headers with a unit or currency attached", () => {
    const found = findHeader(
      rows(["Data de Emissão", "NF-e", "CNPJ do Cliente", "Valor Líquido (R$)"]),
    );
    expect(found?.columns).toEqual({
      invoiceDate: 0,
      invoiceNumber: 1,
      customerKey: 2,
      netAmount: 3,
    });
    expect(
      findHeader(rows(["Date", "Invoice #", "Tax ID", "Net Amount USD"]))?.columns.netAmount,
    ).toBe(3);
  });

  it("lets a saved mapping override the synonyms", () => {
    const sheet = rows(["Col A", "Col B", "Col C", "Total", "Col E"]);
    const found = findHeader(sheet, {
      "col a": "invoiceDate",
      "Col B": "invoiceNumber",
      "COL C": "customerKey",
      "col e": "netAmount",
    });
    expect(found?.columns).toEqual({
      invoiceDate: 0,
      invoiceNumber: 1,
      customerKey: 2,
      netAmount: 4,
    });
    expect(found?.missing).toEqual([]);
  });

  it("prefers a complete header row to a row with more but incomplete matches", () => {
    const found = findHeader(
      rows(
        ["Customer", "Category", "Qty", "Currency", "SKU"],
        ["Date", "Invoice", "RFC", "Amount"],
      ),
    );
    expect(found?.headerRow).toBe(2);
  });

  it("returns an incomplete best guess for the mapping screen, and null when nothing matches", () => {
    const partial = findHeader(rows(["Fecha", "Cliente", "Col C", "Importe"]));
    expect(partial?.missing).toEqual(["invoiceNumber", "customerKey"]);
    expect(findHeader(rows(["Col A", "Col B"], [1, 2]))).toBeNull();
    expect(findHeader([])).toBeNull();
    expect(REQUIRED_FIELDS).toEqual(["invoiceDate", "invoiceNumber", "customerKey", "netAmount"]);
  });
});
