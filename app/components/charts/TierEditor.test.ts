import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { programInput } from "~/schemas/programs";
import { readTierLine, readTierText } from "~/schemas/tier-text";
import { parseTierLines } from "./TierEditor";

const program = (tiers: unknown) => ({
  supplierId: "1",
  name: "Axion 2025",
  currency: "USD",
  start: "2025-01-01",
  end: "2025-12-31",
  method: "all-units",
  feeBps: "1000",
  tiers,
});

/** What the schema makes of tier text: the tiers, or the paths and messages of its tier issues. */
function schemaReads(text: string) {
  const parsed = programInput.safeParse(program(text));
  if (parsed.success) return { tiers: parsed.data.tiers };
  return {
    issues: parsed.error.issues
      .filter((i) => i.path[0] === "tiers")
      .map((i) => ({ path: i.path.join("."), message: i.message })),
  };
}

describe("parseTierLines", () => {
  it("reads threshold;rate lines, with commas or tabs too, skipping what is not a tier", () => {
    expect(parseTierLines("0;100\n10000000, 200\r\n25000000\t300\n\nabc;1\n")).toEqual([
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 10_000_000, rateBps: 200 },
      { thresholdMinor: 25_000_000, rateBps: 300 },
    ]);
  });
});

describe("readTierText", () => {
  it("takes ;, a tab or , between the threshold and the rate, spaces around either", () => {
    for (const line of ["5000;200", "5000\t200", "5000,200", " 5000 ; 200 "])
      expect(readTierLine(line)).toEqual({ thresholdMinor: 5000, rateBps: 200 });
  });

  it("refuses grouped or decimal numbers, a third field, a lone number and unsafe integers", () => {
    for (const line of [
      "10,000,000;200", // grouping commas: four fields
      "10.000.000;200", // grouping dots (es / pt-BR)
      "1000;2.5",
      "1000;2,5", // a decimal comma: three fields
      "0;100;5",
      "5000 ,\t200", // one separator a line
      "5000",
      "5000;",
      ";200",
      "5000 200",
      "abc;1",
      "99999999999999999999;1",
    ])
      expect(readTierLine(line), line).toBeNull();
  });

  it("names the unreadable lines by their line number, blank lines counted", () => {
    expect(readTierText("0;100\n\n1,000,000;200\r\n  \n2000;abc")).toEqual({
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
      unreadable: [
        { line: 3, text: "1,000,000;200" },
        { line: 5, text: "2000;abc" },
      ],
    });
  });
});

describe("the editor and the program schema read tier text alike", () => {
  it("the schema takes every separator the editor previews, as the same tiers", () => {
    const text = "0;100\n10000000, 200\r\n\r\n25000000\t300\n 30000000 ; 400 ";
    expect(schemaReads(text)).toEqual({ tiers: readTierText(text).tiers });
    expect(readTierText(text).unreadable).toEqual([]);
  });

  it("refuses a line that is not two fields at its own path, and a bad field at the field", () => {
    expect(schemaReads("0;100\n1,000,000;200\n2000;abc")).toEqual({
      issues: [
        { path: "tiers.1", message: "tier_line_format" },
        { path: "tiers.2.rateBps", message: expect.any(String) },
      ],
    });
  });

  it("keeps taking the API's tier objects, and the integration tests' text", () => {
    const tiers = [{ thresholdMinor: 0, rateBps: 100 }];
    expect(schemaReads(tiers as unknown as string)).toEqual({ tiers });
    expect(schemaReads("0;100\n12000000;200")).toEqual({
      tiers: [
        { thresholdMinor: 0, rateBps: 100 },
        { thresholdMinor: 12_000_000, rateBps: 200 },
      ],
    });
  });

  it("a line the editor previews is one the schema accepts, and the other way round", () => {
    const line = fc
      .array(fc.constantFrom("0", "1", "7", "-", " ", ";", ",", "\t", ".", "a", "9999999999"), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join(""))
      .filter((l) => l.trim() !== "");
    fc.assert(
      fc.property(line, (l) => {
        const editor = readTierLine(l.trim());
        const schema = schemaReads(l);
        expect("tiers" in schema).toBe(editor !== null);
        if (editor) expect(schema).toEqual({ tiers: [editor] });
      }),
      { numRuns: 1_000 },
    );
  });
});
