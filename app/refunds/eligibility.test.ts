import { describe, expect, it } from "vitest";
import {
  categoryEligible,
  lineEligible,
  memberOnDate,
  type EligibilityLine,
  type ProgramWindow,
} from "./eligibility";

const program: ProgramWindow = {
  start: "2026-01-01",
  end: "2026-12-31",
  includeCategories: [],
  excludeCategories: ["Services", " servicios "],
};
const member = { joinedOn: "2020-01-01", leftOn: null };
const line: EligibilityLine = {
  invoiceDate: "2026-02-10",
  category: "Cameras",
  memberId: 7,
  heldAsDuplicate: false,
};

describe("categoryEligible", () => {
  it("counts everything when both lists are empty, even no category", () => {
    expect(categoryEligible("Cameras", [], [])).toBe(true);
    expect(categoryEligible(null, [], [])).toBe(true);
  });

  it("excludes case-insensitively and trimmed", () => {
    expect(categoryEligible("services", [], ["Services"])).toBe(false);
    expect(categoryEligible("  SERVICES ", [], ["Services"])).toBe(false);
    expect(categoryEligible("Servicios", [], [" servicios "])).toBe(false);
    expect(categoryEligible("Service", [], ["Services"])).toBe(true);
    expect(categoryEligible(null, [], ["Services"])).toBe(true);
  });

  it("with an include list, counts only its categories and never a line without one", () => {
    expect(categoryEligible("cameras ", ["Cameras", "Recorders"], [])).toBe(true);
    expect(categoryEligible("Cabling", ["Cameras", "Recorders"], [])).toBe(false);
    expect(categoryEligible(null, ["Cameras"], [])).toBe(false);
  });

  it("lets the exclude list win over the include list", () => {
    expect(categoryEligible("Cameras", ["Cameras"], ["cameras"])).toBe(false);
  });
});

describe("memberOnDate", () => {
  it("counts the joining day and not the leaving day", () => {
    const m = { joinedOn: "2026-02-15", leftOn: "2026-03-01" };
    expect(memberOnDate(m, "2026-02-14")).toBe(false);
    expect(memberOnDate(m, "2026-02-15")).toBe(true);
    expect(memberOnDate(m, "2026-02-28")).toBe(true);
    expect(memberOnDate(m, "2026-03-01")).toBe(false);
  });
});

describe("lineEligible", () => {
  it("counts a matched member's line inside the program", () => {
    expect(lineEligible(line, program, member)).toBe(true);
  });

  it("counts by invoice date, both program ends included", () => {
    expect(lineEligible({ ...line, invoiceDate: "2026-01-01" }, program, member)).toBe(true);
    expect(lineEligible({ ...line, invoiceDate: "2026-12-31" }, program, member)).toBe(true);
    expect(lineEligible({ ...line, invoiceDate: "2025-12-31" }, program, member)).toBe(false);
    expect(lineEligible({ ...line, invoiceDate: "2027-01-01" }, program, member)).toBe(false);
  });

  it("does not count unmatched customers or unknown members", () => {
    expect(lineEligible({ ...line, memberId: null }, program, member)).toBe(false);
    expect(lineEligible(line, program, undefined)).toBe(false);
  });

  it("does not count purchases outside the membership", () => {
    const joinedLate = { joinedOn: "2026-02-15", leftOn: null };
    expect(lineEligible(line, program, joinedLate)).toBe(false);
    expect(lineEligible({ ...line, invoiceDate: "2026-02-15" }, program, joinedLate)).toBe(true);
    const left = { joinedOn: "2020-01-01", leftOn: "2026-02-10" };
    expect(lineEligible(line, program, left)).toBe(false);
    expect(lineEligible({ ...line, invoiceDate: "2026-02-09" }, program, left)).toBe(true);
  });

  it("does not count excluded categories or held duplicates", () => {
    expect(lineEligible({ ...line, category: "SERVICES" }, program, member)).toBe(false);
    expect(lineEligible({ ...line, heldAsDuplicate: true }, program, member)).toBe(false);
  });
});
