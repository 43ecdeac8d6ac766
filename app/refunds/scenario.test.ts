import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Membership } from "./eligibility";
import { parseRate, type Rate } from "./fx";
import { allocationEntry, memberBalance, trialBalance, type JournalEntry } from "./journal";
import { pooledVolume, type PoolProgram, type SalesLine } from "./pooled";
import { checkRunMonth, computeRun, NOTHING_POSTED, postedAfter, type PostedSoFar } from "./run";
import type { TierMethod } from "./tiers";

// Replays fixtures/scenario-q1 as the README tells it: each month every supplier's report
// arrives and every program's run is posted; then axion's corrected March and its true-up.

type TruthLine = {
  supplier: string;
  reportMonth: string;
  invoiceDate: string;
  category: string;
  amountMinor: number;
  currency: string;
  member: number | null;
};
type Truth = {
  members: { ref: number; joinedOn: string; leftOn: string | null }[];
  suppliers: { key: string }[];
  programs: (PoolProgram & {
    supplier: string;
    name: string;
    method: TierMethod;
    feeBps: number;
    tiers: [number, number][];
  })[];
  fx: { month: string; from: string; to: string; rate: string }[];
  months: string[];
  lines: TruthLine[];
  correction: { supplier: string; month: string; lines: TruthLine[] };
};
type ExpectedRun = {
  label: string;
  program: string;
  month: string;
  members: { member: number }[];
} & Record<string, unknown>;
type Expected = {
  runs: ExpectedRun[];
  balances: { member: number; currency: string; amountMinor: number }[];
  totals: Record<string, { G: number; F: number; N: number; members: Record<string, number> }>;
};

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../shared/fixtures/scenario-q1/${name}`, import.meta.url), "utf8"),
  );
const truth: Truth = fixture("truth.json");
const expected: Expected = fixture("expected.json");

function salesLine(line: TruthLine): SalesLine {
  return {
    invoiceDate: line.invoiceDate,
    category: line.category,
    memberId: line.member,
    heldAsDuplicate: false, // no line of the quarter repeats another (SPEC 4.5)
    amountMinor: line.amountMinor,
    currency: line.currency,
  };
}

function replayQuarter() {
  const supplierIds = new Map(truth.suppliers.map((s, i) => [s.key, i + 1]));
  const memberships = new Map<number, Membership>(
    truth.members.map((m) => [m.ref, { joinedOn: m.joinedOn, leftOn: m.leftOn }]),
  );
  const rates = new Map<string, Rate>(
    truth.fx.map((r) => [`${r.from} ${r.to} ${r.month}`, parseRate(r.rate)]),
  );
  // The active version of each supplier's month; a re-upload replaces it whole.
  const activeReports = new Map<string, SalesLine[]>();
  const posted = new Map<string, PostedSoFar>();
  const lastPostedMonth = new Map<string, string>();
  const ledger: JournalEntry[] = [];
  const runs: ExpectedRun[] = [];

  function runProgram(program: Truth["programs"][number], month: string, label: string) {
    checkRunMonth(month, program, lastPostedMonth.get(program.name) ?? null);
    const lines = [...activeReports]
      .filter(([key]) => key.startsWith(`${program.supplier} `))
      .flatMap(([, l]) => l);
    const fxRate = (currency: string, m: string) =>
      rates.get(`${currency} ${program.currency} ${m}`);
    const volume = pooledVolume(lines, program, memberships, fxRate, month);
    const tiers = program.tiers.map(([thresholdMinor, rateBps]) => ({ thresholdMinor, rateBps }));
    const alreadyPosted = posted.get(program.name) ?? NOTHING_POSTED;
    const run = computeRun({
      method: program.method,
      tiers,
      feeBps: program.feeBps,
      volume,
      alreadyPosted,
    });
    posted.set(program.name, postedAfter(alreadyPosted, run));
    lastPostedMonth.set(program.name, month);
    ledger.push(allocationEntry(run, supplierIds.get(program.supplier)!, program.currency));
    const { members, ...figures } = run;
    runs.push({
      label,
      program: program.name,
      month,
      ...figures,
      members: members.map(({ memberId, ...rest }) => ({ member: memberId, ...rest })),
    });
  }

  for (const month of truth.months) {
    for (const line of truth.lines.filter((l) => l.reportMonth === month)) {
      const key = `${line.supplier} ${month}`;
      activeReports.set(key, [...(activeReports.get(key) ?? []), salesLine(line)]);
    }
    for (const program of truth.programs)
      runProgram(program, month, `${program.supplier} ${month}`);
  }
  const { supplier, month, lines } = truth.correction;
  activeReports.set(`${supplier} ${month}`, lines.map(salesLine));
  const corrected = truth.programs.find((p) => p.supplier === supplier)!;
  expect(checkRunMonth(month, corrected, lastPostedMonth.get(corrected.name)!)).toBe("true-up");
  runProgram(corrected, month, `${supplier} ${month} true-up`);
  return { runs, ledger, posted };
}

describe("scenario-q1 replayed through the engine", () => {
  const { runs, ledger, posted } = replayQuarter();

  it("runs the programs in the expected order", () => {
    expect(runs.map((r) => r.label)).toEqual(expected.runs.map((r) => r.label));
  });

  it.each(expected.runs.map((run, i) => [run.label, i] as const))(
    "matches every figure of %s",
    (_label, i) => {
      expect(runs[i]).toEqual(expected.runs[i]);
    },
  );

  it("leaves every member the expected balance in each currency", () => {
    const balances = [];
    for (const member of truth.members) {
      for (const currency of ["MXN", "USD"]) {
        balances.push({
          member: member.ref,
          currency,
          amountMinor: memberBalance(ledger, member.ref, currency),
        });
      }
    }
    expect(balances).toEqual(expected.balances);
  });

  it("has posted in total what the last run of each program computed", () => {
    const totals = Object.fromEntries(
      truth.programs.map((p) => {
        const sum = posted.get(p.name)!;
        const members = Object.fromEntries(
          [...sum.byMember].map(([id, amount]) => [String(id), amount]),
        );
        return [
          p.name,
          { G: sum.grossMinor, F: sum.feeMinor, N: sum.grossMinor - sum.feeMinor, members },
        ];
      }),
    );
    expect(totals).toEqual(expected.totals);
  });

  it("keeps a ledger that sums to zero per currency, with each supplier owing its gross refund", () => {
    const rows = trialBalance(ledger);
    for (const currency of ["MXN", "USD"]) {
      expect(
        rows.filter((r) => r.currency === currency).reduce((sum, r) => sum + r.balanceMinor, 0),
      ).toBe(0);
    }
    const receivables = rows
      .filter((r) => r.account.startsWith("supplier_receivable:"))
      .map((r) => r.balanceMinor);
    expect(receivables).toEqual([5_517_491, 2_514_139, 929_577, 1_709_844]);
    expect(rows.find((r) => r.account === "fee_income" && r.currency === "USD")?.balanceMinor).toBe(
      -(251_414 + 111_549 + 170_984),
    );
  });
});
