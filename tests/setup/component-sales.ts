// A small consortium for the program editor's tests (SPEC 3.7): one USD supplier, two members,
// and January and February 2026 reports with categories and quantities, uploaded over the API;
// and the figures a growth program with a bonus earns on them, worked by hand.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiClient } from "./http";
import { ingest } from "./reports";
import { postMembers } from "./scenario";

export const MEMBERS = [
  {
    name: "Seguridad 97",
    taxId: "SEG970101AB1",
    country: "MX",
    joinedOn: "2020-01-01",
    leftOn: null,
  },
  {
    name: "Vigilancia 10",
    taxId: "VIG100101CD2",
    country: "MX",
    joinedOn: "2020-01-01",
    leftOn: null,
  },
] as const;

type Sale = { member: 0 | 1; date: string; category: string; qty: number; amountMinor: number };

/** The lines of each month (amounts in cents), as the reports carry them. */
export const SALES: Record<string, Sale[]> = {
  "2026-01": [
    { member: 0, date: "2026-01-10", category: "Cameras", qty: 10, amountMinor: 4_000_000 },
    { member: 1, date: "2026-01-12", category: "Cameras", qty: 4, amountMinor: 1_000_000 },
    { member: 1, date: "2026-01-20", category: "Access", qty: 20, amountMinor: 1_000_000 },
  ],
  "2026-02": [
    { member: 0, date: "2026-02-03", category: "Other", qty: 5, amountMinor: 5_000_000 },
    { member: 1, date: "2026-02-17", category: "Access", qty: 30, amountMinor: 1_500_000 },
  ],
};

const decimal = (minor: number) =>
  `${Math.trunc(minor / 100)}.${String(Math.abs(minor) % 100).padStart(2, "0")}`;

/** Creates the supplier and members, uploads the months' reports; returns their ids. */
export async function componentSales(admin: ApiClient, dir: string, months = Object.keys(SALES)) {
  const supplier = await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" });
  const members = await postMembers(admin, MEMBERS);
  const supplierId = supplier.body.id as number;
  for (const month of months) {
    const path = join(dir, `axion-${month}.csv`);
    writeFileSync(
      path,
      [
        "Invoice Date;Invoice;Tax ID;Customer;SKU;Category;Qty;Net Amount",
        ...SALES[month].map((s, i) =>
          [
            s.date,
            `AX-${month}-${i}`,
            MEMBERS[s.member].taxId,
            MEMBERS[s.member].name,
            `SKU-${s.category}`,
            s.category,
            s.qty,
            decimal(s.amountMinor),
          ].join(";"),
        ),
      ].join("\n"),
    );
    const report = await ingest(admin, path, month, supplierId);
    if (report.status !== "active") throw new Error(`report ${month}: ${JSON.stringify(report)}`);
  }
  return { supplierId, memberIds: members.body.map((m: { id: number }) => m.id) as number[] };
}

/** Half away from zero of `minor × bps / 10000`, for figures worked independently of the engine. */
export const bpsOf = (minor: number, bps: number) => Math.round((minor * bps) / 10_000);

/** Year-to-date sums of SALES through `month`: pooled, by member, by category, units by category. */
export function ytd(month: string) {
  const lines = Object.entries(SALES)
    .filter(([m]) => m <= month)
    .flatMap(([, l]) => l);
  const sum = (keep: (s: Sale) => boolean, of: (s: Sale) => number = (s) => s.amountMinor) =>
    lines.filter(keep).reduce((a, s) => a + of(s), 0);
  return { lines, sum };
}
