import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRunMonth, computeRun, NOTHING_POSTED, postedAfter, type PostedSoFar } from "./run";
import type { Tier } from "./tiers";
import type { PooledVolume } from "./pooled";
import { validSchedule } from "@tests/setup/arbitraries";
import { codeOf } from "@tests/setup/errors";

const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];

function volumeOf(byMember: [number, number][]): PooledVolume {
  return { total: byMember.reduce((sum, [, v]) => sum + v, 0), byMember: new Map(byMember) };
}

describe("SPEC 3.3 worked example: January, then February's true-up", () => {
  const base = { method: "all-units" as const, tiers: SPEC_TIERS, feeBps: 1_000 };
  // January: 80,000.00 pooled (member 1: 50,000.00, member 2: 30,000.00)
  const january = computeRun({
    ...base,
    volume: volumeOf([
      [1, 5_000_000],
      [2, 3_000_000],
    ]),
    alreadyPosted: NOTHING_POSTED,
  });
  // February: 180,000.00 pooled (member 1 buys 50,000.00 more, member 3 buys 50,000.00)
  const february = computeRun({
    ...base,
    volume: volumeOf([
      [1, 10_000_000],
      [2, 3_000_000],
      [3, 5_000_000],
    ]),
    alreadyPosted: postedAfter(NOTHING_POSTED, january),
  });

  it("January: G 800.00, F 80.00, N 720.00", () => {
    expect(january).toEqual({
      pooledVolumeMinor: 8_000_000,
      tierIndex: 0,
      rateBps: 100,
      grossMinor: 80_000,
      feeMinor: 8_000,
      netMinor: 72_000,
      posting: { grossMinor: 80_000, feeMinor: 8_000, netMinor: 72_000 },
      members: [
        { memberId: 1, volumeMinor: 5_000_000, ytdMinor: 45_000, postingMinor: 45_000 },
        { memberId: 2, volumeMinor: 3_000_000, ytdMinor: 27_000, postingMinor: 27_000 },
      ],
    });
  });

  it("February: G 3,600.00, F 360.00, N 3,240.00; posts G 2,800.00, F 280.00, N 2,520.00", () => {
    expect(february).toEqual({
      pooledVolumeMinor: 18_000_000,
      tierIndex: 1,
      rateBps: 200,
      grossMinor: 360_000,
      feeMinor: 36_000,
      netMinor: 324_000,
      posting: { grossMinor: 280_000, feeMinor: 28_000, netMinor: 252_000 },
      members: [
        { memberId: 1, volumeMinor: 10_000_000, ytdMinor: 180_000, postingMinor: 135_000 },
        { memberId: 2, volumeMinor: 3_000_000, ytdMinor: 54_000, postingMinor: 27_000 },
        { memberId: 3, volumeMinor: 5_000_000, ytdMinor: 90_000, postingMinor: 90_000 },
      ],
    });
  });

  it("of February's gross posting, 800.00 is January's volume lifted from 1 % to 2 %", () => {
    const februaryOwnVolumeAt2Percent = 200_000; // 100,000.00 × 2 %
    expect(february.posting.grossMinor - februaryOwnVolumeAt2Percent).toBe(80_000);
    // member 2 bought nothing in February: its whole posting is the lift
    expect(february.members[1].postingMinor).toBe(27_000);
  });
});

