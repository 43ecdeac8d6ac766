// Member claims over the API (SPEC 5.2): a portal holding scenario-q1 with the suppliers' tax
// ids of fixtures/claims, a user per member and supplier, and uploading claims and waiting.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fixturePath, loadTruth } from "./fixtures";
import { apiAs, type ApiClient, type Json } from "./http";
import { ingest } from "./reports";
import { createScenarioParties, type TruthProgram } from "./scenario";

const truth = loadTruth() as ReturnType<typeof loadTruth> & {
  programs: TruthProgram[];
  fx: { month: string; from: string; to: string; rate: string }[];
  months: string[];
  aliases: (
    | { supplier: string; customerKey: string; member: number }
    | {
        supplier: string;
        customerKey: string;
        notMember: true;
      }
  )[];
  correction: { supplier: string; month: string; file: string };
};

export const claimsExpected: Json = JSON.parse(
  readFileSync(fixturePath("claims/expected.json"), "utf8"),
);

export const claimFixture = (file: string) => fixturePath(`claims/${file}`);

export type ClaimsPortal = {
  admin: ApiClient;
  suppliers: Map<string, { id: number; api: ApiClient }>;
  /** member ref → id and its API client. */
  members: Map<number, { id: number; api: ApiClient }>;
  programIds: Map<string, number>;
};

/**
 * Sets scenario-q1 up over the API (parties with the claims fixture's tax ids, programs, FX,
 * aliases), with a user per supplier and member. `reports`: every month's report and the
 * correction (as fixtures/claims expects), or only those of `months`.
 */
export async function claimsPortal(
  base: string,
  admin: ApiClient,
  options: { reports?: "all" | "none" } = {},
): Promise<ClaimsPortal> {
  const parties = await createScenarioParties(admin);
  const suppliers = new Map<string, { id: number; api: ApiClient }>();
  for (const [key, id] of parties.supplierIds) {
    const taxIds = claimsExpected.suppliers[key].taxIds;
    const patched = await admin.call("PATCH", `/api/v1/suppliers/${id}`, { taxIds });
    if (patched.status !== 200) throw new Error(`PATCH supplier: ${JSON.stringify(patched.body)}`);
    const email = `${key}@claims.example`;
    const password = "supplier-password-1";
    await admin.post("/api/v1/users", { email, password, role: "supplier", supplierId: id });
    suppliers.set(key, { id, api: await apiAs(base, email, password) });
  }
  const members = new Map<number, { id: number; api: ApiClient }>();
  for (const [ref, id] of parties.memberIds) {
    const email = `member${ref}@claims.example`;
    const password = "member-password-1";
    await admin.post("/api/v1/users", { email, password, role: "member", memberId: id });
    members.set(ref, { id, api: await apiAs(base, email, password) });
  }
  const programIds = new Map<string, number>();
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
        : {
            supplierId,
            customerKey: alias.customerKey,
            memberId: members.get(alias.member)!.id,
          },
    );
  }
  if (options.reports !== "none") {
    for (const month of truth.months)
      for (const s of truth.suppliers) {
        const file = fixturePath(`scenario-q1/reports/${s.reports[month]}`);
        const done = await ingest(suppliers.get(s.key)!.api, file, month);
        if (done.status !== "active") throw new Error(`${s.key} ${month}: ${done.message}`);
      }
    const { supplier, month, file } = truth.correction;
    const done = await ingest(
      suppliers.get(supplier)!.api,
      fixturePath(`scenario-q1/reports/${file}`),
      month,
    );
    if (done.status !== "active") throw new Error(`correction: ${done.message}`);
  }
  return { admin, suppliers, members, programIds };
}

export function claimForm(path: string, name = basename(path)): FormData {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(path)]), name);
  return form;
}

/** Polls the upload until it is done or failed; returns it as the API shows it. */
export async function waitForClaimUpload(api: ApiClient, id: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/api/v1/claim-uploads/${id}`);
    if (res.status !== 200)
      throw new Error(`upload ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (!["queued", "processing"].includes(res.body.status)) return res.body as Json;
    if (Date.now() > deadline) throw new Error(`claim upload ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Uploads a file as `api` (a member) and waits for its outcome. */
export async function uploadClaims(api: ApiClient, path: string, name?: string): Promise<Json> {
  const res = await api.post("/api/v1/claims", claimForm(path, name));
  if (res.status !== 202)
    throw new Error(`claim upload ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForClaimUpload(api, res.body.id);
}
