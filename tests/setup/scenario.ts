// The parties of scenario-q1 created over the API, and its monthly reports ingested.
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import type { ApiClient, Json } from "./http";
import { ingest } from "./reports";

const truth = loadTruth();

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
  const res = await admin.post(
    "/api/v1/members",
    truth.members.map(({ name, taxId, country, joinedOn, leftOn }) => ({
      name,
      taxId,
      country,
      joinedOn,
      ...(leftOn ? { leftOn } : {}),
    })),
  );
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
