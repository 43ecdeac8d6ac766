// Properties of runs with components (SPEC 3.7) over random programs and sales.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  componentMonth,
  componentProgram,
  monthCells,
  priorYearMonths,
  validSchedule,
} from "@tests/setup/arbitraries";
import { componentProblems, type ComponentProgram } from "./components";
import {
  computeProgramRun,
  computeRun,
  NOTHING_POSTED,
  postedAfter,
  type ComponentRun,
  type PostedSoFar,
} from "./run";
import type { MonthVolume } from "./growth";
import { applyBps } from "./money";
import type { SalesCell } from "./sales";

type Case = {
  program: ComponentProgram;
  month: string;
  sales: SalesCell[];
  priorYear: MonthVolume[];
};

/** A program, a run month of 2026 and that run's sales. */
const runCase: fc.Arbitrary<Case> = fc
  .tuple(componentProgram, componentMonth, priorYearMonths)
  .chain(([program, month, priorYear]) =>
    monthCells(Number(month.slice(5))).map((sales) => ({ program, month, sales, priorYear })),
  );

const compute = (c: Case, alreadyPosted: PostedSoFar = NOTHING_POSTED): ComponentRun =>
  computeProgramRun({ ...c, alreadyPosted });

const tierOf = (run: ComponentRun) => run.components[0];

