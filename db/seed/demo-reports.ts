// The demo consortium's supplier reports: six months of deterministic sales per supplier, written
// as real suppliers send them (a clean XLSX, a Spanish XLSX with a title and a totals row, a
// Portuguese semicolon CSV with decimal commas, an XLSX keyed by customer account), so the demo
// goes through the same pipeline as real uploads.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";

export const DEMO_MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
/** The month whose report is sent again, corrected, after its run was posted. */
export const DEMO_CORRECTION = { supplier: "axion", month: "2026-09" } as const;

export type DemoSupplierKey = "axion" | "norte" | "paulista" | "andes";

export interface DemoCustomer {
  /** The key as the supplier writes it (tax id or, for andes, its customer account). */
  key: string;
  name: string;
  /** Relative size of its purchases. */
  weight: number;
}

export interface DemoLine {
  date: string;
  invoice: string;
  key: string;
  name: string;
  sku: string;
  category: string;
  quantity: number;
  amountMinor: number;
  currency: string;
}

/** Customers of the demo who are not members: their lines wait in the matching queue. */
const OUTSIDERS: Record<DemoSupplierKey, DemoCustomer[]> = {
  axion: [{ key: "XAXX010101000", name: "Público en General", weight: 1 }],
  norte: [{ key: "SIN050505AB1", name: "Sistemas Independientes del Norte", weight: 1 }],
  paulista: [{ key: "98.765.432/0001-10", name: "Eletro Varejo Ltda", weight: 1 }],
  andes: [
    { key: "C-99999", name: "Walk-in customer", weight: 1 },
    { key: "C-77777", name: "Segurança Acesso 97", weight: 1 },
  ],
};

/** The andes account of the i-th member: the supplier keys its customers by account. */
export const andesAccount = (i: number) => `C-${10007 + 7 * i}`;

/** A supplier's customers: the members it sells to (by country), then a few outsiders. */
export function customersOf(
  supplier: DemoSupplierKey,
  members: readonly { name: string; taxId: string; country: string }[],
): DemoCustomer[] {
  const own = members
    .map((m, i) => ({ m, i }))
    .filter(({ m }) =>
      supplier === "norte"
        ? m.country === "MX"
        : supplier === "paulista"
          ? m.country === "BR"
          : true,
    )
    .map(({ m, i }) => ({
      key: supplier === "andes" ? andesAccount(i) : m.taxId,
      name: m.name,
      weight: 1 + (i % 4),
    }));
  return [...own, ...OUTSIDERS[supplier]];
}

function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUPPLIER_SEED: Record<DemoSupplierKey, number> = {
  axion: 11,
  norte: 23,
  paulista: 37,
  andes: 41,
};
const CATEGORIES: Record<DemoSupplierKey, string[]> = {
  axion: ["Cameras", "Recorders", "Access Control", "Freight"],
  norte: ["Cableado", "Canalización", "Conectores"],
  paulista: ["Automação", "Sensores", "Serviços"],
  andes: ["Networking", "Wireless", "Switching"],
};
/** Typical line amount in the supplier's currency, in minor units. */
const LINE_SIZE: Record<DemoSupplierKey, number> = {
  axion: 180_000,
  norte: 2_600_000,
  paulista: 650_000,
  andes: 150_000,
};

/**
 * The lines of one supplier's month: 30 to 40 invoices spread over the month's days, each to a
 * customer drawn by weight. `corrected` is the second version of a month: one amount fixed, one
 * invoice that had been left out added.
 */
