import { describe, expect, it } from "vitest";
import type { ComponentProgram, VolumeProgram } from "./components";
import type { Membership } from "./eligibility";
import {
  computeProgramRun,
  computeRun,
  NOTHING_POSTED,
  postedAfter,
  type ComponentRun,
  type PostedSoFar,
} from "./run";
import { salesCells, type ComponentLine, type SalesCell } from "./sales";
import type { Tier } from "./tiers";
import { codeOf } from "@tests/setup/errors";

// SPEC 3.2: USD, 0 → 100 bp, 100,000.00 → 200 bp, 250,000.00 → 300 bp
const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];
const YEAR = { start: "2026-01-01", end: "2026-12-31" };
const base: VolumeProgram = { ...YEAR, method: "all-units", tiers: SPEC_TIERS, feeBps: 1_000 };

/** One cell: a member's sales of a month in a category. */
function cell(
  memberId: number,
  month: string,
  category: string | null,
  amountMinor: number,
  extra: Partial<SalesCell> = {},
): SalesCell {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return {
    memberId,
    from: `${month}-01`,
    to: `${month}-${String(last.getUTCDate()).padStart(2, "0")}`,
    category,
    amountMinor,
    ...extra,
  };
}

function run(
  program: ComponentProgram,
  month: string,
  sales: SalesCell[],
  alreadyPosted: PostedSoFar = NOTHING_POSTED,
): ComponentRun {
  return computeProgramRun({ program, month, sales, alreadyPosted });
}

const figures = (r: ComponentRun) => [r.grossMinor, r.feeMinor, r.netMinor];
const shares = (r: ComponentRun, name: string) =>
  r.members.map((m) => m.components.find((c) => c.name === name)!.amountMinor);

