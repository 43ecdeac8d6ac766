// What a posted run of a program with components (SPEC 3.7) says about one member: each
// component's figures with the member's weight and share, read from the run's stored components
// (never from lines), for the member's dashboard and statement.
import { prepared } from "@db/client.server";
import type { RequirementStatus } from "~/refunds/bonuses";
import type { ComponentLimit } from "~/refunds/tier-component";

export type MemberRunComponent = {
  position: number;
  kind: "tier" | "bonus";
  name: string;
  basisMinor: number;
  baselineMinor: number | null;
  tierIndex: number | null;
  rateBps: number | null;
  perUnitMinor: number | null;
  requirements: RequirementStatus[] | null;
  netMinor: number;
  limit: ComponentLimit | null;
  /** The member's weight (v_i or w_i) and year-to-date share of the component's N_c. */
  weightMinor: number;
  amountMinor: number;
};

type Row = Omit<MemberRunComponent, "requirements"> & { requirements: string | null };

/** The run's components in order, each with the member's weight and share (0 when it has none). */
export function memberRunComponents(runId: number, memberId: number): MemberRunComponent[] {
  const rows = prepared(
    `SELECT c.position, c.kind, c.name, c.basis_minor AS basisMinor,
            c.baseline_minor AS baselineMinor, c.tier_index AS tierIndex, c.rate_bps AS rateBps,
            c.per_unit_minor AS perUnitMinor, c.requirements, c.net_minor AS netMinor,
            c.limit_applied AS "limit",
            coalesce(m.weight_minor, 0) AS weightMinor, coalesce(m.amount_minor, 0) AS amountMinor
       FROM allocation_run_components c
       LEFT JOIN allocation_run_member_components m
         ON m.run_id = c.run_id AND m.position = c.position AND m.member_id = ?
      WHERE c.run_id = ? ORDER BY c.position`,
  ).all(memberId, runId) as Row[];
  return rows.map((r) => ({
    ...r,
    requirements:
      r.requirements === null ? null : (JSON.parse(r.requirements) as RequirementStatus[]),
  }));
}

/**
 * The member's year-to-date share of each component in each of the given posted runs, by run
 * (runs without components are left out): a statement explains each posting with them.
 */
export function memberSharesByRun(
  runIds: readonly number[],
  memberId: number,
): Map<number, { name: string; kind: "tier" | "bonus"; amountMinor: number }[]> {
  const byRun = new Map<number, { name: string; kind: "tier" | "bonus"; amountMinor: number }[]>();
  if (runIds.length === 0) return byRun;
  const rows = prepared(
    `SELECT c.run_id AS runId, c.name, c.kind, coalesce(m.amount_minor, 0) AS amountMinor
       FROM allocation_run_components c
       LEFT JOIN allocation_run_member_components m
         ON m.run_id = c.run_id AND m.position = c.position AND m.member_id = ?
      WHERE c.run_id IN (SELECT value FROM json_each(?)) ORDER BY c.run_id, c.position`,
  ).all(memberId, JSON.stringify(runIds)) as {
    runId: number;
    name: string;
    kind: "tier" | "bonus";
    amountMinor: number;
  }[];
  for (const { runId, ...share } of rows) {
    const list = byRun.get(runId) ?? [];
    list.push(share);
    byRun.set(runId, list);
  }
  return byRun;
}
