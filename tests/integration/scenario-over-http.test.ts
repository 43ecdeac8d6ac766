// The whole quarter of scenario-q1 over the API, as the people would do it: the admin sets the
// consortium up, each supplier uploads its reports with its own token, the admin posts every
// run, a corrected report is trued up; every run and final balance equals expected.json.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ingest, uploadReport } from "@tests/setup/reports";
import { createScenarioParties, nonZeroBalances, type TruthProgram } from "@tests/setup/scenario";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const truth = loadTruth() as ReturnType<typeof loadTruth> & {
  programs: TruthProgram[];
  fx: { month: string; from: string; to: string; rate: string }[];
  months: string[];
};
const expected: { runs: Json[]; balances: Json[] } = JSON.parse(
  readFileSync(fixturePath("scenario-q1/expected.json"), "utf8"),
);

let server: TestServer;
let admin: ApiClient;
const suppliers = new Map<string, { id: number; api: ApiClient }>();
const memberIds = new Map<number, number>();
const refOf = new Map<number, number>();
const programIds = new Map<string, number>();
const runs: Json[] = [];
const refusals: Record<string, Json> = {};

const report = (file: string) => fixturePath(`scenario-q1/reports/${file}`);

async function previewAndPost(programName: string, month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", {
    programId: programIds.get(programName),
    month,
  });
  expect(preview.status, JSON.stringify(preview.body)).toBe(201);
  const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  expect(posted.status).toBe(200);
  return posted.body;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const norte = truth.suppliers.find((s) => s.key === "norte")!;
  refusals.uploadForUnknownSupplier = await uploadReport(
    admin,
    report(norte.reports["2026-01"]),
    "2026-01",
    999_999,
  );
  const parties = await createScenarioParties(admin);
  for (const [key, id] of parties.supplierIds) {
    const email = `${key}@scenario.example`;
    const password = "supplier-password-1";
    await admin.post("/api/v1/users", { email, password, role: "supplier", supplierId: id });
    suppliers.set(key, { id, api: await apiAs(server.url, email, password) });
  }
  for (const [ref, id] of parties.memberIds) {
    memberIds.set(ref, id);
    refOf.set(id, ref);
  }
  for (const p of truth.programs) {
    const created = await admin.post("/api/v1/programs", {
      supplierId: suppliers.get(p.supplier)!.id,
      name: p.name,
      currency: p.currency,
      start: p.start,
      end: p.end,
      method: p.method,
      feeBps: p.feeBps,
      tiers: p.tiers.map(([thresholdMinor, rateBps]) => ({ thresholdMinor, rateBps })),
      includeCategories: p.includeCategories,
      excludeCategories: p.excludeCategories,
    });
    programIds.set(p.name, created.body.id);
  }
  await admin.put("/api/v1/fx-rates", truth.fx);
  for (const alias of truth.aliases) {
    const supplierId = suppliers.get(alias.supplier)!.id;
    await admin.post(
      "/api/v1/aliases",
      "notMember" in alias
        ? { supplierId, customerKey: alias.customerKey, notMember: true }
        : { supplierId, customerKey: alias.customerKey, memberId: memberIds.get(alias.member) },
    );
  }
  refusals.runBeforeAnyReport = await admin.post("/api/v1/allocation-runs", {
    programId: programIds.get("Axion 2026"),
    month: "2026-01",
  });
  for (const month of truth.months) {
    for (const s of truth.suppliers) {
      const { api } = suppliers.get(s.key)!;
      const done = await ingest(api, report(s.reports[month]), month);
      expect(done.status, `${s.key} ${month}: ${done.message}`).toBe("active");
    }
    for (const p of truth.programs) runs.push(await previewAndPost(p.name, month));
  }
  const { supplier, month, file } = truth.correction;
  const corrected = await ingest(suppliers.get(supplier)!.api, report(file), month);
  expect(corrected.status).toBe("active");
  const program = truth.programs.find((p) => p.supplier === supplier)!;
  runs.push(await previewAndPost(program.name, month));
  refusals.correctionAgain = await uploadReport(suppliers.get(supplier)!.api, report(file), month);
  refusals.earlierMonth = await admin.post("/api/v1/allocation-runs", {
    programId: programIds.get(program.name),
    month: "2026-02",
  });
}, 300_000);

afterAll(() => server?.stop());

describe("scenario-q1 over HTTP", () => {
  it.each(expected.runs.map((run: Json, i: number) => [run.label, i] as [string, number]))(
    "posts %s exactly as expected.json says",
    (_label, i) => {
      const want = expected.runs[i];
      const got = runs[i];
      expect({
        month: got.month,
        pooledVolumeMinor: got.pooledVolumeMinor,
        tierIndex: got.tierIndex,
        rateBps: got.rateBps,
        grossMinor: got.grossMinor,
        feeMinor: got.feeMinor,
        netMinor: got.netMinor,
        posting: got.posting,
        members: got.members.map(({ memberId, ...rest }: Json) => ({
          member: refOf.get(memberId),
          ...rest,
        })),
      }).toEqual({
        month: want.month,
        pooledVolumeMinor: want.pooledVolumeMinor,
        tierIndex: want.tierIndex,
        rateBps: want.rateBps,
        grossMinor: want.grossMinor,
        feeMinor: want.feeMinor,
        netMinor: want.netMinor,
        posting: want.posting,
        members: want.members,
      });
    },
  );

  it("ends with every member's balance as expected.json says", async () => {
    const balances = await nonZeroBalances(admin, memberIds);
    const order = (a: Json, b: Json) => a.member - b.member || a.currency.localeCompare(b.currency);
    expect(balances.sort(order)).toEqual([...expected.balances].sort(order));
  });

  it("refuses what it must, with the right status and code", () => {
    expect([
      refusals.uploadForUnknownSupplier.status,
      refusals.uploadForUnknownSupplier.body.error.code,
    ]).toEqual([404, "not_found"]);
    expect([
      refusals.runBeforeAnyReport.status,
      refusals.runBeforeAnyReport.body.error.code,
    ]).toEqual([409, "report_missing"]);
    expect([refusals.correctionAgain.status, refusals.correctionAgain.body.error.code]).toEqual([
      409,
      "duplicate_file",
    ]);
    expect([refusals.earlierMonth.status, refusals.earlierMonth.body.error.code]).toEqual([
      409,
      "run_month_out_of_order",
    ]);
  });
});
