// The demo's programs with components (SPEC 3.7), over the same reports as the plain programs:
// a growth program on Axion judged against a year of prior-year Axion reports, a program on Andes
// with a Q3 SPIFF on a category and a per-unit bonus on SKUs, and a program on Norte whose mix
// bonus switches on in August while a second one is still short in October.
import { DEMO_MONTHS, demoLines, type DemoCustomer, type DemoLine } from "./demo-reports";

export type DemoComponentProgram = {
  supplier: "axion" | "andes" | "norte";
  terms: Record<string, unknown>;
};

/** The prior year's months of Axion reports the growth program is judged against. */
export const DEMO_PRIOR_MONTHS = DEMO_MONTHS.map(
  (m) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`,
);

/** Last year the group bought 94 % of this year's lines (memberships change the rest). */
const PRIOR_YEAR_PERCENT = 94;

export const DEMO_COMPONENT_PROGRAMS: DemoComponentProgram[] = [
  {
    supplier: "axion",
    terms: {
      name: "Axion Growth 2026",
      basis: "growth",
      method: "all-units",
      tiers: [
        { thresholdBps: 0, rateBps: 50 },
        { thresholdBps: 300, rateBps: 125 },
        { thresholdBps: 600, rateBps: 200 },
      ],
      growthPays: "whole",
    },
  },
  {
    supplier: "andes",
    terms: {
      name: "Andes Wireless & Switching 2026",
      method: "all-units",
      tiers: [
        { thresholdMinor: 0, rateBps: 50 },
        { thresholdMinor: 20_000_000, rateBps: 100 },
      ],
      bonuses: [
        {
          name: "Q3 Wireless SPIFF",
          categories: ["Wireless"],
          start: "2026-07-01",
          end: "2026-09-30",
          rateBps: 200,
        },
        {
          name: "Switch units",
          skus: ["AN-120", "AN-121", "AN-122", "AN-123", "AN-124", "AN-125"],
          perUnitMinor: 150,
        },
      ],
    },
  },
  {
    supplier: "norte",
    terms: {
      name: "Norte Mix 2026",
      method: "all-units",
      tiers: [
        { thresholdMinor: 0, rateBps: 50 },
        { thresholdMinor: 400_000_000, rateBps: 100 },
      ],
      bonuses: [
        {
          name: "Conectores mix",
          categories: ["Conectores"],
          rateBps: 100,
          requires: [
            { category: "Cableado", minVolumeMinor: 50_000_000 },
            { category: "Conectores", minVolumeMinor: 100_000_000 },
          ],
        },
        {
          name: "Canalización mix",
          categories: ["Canalización"],
          rateBps: 100,
          requires: [{ category: "Canalización", minVolumeMinor: 165_000_000 }],
        },
      ],
    },
  },
];

/**
 * Axion's report for a month of last year: the same month's lines a year earlier, at 94 % of
 * their amounts, with last year's invoice numbers.
 */
export function priorYearLines(month: string, customers: DemoCustomer[]): DemoLine[] {
  const thisYear = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`;
  return demoLines("axion", thisYear, "USD", customers).map((l) => ({
    ...l,
    date: `${month}${l.date.slice(7)}`,
    invoice: l.invoice.replace(thisYear.replace("-", ""), month.replace("-", "")),
    amountMinor: Math.round((l.amountMinor * PRIOR_YEAR_PERCENT) / 100),
  }));
}