describe("computeRun", () => {
  it("claws back from a member whose volume went away, and keeps listing it", () => {
    const first = computeRun({
      method: "incremental",
      tiers: SPEC_TIERS,
      feeBps: 1_000,
      volume: volumeOf([
        [1, 6_000_000],
        [2, 4_000_000],
      ]),
      alreadyPosted: NOTHING_POSTED,
    });
    expect(first.netMinor).toBe(90_000);
    // a corrected report turns member 2's purchases into nothing and gives member 3 a credit note
    const second = computeRun({
      method: "incremental",
      tiers: SPEC_TIERS,
      feeBps: 1_000,
      volume: volumeOf([
        [1, 6_000_000],
        [3, -100_000],
      ]),
      alreadyPosted: postedAfter(NOTHING_POSTED, first),
    });
    expect(second).toEqual({
      pooledVolumeMinor: 5_900_000,
      tierIndex: 0,
      rateBps: 100,
      grossMinor: 59_000,
      feeMinor: 5_900,
      netMinor: 53_100,
      posting: { grossMinor: -41_000, feeMinor: -4_100, netMinor: -36_900 },
      members: [
        { memberId: 1, volumeMinor: 6_000_000, ytdMinor: 53_100, postingMinor: -900 },
        { memberId: 2, volumeMinor: 0, ytdMinor: 0, postingMinor: -36_000 },
        { memberId: 3, volumeMinor: -100_000, ytdMinor: 0, postingMinor: 0 },
      ],
    });
  });

  it("earns and posts nothing on a negative pooled volume", () => {
    const run = computeRun({
      method: "all-units",
      tiers: SPEC_TIERS,
      feeBps: 500,
      volume: volumeOf([[4, -2_000]]),
      alreadyPosted: NOTHING_POSTED,
    });
    expect(run.grossMinor).toBe(0);
    expect(run.posting).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
    expect(run.members).toEqual([
      { memberId: 4, volumeMinor: -2_000, ytdMinor: 0, postingMinor: 0 },
    ]);
  });

  it("rounds the fee half away from zero", () => {
    // G = round(12,345.67 × 1 %) = 123.46; F = 123.46 × 12.5 % = 15.4325 → 15.43
    const run = computeRun({
      method: "all-units",
      tiers: SPEC_TIERS,
      feeBps: 1_250,
      volume: volumeOf([[1, 1_234_567]]),
      alreadyPosted: NOTHING_POSTED,
    });
    expect([run.grossMinor, run.feeMinor, run.netMinor]).toEqual([12_346, 1_543, 10_803]);
  });

  it("refuses a bad fee, an inconsistent volume, and unbalanced earlier postings", () => {
    const input = {
      method: "all-units" as const,
      tiers: SPEC_TIERS,
      feeBps: 1_000,
      volume: volumeOf([[1, 100]]),
    };
    expect(
      codeOf(() => computeRun({ ...input, feeBps: 10_001, alreadyPosted: NOTHING_POSTED })),
    ).toBe("fee_bps_invalid");
    expect(
      codeOf(() =>
        computeRun({
          ...input,
          volume: { total: 5, byMember: new Map([[1, 4]]) },
          alreadyPosted: NOTHING_POSTED,
        }),
      ),
    ).toBe("allocation_weights_invalid");
    const unbalanced: PostedSoFar = { grossMinor: 100, feeMinor: 10, byMember: new Map([[1, 80]]) };
    expect(codeOf(() => computeRun({ ...input, alreadyPosted: unbalanced }))).toBe(
      "journal_unbalanced",
    );
  });

  it("posts nothing when run again over what it already posted", () => {
    const byMemberArb = fc.uniqueArray(
      fc.tuple(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: -50_000_000, max: 500_000_000 }),
      ),
      { selector: ([id]) => id, maxLength: 15 },
    );
    fc.assert(
      fc.property(
        validSchedule,
        fc.constantFrom("all-units" as const, "incremental" as const),
        fc.integer({ min: 0, max: 10_000 }),
        byMemberArb,
        byMemberArb,
        (tiers, method, feeBps, earlier, now) => {
          const before = computeRun({
            method,
            tiers,
            feeBps,
            volume: volumeOf(earlier),
            alreadyPosted: NOTHING_POSTED,
          });
          const posted = postedAfter(NOTHING_POSTED, before);
          const run = computeRun({
            method,
            tiers,
            feeBps,
            volume: volumeOf(now),
            alreadyPosted: posted,
          });
          const again = computeRun({
            method,
            tiers,
            feeBps,
            volume: volumeOf(now),
            alreadyPosted: postedAfter(posted, run),
          });
          expect(again.posting).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
          for (const member of again.members) expect(member.postingMinor).toBe(0);
          const ytdAgain = new Map(again.members.map((m) => [m.memberId, m.ytdMinor]));
          for (const member of run.members)
            expect(ytdAgain.get(member.memberId) ?? 0).toBe(member.ytdMinor);
          const memberPostings = run.members.reduce((sum, m) => sum + m.postingMinor, 0);
          expect(memberPostings).toBe(run.posting.netMinor);
        },
      ),
    );
  });
});

describe("checkRunMonth", () => {
  const program = { start: "2026-01-01", end: "2026-12-31" };

  it("lets the first run be any month of the program", () => {
    expect(checkRunMonth("2026-01", program, null)).toBe("first");
    expect(checkRunMonth("2026-07", program, null)).toBe("first");
    expect(checkRunMonth("2026-12", program, null)).toBe("first");
  });

  it("then moves forward one month, or trues up the last posted month", () => {
    expect(checkRunMonth("2026-04", program, "2026-03")).toBe("next");
    expect(checkRunMonth("2026-03", program, "2026-03")).toBe("true-up");
  });

  it("refuses to skip a month or go back, naming the months", () => {
    expect(codeOf(() => checkRunMonth("2026-05", program, "2026-03"))).toBe(
      "run_month_out_of_order",
    );
    expect(codeOf(() => checkRunMonth("2026-02", program, "2026-03"))).toBe(
      "run_month_out_of_order",
    );
    expect(() => checkRunMonth("2026-05", program, "2026-03")).toThrow(
      "A run for 2026-05 cannot be posted: the last posted run is for 2026-03, so the next one must be for 2026-04 or a true-up of 2026-03.",
    );
  });

  it("refuses months outside the program", () => {
    expect(codeOf(() => checkRunMonth("2025-12", program, null))).toBe("run_month_outside_program");
    expect(codeOf(() => checkRunMonth("2027-01", program, "2026-12"))).toBe(
      "run_month_outside_program",
    );
    expect(() => checkRunMonth("2027-01", program, null)).toThrow(
      "The run month 2027-01 is outside the program, which runs from 2026-01-01 to 2026-12-31.",
    );
    const midYear = { start: "2025-07-15", end: "2026-07-14" };
    expect(checkRunMonth("2025-07", midYear, null)).toBe("first");
    expect(checkRunMonth("2026-07", midYear, "2026-06")).toBe("next");
  });

  it("refuses a malformed month", () => {
    expect(codeOf(() => checkRunMonth("2026-3", program, null))).toBe("date_invalid");
  });
});
