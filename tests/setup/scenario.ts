// The parties of scenario-q1 created over the API, and its monthly reports ingested.
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import type { ApiClient, Json } from "./http";
import { ingest } from "./reports";

const truth = loadTruth();

/** A program as a fixture's truth.json writes it: SPEC 7's fields, tiers as [threshold, rateBps]. */
export type TruthProgram = {
  supplier: string;
  name: string;
  currency: string;
  start: string;
  end: string;
  method: string;
  feeBps: number;
  tiers: [number, number][];
  includeCategories: string[];
  excludeCategories: string[];
};

type NewMember = {
  name: string;
  taxId: string;
  country: string;
  joinedOn: string;
  leftOn: string | null;
};

/** Creates `members` in one request, in order (no leaving date sends none); the API's answer. */
export function postMembers(admin: ApiClient, members: readonly NewMember[]) {
  return admin.post(
    "/api/v1/members",
    members.map(({ name, taxId, country, joinedOn, leftOn }) => ({
      name,
      taxId,
      country,
      joinedOn,
      ...(leftOn ? { leftOn } : {}),
    })),
  );
}

/** Creates the scenario's suppliers and members; returns supplier key → id and member ref → id. */
export async function createScenarioParties(admin: ApiClient) {
  const supplierIds = new Map<string, number>();
  for (const s of truth.suppliers) {
    const res = await admin.post("/api/v1/suppliers", {
      name: s.name,
      currency: s.currency,
      dateOrder: s.dateOrder,
    });
    supplierIds.set(s.key, res.body.id);
  }
  const res = await postMembers(admin, truth.members);
  const memberIds = new Map(truth.members.map((m, i) => [m.ref, res.body[i].id as number]));
  return { supplierIds, memberIds };
}

/** Uploads (as the admin) and waits for every supplier's three monthly reports, in order. */
export async function ingestScenarioReports(admin: ApiClient, supplierIds: Map<string, number>) {
  const reports: Json[] = [];
  for (const s of truth.suppliers) {
    for (const [month, file] of Object.entries(s.reports)) {
      const path = fixturePath(`scenario-q1/reports/${file}`);
      const report = await ingest(admin, path, month, supplierIds.get(s.key));
      reports.push({ ...report, key: s.key });
    }
  }
  return reports;
}

/**
 * Every member's balances that are not zero, as { member: ref, currency, amountMinor }, member by
 * member in the order of `memberIds` (ref → id).
 */
export async function nonZeroBalances(admin: ApiClient, memberIds: Map<number, number>) {
  const balances: Json[] = [];
  for (const [ref, id] of memberIds) {
    const res = await admin.get(`/api/v1/members/${id}/balance`);
    for (const b of res.body.balances)
      if (b.amountMinor !== 0)
        balances.push({ member: ref, currency: b.currency, amountMinor: b.amountMinor });
  }
  return balances;
}
