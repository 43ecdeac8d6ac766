import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { assembleStatement, explainPosting, type PayableLine, type PostedRun } from "./statement";

const run = (runId: number, month: string, tierIndex: number, rateBps: number): PostedRun => ({
  runId,
  programId: 10,
  month,
  pooledVolumeMinor: 0,
  tierIndex,
  rateBps,
  memberVolumeMinor: 0,
});

describe("explainPosting", () => {
  it("names the tier reached and the earlier months it lifts", () => {
    expect(
      explainPosting(run(2, "2026-03", 1, 200), run(1, "2026-02", 0, 100), "2026-01", 5),
    ).toEqual({ code: "tier_up", month: "2026-03", tier: 2, from: "2026-01", to: "2026-02" });
  });

  it("lifts no earlier month when an incremental program reaches a tier", () => {
    const up = explainPosting(
      run(2, "2026-03", 1, 200),
      run(1, "2026-02", 0, 100),
      "2026-01",
      5,
      "incremental",
    );
    expect(up).toEqual({ code: "regular", month: "2026-03", tier: 2, rateBps: 200 });
  });

  it("tells a regular month, a second run of a month, a tier lost and a correction apart", () => {
    expect(explainPosting(run(1, "2026-01", 0, 100), undefined, "2026-01", 5)).toEqual({
      code: "regular",
      month: "2026-01",
      tier: 1,
      rateBps: 100,
    });
    expect(
      explainPosting(run(3, "2026-02", 0, 100), run(2, "2026-02", 0, 100), "2026-01", 5),
    ).toMatchObject({ code: "rerun" });
    expect(
      explainPosting(run(3, "2026-04", 0, 100), run(2, "2026-03", 1, 200), "2026-01", -5),
    ).toMatchObject({ code: "tier_down", from: "2026-01", to: "2026-03" });
    expect(
      explainPosting(run(3, "2026-04", 0, 100), run(2, "2026-03", 0, 100), "2026-01", -5),
    ).toMatchObject({ code: "correction" });
  });
});

describe("assembleStatement", () => {
  const line = (
    entryId: number,
    month: string,
    amountMinor: number,
    kind: PayableLine["kind"] = "allocation",
  ): PayableLine => ({
    entryId,
    kind,
    currency: "USD",
    month,
    amountMinor,
    programId: kind === "allocation" ? 10 : null,
    runId: kind === "allocation" ? entryId : null,
    payoutBatchId: kind === "payout" ? 1 : null,
    reference: kind === "payout" ? "PO-1" : null,
  });
  const lines = [
    line(1, "2026-01", -36_000),
    line(2, "2026-02", -216_000),
    line(3, "2026-03", 252_000, "payout"),
    line(4, "2026-03", -1_000),
  ];
  const runs = [
    { ...run(1, "2026-01", 0, 100), pooledVolumeMinor: 8_000_000, memberVolumeMinor: 4_000_000 },
    { ...run(2, "2026-02", 1, 200), pooledVolumeMinor: 18_000_000, memberVolumeMinor: 14_000_000 },
    { ...run(4, "2026-03", 1, 200), pooledVolumeMinor: 19_000_000, memberVolumeMinor: 14_050_000 },
  ];
  const programs = [
    {
      id: 10,
      name: "Axion 2026",
      currency: "USD",
      supplierName: "Axion",
      startMonth: "2026-01",
      method: "all-units" as const,
    },
  ];

  it("opens with what came before, closes with what the ledger holds at the end", () => {
    const s = assembleStatement({
      memberId: 1,
      from: "2026-02",
      to: "2026-03",
      lines,
      runs,
      programs,
    });
    expect(s.balances).toEqual([
      {
        currency: "USD",
        openingMinor: 36_000,
        earnedMinor: 217_000,
        paidOutMinor: 252_000,
        closingMinor: 1_000,
      },
    ]);
    expect(s.programs).toHaveLength(1);
    expect(s.programs[0]).toMatchObject({
      pooledVolumeMinor: 19_000_000,
      tierIndex: 1,
      rateBps: 200,
      memberVolumeMinor: 14_050_000,
      earnedMinor: 217_000,
    });
    expect(s.programs[0].postings.map((p) => [p.amountMinor, p.explanation.code])).toEqual([
      [216_000, "tier_up"],
      [1_000, "regular"],
    ]);
    expect(s.payouts).toEqual([
      {
        entryId: 3,
        payoutBatchId: 1,
        reference: "PO-1",
        month: "2026-03",
        currency: "USD",
        amountMinor: 252_000,
      },
    ]);
  });

  it("leaves out what comes after the range, and uses the runs up to its end", () => {
    const s = assembleStatement({
      memberId: 1,
      from: "2026-01",
      to: "2026-01",
      lines,
      runs,
      programs,
    });
    expect(s.balances[0]).toMatchObject({
      openingMinor: 0,
      earnedMinor: 36_000,
      closingMinor: 36_000,
    });
    expect(s.programs[0]).toMatchObject({ pooledVolumeMinor: 8_000_000, tierIndex: 0 });
  });

  it("refuses a range that ends before it starts", () => {
    expect(() =>
      assembleStatement({ memberId: 1, from: "2026-03", to: "2026-01", lines, runs, programs }),
    ).toThrow(DomainError);
  });
});
