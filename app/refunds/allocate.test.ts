import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateLargestRemainder } from "./allocate";
import { codeOf } from "@tests/setup/errors";

const entries = (map: Map<number, number>) => [...map];

describe("allocateLargestRemainder", () => {
  it("SPEC 3.3: 100.00 among three equal members → 33.34, 33.33, 33.33", () => {
    const shares = allocateLargestRemainder(10_000, [
      { id: 1, weight: 500 },
      { id: 2, weight: 500 },
      { id: 3, weight: 500 },
    ]);
    expect(entries(shares)).toEqual([
      [1, 3_334],
      [2, 3_333],
      [3, 3_333],
    ]);
  });

  it("gives leftover cents to the largest remainders first", () => {
    // 100 cents by 1:1:1:3 → exact 16.67 × 3 and 50: two cents left, to the two smallest ids of the tie
    const shares = allocateLargestRemainder(100, [
      { id: 1, weight: 1 },
      { id: 2, weight: 1 },
      { id: 3, weight: 1 },
      { id: 4, weight: 3 },
    ]);
    expect(entries(shares)).toEqual([
      [1, 17],
      [2, 17],
      [3, 16],
      [4, 50],
    ]);
    // 0.10 by 2:3:5:7 (Σ 17): exact 1.176, 1.765, 2.941, 4.118 → 1, 2, 3, 4
    expect(
      entries(
        allocateLargestRemainder(10, [
          { id: 10, weight: 2 },
          { id: 11, weight: 3 },
          { id: 12, weight: 5 },
          { id: 13, weight: 7 },
        ]),
      ),
    ).toEqual([
      [10, 1],
      [11, 2],
      [12, 3],
      [13, 4],
    ]);
  });

  it("breaks a remainder tie by the larger weight", () => {
    // 0.02 by 1:3 → exact 0.5 and 1.5: floors 0 and 1, equal remainders, one cent left
    expect(
      entries(
        allocateLargestRemainder(2, [
          { id: 1, weight: 1 },
          { id: 2, weight: 3 },
        ]),
      ),
    ).toEqual([
      [1, 0],
      [2, 2],
    ]);
  });

  it("breaks a remainder and weight tie by the smaller member id", () => {
    // 0.02 by 1:1:2 → exact 0.5, 0.5, 1.0: one cent left for members 9 and 4
    expect(
      entries(
        allocateLargestRemainder(2, [
          { id: 9, weight: 1 },
          { id: 4, weight: 1 },
          { id: 7, weight: 2 },
        ]),
      ),
    ).toEqual([
      [9, 0],
      [4, 1],
      [7, 1],
    ]);
    // 0.03 by 1:1:1:1:2 → exact 0.5 × 4 and 1.0: two cents left, to the two smallest ids
    const shares = allocateLargestRemainder(3, [
      { id: 4, weight: 1 },
      { id: 3, weight: 1 },
      { id: 2, weight: 1 },
      { id: 1, weight: 1 },
      { id: 5, weight: 2 },
    ]);
    expect(entries(shares)).toEqual([
      [4, 0],
      [3, 0],
      [2, 1],
      [1, 1],
      [5, 1],
    ]);
  });

  it("gives nothing to members with weight zero or less", () => {
    const shares = allocateLargestRemainder(1_000, [
      { id: 1, weight: 300 },
      { id: 2, weight: 0 },
      { id: 3, weight: -200 },
      { id: 4, weight: 100 },
    ]);
    expect(entries(shares)).toEqual([
      [1, 750],
      [2, 0],
      [3, 0],
      [4, 250],
    ]);
  });

  it("splits a clawback pool as the mirror image of the refund", () => {
    const weights = [
      { id: 1, weight: 500 },
      { id: 2, weight: 500 },
      { id: 3, weight: 500 },
    ];
    expect(entries(allocateLargestRemainder(-10_000, weights))).toEqual([
      [1, -3_334],
      [2, -3_333],
      [3, -3_333],
    ]);
  });

  it("splits a pool of 0 as zeros", () => {
    expect(
      entries(
        allocateLargestRemainder(0, [
          { id: 1, weight: 5 },
          { id: 2, weight: -5 },
        ]),
      ),
    ).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });

  it("returns an empty map when nobody has a positive weight", () => {
    expect(
      allocateLargestRemainder(500, [
        { id: 1, weight: 0 },
        { id: 2, weight: -3 },
      ]).size,
    ).toBe(0);
    expect(allocateLargestRemainder(0, []).size).toBe(0);
  });

  it("stays exact when N × v_i passes 2^53", () => {
    const shares = allocateLargestRemainder(9_000_000_000_000, [
      { id: 1, weight: 8_000_000_000_000 },
      { id: 2, weight: 1_000_000_000_000 },
    ]);
    expect(entries(shares)).toEqual([
      [1, 8_000_000_000_000],
      [2, 1_000_000_000_000],
    ]);
  });

  it("tells apart remainders one unit apart past 2^53, where doubles tie", () => {
    // Remainders of members 1 and 2 are 18,433,375,371,909,857 and …858: the same double. The
    // cent is member 2's by its remainder, though member 1 weighs more and has the smaller id.
    const shares = allocateLargestRemainder(155_848_606, [
      { id: 1, weight: 3_600_357_024_045_095 },
      { id: 2, weight: 3_600_356_845_168_758 },
      { id: 3, weight: 5_169_228_474_655_592 },
      { id: 4, weight: 5_169_228_474_655_592 },
      { id: 5, weight: 5_169_228_474_655_592 },
      { id: 6, weight: 5_169_228_474_655_594 },
    ]);
    expect(entries(shares)).toEqual([
      [1, 20_127_631],
      [2, 20_127_631],
      [3, 28_898_336],
      [4, 28_898_336],
      [5, 28_898_336],
      [6, 28_898_336],
    ]);
  });

  it("refuses duplicate members and fractional weights", () => {
    expect(
      codeOf(() =>
        allocateLargestRemainder(1, [
          { id: 1, weight: 1 },
          { id: 1, weight: 2 },
        ]),
      ),
    ).toBe("allocation_weights_invalid");
    expect(codeOf(() => allocateLargestRemainder(1, [{ id: 1, weight: 1.5 }]))).toBe(
      "allocation_weights_invalid",
    );
  });

  it("always sums to N to the cent, each share within a cent of the exact one", () => {
    const weightList = fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 10_000 }),
        weight: fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }),
      }),
      { selector: (w) => w.id, maxLength: 30 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        weightList,
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights);
          const positive = weights.filter((w) => w.weight > 0);
          if (positive.length === 0) {
            expect(shares.size).toBe(0);
            return;
          }
          expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(total);
          const sum = positive.reduce((a, w) => a + BigInt(w.weight), 0n);
          for (const { id, weight } of weights) {
            const share = BigInt(shares.get(id)!);
            if (weight <= 0) {
              expect(share).toBe(0n);
              continue;
            }
            const gap = share * sum - BigInt(total) * BigInt(weight);
            expect((gap < 0n ? -gap : gap) < sum).toBe(true);
          }
        },
      ),
    );
  });
});
