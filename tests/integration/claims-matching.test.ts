// Matching a customer key later re-checks claims, over HTTP (SPEC 5.1 and 5.2, decision 068):
// Axion's January and February reports hold three lines of a key no member has ("Público en
// General"); member 1 claims two of those invoices with their CFDI (both pending, since the lines
// are nobody's) and Axion accepts one. When the admin matches the key to member 1, both claims
// turn reported_later in that same request, and the February preview counts the key's lines
// instead of the accepted claim: the purchase once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsPortal, waitForClaimUpload, type ClaimsPortal } from "@tests/setup/claims";
import { cfdiXml } from "@tests/setup/claim-invoices";
import { buildZip } from "@tests/setup/claim-zip";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { apiAs, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const truth = loadTruth();
/** Axion's lines of the key no member has, by invoice number (scenario-q1's truth). */
const AX_1024 = 1_109_559; // January
const AX_1057 = 268_022; // February
const AX_1072 = 1_311_754; // February

let server: TestServer;
let portal: ClaimsPortal;
const got: Record<string, Json> = {};

function invoice(folio: string, date: string, amount: string, sku: string, uuid: string) {
  return cfdiXml({
    series: "AX",
    folio,
    date: `${date}T10:00:00`,
    currency: "USD",
    issuer: "ASD040512JH5",
    receiver: "XPY714465W4B",
    subTotal: amount,
    concepts: [{ sku, quantity: "1", amount }],
    uuid,
  });
}

async function preview() {
  const res = await portal.admin.post("/api/v1/allocation-runs", {
    programId: portal.programIds.get("Axion 2026"),
    month: "2026-02",
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  server = await startServer();
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  portal = await claimsPortal(server.url, admin, { reports: "none" });
  const axion = portal.suppliers.get("axion")!;
  const reports = truth.suppliers.find((s: Json) => s.key === "axion")!.reports;
  for (const m of ["2026-01", "2026-02"])
    expect(
      (await ingest(axion.api, fixturePath(`scenario-q1/reports/${reports[m]}`), m)).status,
    ).toBe("active");
  got.unmatched = (await admin.get(`/api/v1/unmatched?supplierId=${axion.id}`)).body;
  // Member 1 claims AX-1057 and AX-1072 with their CFDI, at the reports' amounts.
  const member = portal.members.get(1)!;
  const zip = buildZip([
    {
      name: "ax-1057.xml",
      content: invoice(
        "1057",
        "2026-02-28",
        "2680.22",
        "SKU-690",
        "0C1E5A41-1057-4A6B-8C2D-0000000A1057",
      ),
    },
    {
      name: "ax-1072.xml",
      content: invoice(
        "1072",
        "2026-02-22",
        "13117.54",
        "SKU-858",
        "0C1E5A41-1072-4A6B-8C2D-0000000A1072",
      ),
    },
  ]);
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(zip)]), "sat.zip");
  const queued = await member.api.post("/api/v1/claims", form);
  expect(queued.status, JSON.stringify(queued.body)).toBe(202);
  got.upload = await waitForClaimUpload(member.api, queued.body.id);
  const [ax1057, ax1072] = got.upload.invoices.map((i: Json) => i.claimId as number);
  got.ids = { ax1057, ax1072 };
  got.accept = await axion.api.post(`/api/v1/claims/${ax1072}/decision`, { decision: "accept" });
  got.before = await preview();
  got.resolved = await admin.post("/api/v1/aliases", {
    supplierId: axion.id,
    customerKey: got.unmatched[0]?.customerKey,
    memberId: member.id,
  });
  got.claims = await Promise.all(
    [ax1057, ax1072].map(async (id) => (await member.api.get(`/api/v1/claims/${id}`)).body),
  );
  got.after = await preview();
}, 300_000);
afterAll(() => server?.stop());

describe("matching a customer key re-checks claims (over HTTP)", () => {
  it("starts with the key unmatched and both claims pending", () => {
    expect(got.unmatched).toHaveLength(1);
    expect(got.unmatched[0]).toMatchObject({ lines: 3, names: ["Público en General"] });
    expect(got.upload).toMatchObject({
      status: "done",
      counts: { reported: 0, pending: 2, notPreferred: 0, refused: 0 },
    });
    expect(got.upload.invoices.map((i: Json) => i.outcome)).toEqual(["pending", "pending"]);
    expect(got.accept.status).toBe(200);
  });

  it("turns both claims reported_later when the admin matches the key", () => {
    expect(got.resolved.status).toBe(201);
    expect(got.resolved.body.linesMatched).toBe(3);
    expect(
      got.claims.map((c: Json) => ({
        status: c.status,
        amountMinor: c.amountMinor,
        reportedAmountMinor: c.reportedAmountMinor,
      })),
    ).toEqual([
      { status: "reported_later", amountMinor: AX_1057, reportedAmountMinor: AX_1057 },
      { status: "reported_later", amountMinor: AX_1072, reportedAmountMinor: AX_1072 },
    ]);
  });

  it("counts the key's lines from then on, and the accepted claim no longer: once", () => {
    const delta = got.after.pooledVolumeMinor - got.before.pooledVolumeMinor;
    // Year to February: the three lines now count; AX-1072 was counted as the claim before.
    expect(delta).toBe(AX_1024 + AX_1057 + AX_1072 - AX_1072);
    const memberId = portal.members.get(1)!.id;
    const volumeOf = (run: Json) =>
      run.members.find((m: Json) => m.memberId === memberId)?.volumeMinor ?? 0;
    expect(volumeOf(got.after) - volumeOf(got.before)).toBe(AX_1024 + AX_1057);
  });
});
