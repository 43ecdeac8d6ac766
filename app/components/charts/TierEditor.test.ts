import { describe, expect, it } from "vitest";
import { parseTierLines } from "./TierEditor";

describe("parseTierLines", () => {
  it("reads threshold;rate lines, with commas or tabs too, skipping what is not a tier", () => {
    expect(parseTierLines("0;100\n10000000, 200\r\n25000000\t300\n\nabc;1\n")).toEqual([
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 10_000_000, rateBps: 200 },
      { thresholdMinor: 25_000_000, rateBps: 300 },
    ]);
  });
});