describe("runs with components (properties)", () => {
  it("generate only programs the engine accepts", () => {
    fc.assert(
      fc.property(componentProgram, (p) => {
        expect(componentProblems(p)).toEqual([]);
      }),
    );
  });

  it("allocate every component's pool exactly, and sum A_i and the run's figures over components", () => {
    fc.assert(
      fc.property(runCase, (c) => {
        const run = compute(c);
        run.components.forEach((component, k) => {
          expect(component.netMinor).toBe(component.grossMinor - component.feeMinor);
          const shares = run.members.map((m) => m.components[k]);
          expect(shares.every((s) => s.name === component.name)).toBe(true);
          expect(shares.reduce((sum, s) => sum + s.amountMinor, 0)).toBe(component.netMinor);
          // only members with a positive weight share a pool
          for (const s of shares) if (s.weightMinor <= 0) expect(s.amountMinor).toBe(0);
          if (component.kind === "bonus")
            expect(shares.reduce((sum, s) => sum + s.weightMinor, 0)).toBe(component.basisMinor);
        });
        for (const m of run.members)
          expect(m.ytdMinor).toBe(m.components.reduce((sum, s) => sum + s.amountMinor, 0));
        const total = (f: "grossMinor" | "feeMinor" | "netMinor") =>
          run.components.reduce((sum, component) => sum + component[f], 0);
        expect([run.grossMinor, run.feeMinor, run.netMinor]).toEqual([
          total("grossMinor"),
          total("feeMinor"),
          total("netMinor"),
        ]);
        expect(run.members.reduce((sum, m) => sum + m.ytdMinor, 0)).toBe(run.netMinor);
        expect(run.members.reduce((sum, m) => sum + m.postingMinor, 0)).toBe(run.posting.netMinor);
      }),
    );
  });

  it("behave exactly as computeRun for a program without components", () => {
    const plain = fc.record({
      tiers: validSchedule,
      method: fc.constantFrom("all-units" as const, "incremental" as const),
      feeBps: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(plain, monthCells(6), monthCells(6), (terms, earlier, now) => {
        const program = { start: "2026-01-01", end: "2026-12-31", ...terms };
        const legacy = (sales: SalesCell[], alreadyPosted: PostedSoFar) => {
          const byMember = new Map<number, number>();
          for (const c of sales)
            byMember.set(c.memberId, (byMember.get(c.memberId) ?? 0) + c.amountMinor);
          const total = sales.reduce((sum, c) => sum + c.amountMinor, 0);
          return computeRun({ ...terms, volume: { total, byMember }, alreadyPosted });
        };
        const first = computeProgramRun({
          program,
          month: "2026-06",
          sales: earlier,
          alreadyPosted: NOTHING_POSTED,
        });
        const posted = postedAfter(NOTHING_POSTED, first);
        const run = computeProgramRun({
          program,
          month: "2026-06",
          sales: now,
          alreadyPosted: posted,
        });
        const { components, members, ...figures } = run;
        expect({ ...figures, members: members.map(({ components: _, ...m }) => m) }).toEqual(
          legacy(now, posted),
        );
        expect(components.map((c) => c.kind)).toEqual(["tier"]);
        expect(components[0]).not.toHaveProperty("limit");
      }),
    );
  });

  it("never lower a component when more qualifying volume comes in", () => {
    const more = fc.record({
      memberId: fc.integer({ min: 1, max: 9 }),
      category: fc.constantFrom("Cameras", "Access", "Other", null),
      sku: fc.constantFrom("CAM-1", "ACC-9", null),
      amountMinor: fc.integer({ min: 1, max: 40_000_000 }),
      quantity: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(runCase, more, (c, extra) => {
        const month = String(Math.min(extra.month, Number(c.month.slice(5)))).padStart(2, "0");
        const last = new Date(Date.UTC(2026, Number(month), 0)).getUTCDate();
        const cell: SalesCell = {
          memberId: extra.memberId,
          category: extra.category,
          sku: extra.sku,
          amountMinor: extra.amountMinor,
          quantity: extra.quantity,
          from: `2026-${month}-01`,
          to: `2026-${month}-${last}`,
        };
        const before = compute(c);
        const after = compute({ ...c, sales: [...c.sales, cell] });
        after.components.forEach((component, k) => {
          expect(component.grossMinor).toBeGreaterThanOrEqual(before.components[k].grossMinor);
          expect(component.netMinor).toBeGreaterThanOrEqual(before.components[k].netMinor);
        });
      }),
    );
  });

  it("keep the tier's refund within its caps, and at least the minimum in the last month only", () => {
    fc.assert(
      fc.property(runCase, (c) => {
        const { program } = c;
        const tier = tierOf(compute(c));
        const volumes = new Map<number, number>();
        for (const x of c.sales)
          volumes.set(x.memberId, (volumes.get(x.memberId) ?? 0) + x.amountMinor);
        const bought = [...volumes.values()].some((v) => v > 0);
        const lastMonth = c.month === "2026-12";
        const minimum = program.minimumRefundMinor ?? null;
        if (program.refundCapMinor != null)
          expect(tier.grossMinor).toBeLessThanOrEqual(program.refundCapMinor);
        if (program.volumeCapMinor != null) {
          expect(tier.paidVolumeMinor).toBeLessThanOrEqual(program.volumeCapMinor);
          const uncapped = tierOf(compute({ ...c, program: { ...program, volumeCapMinor: null } }));
          expect(tier.grossMinor).toBeLessThanOrEqual(uncapped.grossMinor);
          expect(uncapped.tierIndex).toBe(tier.tierIndex);
          if (tier.limit !== "minimum") {
            const maxRate = Math.max(...program.tiers.map((t) => t.rateBps));
            expect(tier.grossMinor).toBeLessThanOrEqual(applyBps(program.volumeCapMinor, maxRate));
          }
        }
        const withoutMinimum = tierOf(
          compute({ ...c, program: { ...program, minimumRefundMinor: null } }),
        );
        if (minimum !== null && lastMonth && bought) {
          expect(tier.grossMinor).toBe(Math.max(withoutMinimum.grossMinor, minimum));
        } else {
          expect(tier.grossMinor).toBe(withoutMinimum.grossMinor);
          expect(tier.limit).not.toBe("minimum");
        }
        if (tier.limit === "refund-cap") expect(tier.grossMinor).toBe(program.refundCapMinor);
        if (tier.limit === "minimum") expect(tier.grossMinor).toBe(minimum);
      }),
    );
  });

  it("post nothing when run again over what they posted (true-ups come from A_i − posted)", () => {
    fc.assert(
      fc.property(runCase, monthCells(1), (c, january) => {
        const first = compute({ ...c, month: "2026-01", sales: january });
        const posted = postedAfter(NOTHING_POSTED, first);
        const run = compute(c, posted);
        for (const m of run.members)
          expect(m.postingMinor).toBe(m.ytdMinor - (posted.byMember.get(m.memberId) ?? 0));
        const again = compute(c, postedAfter(posted, run));
        expect(again.posting).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
        for (const m of again.members) expect(m.postingMinor).toBe(0);
      }),
    );
  });
});
