import { describe, expect, it } from "vitest";
import { postingComponents, type ComponentShare } from "./statement-components";

// SPEC 3.7's worked example, member 2: January A = 180.00 (tier) + 135.00 (Q1 cameras) + 0
// (Access mix) = 315.00; February A = 630.00 + 135.00 + 112.50 = 877.50, posting 562.50.
const january: ComponentShare[] = [
  { kind: "tier", name: "tier", amountMinor: 18_000 },
  { kind: "bonus", name: "Q1 cameras", amountMinor: 13_500 },
  { kind: "bonus", name: "Access mix", amountMinor: 0 },
];
const february: ComponentShare[] = [
  { kind: "tier", name: "tier", amountMinor: 63_000 },
  { kind: "bonus", name: "Q1 cameras", amountMinor: 13_500 },
  { kind: "bonus", name: "Access mix", amountMinor: 11_250 },
];
const shares = new Map([
  [1, january],
  [2, february],
]);

describe("postingComponents", () => {
  it("splits the first posting into the shares themselves", () => {
    expect(postingComponents({ runId: 1, amountMinor: 31_500 }, [1, 2], shares)).toEqual(january);
  });

  it("splits February's 562.50 into 450.00 of tier, 0 of cameras and 112.50 of the mix", () => {
    expect(postingComponents({ runId: 2, amountMinor: 56_250 }, [2, 1], shares)).toEqual([
      { kind: "tier", name: "tier", amountMinor: 45_000 },
      { kind: "bonus", name: "Q1 cameras", amountMinor: 0 },
      { kind: "bonus", name: "Access mix", amountMinor: 11_250 },
    ]);
  });

  it("a true-up run of the same month is split against the run before it", () => {
    const rerun: ComponentShare[] = [
      { kind: "tier", name: "tier", amountMinor: 62_000 },
      { kind: "bonus", name: "Q1 cameras", amountMinor: 13_500 },
      { kind: "bonus", name: "Access mix", amountMinor: 11_250 },
    ];
    const all = new Map([...shares, [5, rerun]]);
    expect(postingComponents({ runId: 5, amountMinor: -1_000 }, [1, 2, 5], all)).toEqual([
      { kind: "tier", name: "tier", amountMinor: -1_000 },
      { kind: "bonus", name: "Q1 cameras", amountMinor: 0 },
      { kind: "bonus", name: "Access mix", amountMinor: 0 },
    ]);
  });

  it("what a run without components posted before is the tier's: the rest goes to it", () => {
    // Run 1 was plain and posted 300.00; run 2 has components summing to 877.50: posting 577.50.
    const only = new Map([[2, february]]);
    const parts = postingComponents({ runId: 2, amountMinor: 57_750 }, [1, 2], only)!;
    expect(parts).toEqual([
      { kind: "tier", name: "tier", amountMinor: 33_000 },
      { kind: "bonus", name: "Q1 cameras", amountMinor: 13_500 },
      { kind: "bonus", name: "Access mix", amountMinor: 11_250 },
    ]);
    expect(parts.reduce((a, p) => a + p.amountMinor, 0)).toBe(57_750);
  });

  it("a posting of a plain run, or of no run, has no components", () => {
    expect(postingComponents({ runId: 9, amountMinor: 100 }, [9], shares)).toBeNull();
    expect(postingComponents({ runId: null, amountMinor: 100 }, [], shares)).toBeNull();
  });
});
