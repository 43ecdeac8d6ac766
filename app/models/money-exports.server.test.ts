import { describe, expect, it } from "vitest";
import { payoutBatchCsv } from "./money-exports.server";
import type { Batch } from "./payouts.server";

const line = (
  memberId: number,
  memberName: string,
  extra: Partial<Batch["lines"][number]> = {},
) => ({
  memberId,
  memberName,
  taxId: `T${memberId}`,
  bankName: null,
  bankAccount: null,
  bankHolder: null,
  amountMinor: 1_005,
  dropped: false,
  bank: { ok: false as const, problem: "missing" as const },
  ...extra,
});

const batch = (lines: Batch["lines"]) => ({ reference: "B-1", currency: "USD", lines }) as Batch;

describe("payoutBatchCsv", () => {
  it("escapes every formula trigger and quotes what needs quoting; dropped lines stay out", () => {
    const csv = payoutBatchCsv(
      batch([
        line(1, "\tTab"),
        line(2, "\rReturn"),
        line(3, 'Comma, "quoted"\nand a line break', { bankAccount: "-123" }),
        line(4, "Gone", { dropped: true }),
      ]),
      "en",
    );
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv.slice(1).split("\r\n").slice(1, -1)).toEqual([
      "'\tTab,T1,,,,USD,10.05,B-1-1",
      `"'\rReturn",T2,,,,USD,10.05,B-1-2`,
      `"Comma, ""quoted""\nand a line break",T3,,'-123,,USD,10.05,B-1-3`,
    ]);
  });
});