export function demoLines(
  supplier: DemoSupplierKey,
  month: string,
  currency: string,
  customers: DemoCustomer[],
  corrected = false,
): DemoLine[] {
  const monthIndex = DEMO_MONTHS.indexOf(month);
  const random = randomSource(SUPPLIER_SEED[supplier] * 100 + monthIndex);
  const [year, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const totalWeight = customers.reduce((a, c) => a + c.weight, 0);
  const pick = () => {
    let r = random() * totalWeight;
    for (const c of customers) if ((r -= c.weight) < 0) return c;
    return customers[customers.length - 1];
  };
  const count = 30 + Math.floor(random() * 11);
  const prefix = supplier.slice(0, 2).toUpperCase();
  const lines: DemoLine[] = [];
  for (let i = 0; i < count; i++) {
    const customer = pick();
    const day = 1 + Math.floor(random() * days);
    // Volume grows through the year, so tiers are crossed along the way.
    const growth = 1 + monthIndex * 0.08;
    const amountMinor = Math.round(LINE_SIZE[supplier] * growth * (0.3 + random() * 1.4));
    // Andes bills some orders in pesos: those lines are converted at the month's FX rate.
    const pesos = supplier === "andes" && random() < 0.12;
    lines.push({
      date: `${month}-${String(day).padStart(2, "0")}`,
      invoice: `${prefix}-${month.replace("-", "")}-${String(i + 1).padStart(3, "0")}`,
      key: customer.key,
      name: customer.name,
      sku: `${prefix}-${100 + Math.floor(random() * 40)}`,
      category: CATEGORIES[supplier][Math.floor(random() * CATEGORIES[supplier].length)],
      quantity: 1 + Math.floor(random() * 20),
      amountMinor:
        (random() < 0.04 ? -Math.round(amountMinor / 5) : amountMinor) * (pesos ? 17 : 1),
      currency: pesos ? "MXN" : currency,
    });
  }
  lines.sort((a, b) => a.date.localeCompare(b.date) || a.invoice.localeCompare(b.invoice));
  if (corrected) {
    lines[0] = { ...lines[0], amountMinor: lines[0].amountMinor + 1_250_00 };
    const last = lines[lines.length - 1];
    lines.push({
      ...last,
      invoice: `${prefix}-${month.replace("-", "")}-999`,
      amountMinor: 2_400_00,
    });
  }
  return lines;
}

const decimal = (minor: number) => minor / 100;

function brazilianAmount(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}${units},${String(abs % 100).padStart(2, "0")}`;
}

const dmy = (iso: string) => iso.split("-").reverse().join("/");
const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function writeXlsx(
  path: string,
  build: (sheet: ExcelJS.Worksheet) => void,
  sheetName: string,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet(sheetName));
  await workbook.xlsx.writeFile(path);
}

/** Writes the month's report in the supplier's own format; returns its file name. */
export async function writeDemoReport(
  dir: string,
  supplier: DemoSupplierKey,
  month: string,
  lines: DemoLine[],
  version = 1,
): Promise<string> {
  const suffix = version > 1 ? `-v${version}` : "";
  if (supplier === "paulista") {
    const header =
      "Data emissão;Nota fiscal;CNPJ cliente;Nome;Código;Linha;Quantidade;Valor líquido";
    const rows = lines.map((l) =>
      [
        dmy(l.date),
        l.invoice,
        l.key,
        l.name,
        l.sku,
        l.category,
        l.quantity,
        brazilianAmount(l.amountMinor),
      ].join(";"),
    );
    const file = `paulista-${month}${suffix}.csv`;
    await writeFile(join(dir, file), `${[header, ...rows].join("\r\n")}\r\n`, "utf8");
    return file;
  }
  const file = `${supplier}-${month}${suffix}.xlsx`;
  const path = join(dir, file);
  if (supplier === "norte") {
    await writeXlsx(
      path,
      (sheet) => {
        sheet.addRow([`Norte Cableado — reporte de ventas ${month}`]);
        sheet.addRow([]);
        sheet.addRow([
          "Fecha factura",
          "Folio",
          "RFC cliente",
          "Razón social",
          "Código",
          "Familia",
          "Cantidad",
          "Importe neto",
        ]);
        for (const l of lines)
          sheet.addRow([
            dmy(l.date),
            l.invoice,
            l.key,
            l.name,
            l.sku,
            l.category,
            l.quantity,
            decimal(l.amountMinor),
          ]);
        const total = lines.reduce((a, l) => a + l.amountMinor, 0);
        sheet.addRow(["Total", null, null, null, null, null, null, decimal(total)]);
      },
      "Ventas",
    );
    return file;
  }
  const keyHeader = supplier === "andes" ? "Customer Account" : "Customer Tax ID";
  await writeXlsx(
    path,
    (sheet) => {
      sheet.addRow([
        "Invoice Date",
        "Invoice Number",
        keyHeader,
        "Customer Name",
        "SKU",
        "Category",
        "Qty",
        "Net Amount",
        "Currency",
      ]);
      for (const l of lines)
        sheet.addRow([
          utcDate(l.date),
          l.invoice,
          l.key,
          l.name,
          l.sku,
          l.category,
          l.quantity,
          decimal(l.amountMinor),
          l.currency,
        ]);
      sheet.getColumn(1).numFmt = "yyyy-mm-dd";
    },
    "Sales",
  );
  return file;
}