describe("SPEC 3.7 worked example: a tier, a Q1 cameras bonus and an Access mix bonus", () => {
  const program: ComponentProgram = {
    ...base,
    bonuses: [
      {
        name: "Q1 cameras",
        categories: ["Cameras"],
        start: "2026-01-01",
        end: "2026-03-31",
        rateBps: 150,
      },
      {
        name: "Access mix",
        categories: ["Access"],
        rateBps: 50,
        requires: [
          { category: "Cameras", minVolumeMinor: 5_000_000 },
          { category: "Access", minVolumeMinor: 2_000_000 },
        ],
      },
    ],
  };
  const everyone: Membership = { joinedOn: "2020-01-01", leftOn: null };
  const memberships = new Map([
    [1, everyone],
    [2, everyone],
  ]);
  const line = (
    memberId: number,
    invoiceDate: string,
    category: string,
    amountMinor: number,
  ): ComponentLine => ({
    invoiceDate,
    memberId,
    category,
    amountMinor,
    currency: "USD",
    heldAsDuplicate: false,
  });
  const januaryLines = [
    line(1, "2026-01-12", "Cameras", 4_000_000),
    line(2, "2026-01-20", " cameras ", 1_000_000),
    line(2, "2026-01-28", "Access", 1_000_000),
  ];
  const februaryLines = [
    line(1, "2026-02-03", "Other", 5_000_000),
    line(2, "2026-02-17", "ACCESS", 1_500_000),
  ];
  const noFx = () => undefined;
  const cellsThrough = (lines: ComponentLine[], month: string) =>
    salesCells(
      lines,
      { ...program, currency: "USD", includeCategories: [], excludeCategories: [] },
      memberships,
      noFx,
      month,
    );
  const january = run(program, "2026-01", cellsThrough(januaryLines, "2026-01"));
  const february = run(
    program,
    "2026-02",
    cellsThrough([...januaryLines, ...februaryLines], "2026-02"),
    postedAfter(NOTHING_POSTED, january),
  );

  it("January: tier 60,000.00 at 100 bp, 600.00 / 60.00 / 540.00, shared 360.00 / 180.00", () => {
    expect(january.components[0]).toEqual({
      kind: "tier",
      name: "tier",
      basisMinor: 6_000_000,
      paidVolumeMinor: 6_000_000,
      tierIndex: 0,
      rateBps: 100,
      grossMinor: 60_000,
      feeMinor: 6_000,
      netMinor: 54_000,
    });
    expect(shares(january, "tier")).toEqual([36_000, 18_000]);
  });

  it("January: Q1 cameras 750.00 / 75.00 / 675.00, shared 540.00 / 135.00 by own camera volume", () => {
    expect(january.components[1]).toEqual({
      kind: "bonus",
      name: "Q1 cameras",
      basisMinor: 5_000_000,
      rateBps: 150,
      grossMinor: 75_000,
      feeMinor: 7_500,
      netMinor: 67_500,
    });
    expect(shares(january, "Q1 cameras")).toEqual([54_000, 13_500]);
  });

  it("January: Access mix earns 0 (Access 10,000.00 < 20,000.00) but shows its weights", () => {
    expect(january.components[2]).toEqual({
      kind: "bonus",
      name: "Access mix",
      basisMinor: 1_000_000,
      rateBps: 50,
      requirements: [
        { category: "Cameras", minVolumeMinor: 5_000_000, volumeMinor: 5_000_000, met: true },
        { category: "Access", minVolumeMinor: 2_000_000, volumeMinor: 1_000_000, met: false },
      ],
      grossMinor: 0,
      feeMinor: 0,
      netMinor: 0,
    });
    expect(january.members[1].components[2]).toEqual({
      name: "Access mix",
      weightMinor: 1_000_000,
      amountMinor: 0,
    });
  });

  it("January: A 900.00 / 315.00; posts G 1,350.00, F 135.00", () => {
    expect(
      january.members.map((m) => [m.memberId, m.volumeMinor, m.ytdMinor, m.postingMinor]),
    ).toEqual([
      [1, 4_000_000, 90_000, 90_000],
      [2, 2_000_000, 31_500, 31_500],
    ]);
    expect(figures(january)).toEqual([135_000, 13_500, 121_500]);
    expect(january.posting).toEqual({ grossMinor: 135_000, feeMinor: 13_500, netMinor: 121_500 });
    expect([january.pooledVolumeMinor, january.tierIndex, january.rateBps]).toEqual([
      6_000_000, 0, 100,
    ]);
  });

  it("February: tier 125,000.00 at 200 bp, 2,500.00 / 250.00 / 2,250.00, shared 1,620.00 / 630.00", () => {
    expect(february.components[0]).toMatchObject({
      basisMinor: 12_500_000,
      tierIndex: 1,
      rateBps: 200,
      grossMinor: 250_000,
      feeMinor: 25_000,
      netMinor: 225_000,
    });
    expect(shares(february, "tier")).toEqual([162_000, 63_000]);
  });

  it("February: Q1 cameras unchanged; Access mix met, 125.00 / 12.50 / 112.50, all to member 2", () => {
    expect(february.components[1]).toEqual(january.components[1]);
    expect(shares(february, "Q1 cameras")).toEqual([54_000, 13_500]);
    expect(february.components[2]).toMatchObject({
      basisMinor: 2_500_000,
      grossMinor: 12_500,
      feeMinor: 1_250,
      netMinor: 11_250,
    });
    expect(shares(february, "Access mix")).toEqual([0, 11_250]);
  });

  it("February: A 2,160.00 / 877.50; posts 1,260.00 / 562.50, G 2,025.00, F 202.50", () => {
    expect(february.members.map((m) => [m.ytdMinor, m.postingMinor])).toEqual([
      [216_000, 126_000],
      [87_750, 56_250],
    ]);
    expect(february.posting).toEqual({ grossMinor: 202_500, feeMinor: 20_250, netMinor: 182_250 });
    expect(figures(february)).toEqual([337_500, 33_750, 303_750]);
  });
});

describe("SPEC 3.2 and 3.3 through computeProgramRun (a program without components)", () => {
  it.each([
    [8_000_000, 80_000, 80_000],
    [10_000_000, 200_000, 100_000],
    [18_000_000, 360_000, 260_000],
    [30_000_000, 900_000, 550_000],
  ])("pooled %d earns %d all-units and %d incremental", (volume, allUnits, incremental) => {
    const sales = [cell(1, "2026-03", "Cameras", volume)];
    expect(run(base, "2026-03", sales).grossMinor).toBe(allUnits);
    expect(run({ ...base, method: "incremental" }, "2026-03", sales).grossMinor).toBe(incremental);
  });

  it("January 80,000.00 → 800.00 / 80.00 / 720.00; February 180,000.00 posts 2,800.00 / 280.00 / 2,520.00", () => {
    const january = run(base, "2026-01", [
      cell(1, "2026-01", null, 5_000_000),
      cell(2, "2026-01", null, 3_000_000),
    ]);
    expect(figures(january)).toEqual([80_000, 8_000, 72_000]);
    const february = run(
      base,
      "2026-02",
      [
        cell(1, "2026-01", null, 5_000_000),
        cell(2, "2026-01", null, 3_000_000),
        cell(1, "2026-02", null, 5_000_000),
        cell(3, "2026-02", null, 5_000_000),
      ],
      postedAfter(NOTHING_POSTED, january),
    );
    expect(figures(february)).toEqual([360_000, 36_000, 324_000]);
    expect(february.posting).toEqual({ grossMinor: 280_000, feeMinor: 28_000, netMinor: 252_000 });
    expect(february.components.map((c) => c.name)).toEqual(["tier"]);
  });

  it("splits N = 100.00 among three equal members as 33.34, 33.33, 33.33", () => {
    const equal = run(
      { ...base, feeBps: 0, tiers: [{ thresholdMinor: 0, rateBps: 10 }] },
      "2026-01",
      [1, 2, 3].map((id) => cell(id, "2026-01", null, 3_333_333)),
    );
    // 99,999.99 × 0.1 % = 99.99999… → 100.00
    expect(equal.netMinor).toBe(10_000);
    expect(equal.members.map((m) => m.ytdMinor)).toEqual([3_334, 3_333, 3_333]);
  });

  it("gives exactly computeRun's figures, with one tier component", () => {
    const sales = [
      cell(1, "2026-01", "A", 6_000_000),
      cell(2, "2026-02", "B", 4_000_000),
      cell(3, "2026-02", "A", -100_000),
    ];
    const legacy = computeRun({
      method: "incremental",
      tiers: SPEC_TIERS,
      feeBps: 1_000,
      volume: {
        total: 9_900_000,
        byMember: new Map([
          [1, 6_000_000],
          [2, 4_000_000],
          [3, -100_000],
        ]),
      },
      alreadyPosted: NOTHING_POSTED,
    });
    const { components, members, ...rest } = run(
      { ...base, method: "incremental" },
      "2026-02",
      sales,
    );
    expect({ ...rest, members: members.map(({ components: _, ...m }) => m) }).toEqual(legacy);
    expect(components).toHaveLength(1);
  });
});

describe("computeProgramRun refuses what it cannot compute", () => {
  it("a program whose components are invalid", () => {
    const program: ComponentProgram = {
      ...base,
      bonuses: [{ name: "X", rateBps: 10, perUnitMinor: 5 }],
    };
    expect(codeOf(() => run(program, "2026-01", []))).toBe("components_invalid");
    expect(() => run(program, "2026-01", [])).toThrow(
      'The program\'s components are invalid: Bonus 1 ("X") pays either a rate (rateBps) or an amount per unit (perUnitMinor), not both.',
    );
  });

  it("a month outside the program, a bad fee, a bad tier schedule", () => {
    expect(codeOf(() => run(base, "2027-01", []))).toBe("run_month_outside_program");
    expect(codeOf(() => run({ ...base, feeBps: -1 }, "2026-01", []))).toBe("fee_bps_invalid");
    expect(codeOf(() => run({ ...base, tiers: [] }, "2026-01", []))).toBe("tier_schedule_invalid");
  });

  it("sales after the run month or across a bonus window's edge", () => {
    expect(codeOf(() => run(base, "2026-01", [cell(1, "2026-02", null, 5)]))).toBe(
      "component_input_invalid",
    );
    const windowed: ComponentProgram = {
      ...base,
      bonuses: [{ name: "Spring", start: "2026-03-15", rateBps: 10 }],
    };
    expect(() => run(windowed, "2026-03", [cell(1, "2026-03", null, 5)])).toThrow(
      'Sales of 2026-03-01 to 2026-03-31 cross the edge of bonus "Spring" on 2026-03-15: they must be split there.',
    );
    expect(
      run(windowed, "2026-03", [
        { ...cell(1, "2026-03", null, 5), to: "2026-03-14" },
        { ...cell(1, "2026-03", null, 7), from: "2026-03-15" },
      ]).components[1].basisMinor,
    ).toBe(7);
  });

  it("earlier postings that do not balance", () => {
    const unbalanced: PostedSoFar = { grossMinor: 100, feeMinor: 10, byMember: new Map([[1, 80]]) };
    expect(codeOf(() => run(base, "2026-01", [], unbalanced))).toBe("journal_unbalanced");
  });
});
