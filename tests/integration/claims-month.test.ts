// A month with claims, end to end over HTTP (SPEC 5.2): Norte's January and February reports
// land and their runs post; a member uploads its tax authority ZIP; Norte accepts some claims and
// rejects one, another supplier may not touch them; Norte's March report then holds one of the
// accepted invoices (reported_later); the March run counts the accepted January claim as a
// true-up and the late-reported invoice once. Also every refusal of the claims API, each with
// nothing stored, and the answers checked against the OpenAPI document.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimFixture,
  claimForm,
  claimsPortal,
  uploadClaims,
  type ClaimsPortal,
} from "@tests/setup/claims";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const truth = loadTruth();
const scenario: { runs: Json[] } = JSON.parse(
  readFileSync(fixturePath("scenario-q1/expected.json"), "utf8"),
);
const norteRun = (label: string) => scenario.runs.find((r) => r.label === label)!;

let server: TestServer;
let portal: ClaimsPortal;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const got: Record<string, Json> = {};

/** The claim of `upload` for the invoice numbered `n`. */
const claimIdOf = (upload: Json, n: string) =>
  upload.invoices.find((i: Json) => i.invoiceNumber === n).claimId as number;

async function post(programName: string, month: string) {
  const preview = await portal.admin.post("/api/v1/allocation-runs", {
    programId: portal.programIds.get(programName),
    month,
  });
  expect(preview.status, JSON.stringify(preview.body)).toBe(201);
  const posted = await portal.admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  expect(posted.status).toBe(200);
  return posted.body;
}

function check(path: string, method: string, res: { status: number; body: Json }) {
  const response = doc.paths[path]?.[method]?.responses?.[String(res.status)];
  expect(response, `${method} ${path} ${res.status} undocumented`).toBeDefined();
  const schema = response.content["application/json"].schema;
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(res.body) ? [] : validate.errors, `${method} ${path}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
  portal = await claimsPortal(server.url, admin, { reports: "none" });
  const norte = portal.suppliers.get("norte")!;
  const norteFile = (m: string) =>
    fixturePath(
      `scenario-q1/reports/${truth.suppliers.find((s) => s.key === "norte")!.reports[m]}`,
    );
  for (const m of ["2026-01", "2026-02"]) {
    expect((await ingest(norte.api, norteFile(m), m)).status).toBe("active");
    got[`run ${m}`] = await post("Norte 2026", m);
  }
  // Member 6 uploads the SAT's bulk download (a ZIP); member 4 one XML.
  got.zip = await uploadClaims(portal.members.get(6)!.api, claimFixture("sat-bulk-2026-03.zip"));
  got.no7002 = await uploadClaims(
    portal.members.get(4)!.api,
    claimFixture("cfdi/norte-NO-7002.xml"),
  );
  const no1211 = claimIdOf(got.zip, "NO-1211");
  const no7011 = claimIdOf(got.zip, "NO-7011");
  const ax7010 = claimIdOf(got.zip, "AX-7010");
  const no7002 = claimIdOf(got.no7002, "NO-7002");
  got.ids = { no1211, no7011, ax7010, no7002 };
  // Axion may not decide Norte's claim; Norte decides its own.
  got.axionOnNorte = await portal.suppliers
    .get("axion")!
    .api.post(`/api/v1/claims/${no7011}/decision`, { decision: "accept" });
  got.accept7011 = await norte.api.post(`/api/v1/claims/${no7011}/decision`, {
    decision: "accept",
    categories: [{ sku: "SKU-349", category: "Cameras" }],
  });
  got.accept1211 = await norte.api.post(`/api/v1/claims/${no1211}/decision`, {
    decision: "accept",
  });
  got.reject7002 = await norte.api.post(`/api/v1/claims/${no7002}/decision`, {
    decision: "reject",
    reason: "cancelled",
  });
  got.decideAgain = await norte.api.post(`/api/v1/claims/${no7002}/decision`, {
    decision: "accept",
  });
  got.otherWithoutComment = await portal.suppliers
    .get("axion")!
    .api.post(`/api/v1/claims/${ax7010}/decision`, {
      decision: "reject",
      reason: "other",
    });
  // The March report holds NO-1211: the claim turns reported_later as the report lands.
  expect((await ingest(norte.api, norteFile("2026-03"), "2026-03")).status).toBe("active");
  got.after1211 = await portal.admin.get(`/api/v1/claims/${no1211}`);
  got.run03 = await post("Norte 2026", "2026-03");
  got.balances = new Map<number, number>();
  for (const [ref, m] of portal.members) {
    const b = await portal.admin.get(`/api/v1/members/${m.id}/balance`);
    got.balances.set(
      ref,
      b.body.balances.find((x: Json) => x.currency === "MXN")?.amountMinor ?? 0,
    );
  }
}, 300_000);
afterAll(() => server?.stop());

/** Largest remainder: `total` shared in proportion to `weights`, exact to the cent. */
function allocate(total: number, weights: Map<number, number>): Map<number, number> {
  const sum = [...weights.values()].reduce((a, b) => a + b, 0);
  const shares = [...weights].map(([k, w]) => {
    const exact = BigInt(total) * BigInt(w);
    return { k, floor: Number(exact / BigInt(sum)), rest: Number(exact % BigInt(sum)) };
  });
  let left = total - shares.reduce((a, s) => a + s.floor, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest)) if (left-- > 0) s.floor++;
  return new Map(shares.map((s) => [s.k, s.floor]));
}

describe("a month with claims, end to end", () => {
  it("posts January and February exactly as the scenario without claims", () => {
    for (const m of ["2026-01", "2026-02"]) {
      const want = norteRun(`norte ${m}`);
      expect(got[`run ${m}`].pooledVolumeMinor).toBe(want.pooledVolumeMinor);
      expect(got[`run ${m}`].posting).toEqual(want.posting);
    }
  });

  it("reads the ZIP into each invoice's outcome", () => {
    expect(got.zip.status).toBe("done");
    expect(got.zip.invoices.map((i: Json) => [i.invoiceNumber, i.outcome])).toEqual([
      ["NO-1211", "pending"],
      ["AX-7010", "pending"],
      ["NO-7011", "pending"],
      ["SIV-544", "not_preferred"],
      ["P-7012", "skipped"],
    ]);
    expect(got.zip.counts).toEqual({ reported: 0, pending: 3, notPreferred: 1, refused: 0 });
    check("/claim-uploads/{id}", "get", { status: 200, body: got.zip });
  });

  it("lets the claim's supplier decide it, once, and no other supplier", () => {
    expect(got.axionOnNorte.status).toBe(403);
    expect(got.accept7011.status).toBe(200);
    expect(got.accept7011.body.status).toBe("accepted");
    check("/claims/{id}/decision", "post", got.accept7011);
    expect(got.reject7002.body).toMatchObject({ status: "rejected", reason: "cancelled" });
    expect(got.decideAgain.status).toBe(409);
    expect(got.decideAgain.body.error.code).toBe("claim_not_pending");
    check("/claims/{id}/decision", "post", got.decideAgain);
    expect(got.otherWithoutComment.status).toBe(400);
    expect(got.otherWithoutComment.body.error.details[0].path).toBe("comment");
  });

  it("turns the accepted claim that the March report holds reported_later", () => {
    expect(got.after1211.body).toMatchObject({
      status: "reported_later",
      reportedAmountMinor: 8548973,
      amountMinor: 8548973,
    });
  });

  it("counts the accepted January claim as a true-up and the late-reported invoice once", () => {
    const want = norteRun("norte 2026-03");
    const run = got.run03;
    const claimed = 9383625; // NO-7011, member 6, January
    expect(run.pooledVolumeMinor).toBe(want.pooledVolumeMinor + claimed);
    // Incremental: 0.5 % to 2,000,000.00, 1.5 % above; fee 8 %.
    const volume = run.pooledVolumeMinor;
    const ytdGross = Math.round(200000000 * 0.005 + ((volume - 200000000) * 150) / 10000);
    const ytdFee = Math.round((ytdGross * 800) / 10000);
    expect(run.tierIndex).toBe(1);
    expect(run.grossMinor).toBe(ytdGross);
    expect(run.feeMinor).toBe(ytdFee);
    const posted = ["2026-01", "2026-02"].map((m) => got[`run ${m}`].posting);
    expect(run.posting).toEqual({
      grossMinor: ytdGross - posted[0].grossMinor - posted[1].grossMinor,
      feeMinor: ytdFee - posted[0].feeMinor - posted[1].feeMinor,
      netMinor: ytdGross - ytdFee - posted[0].netMinor - posted[1].netMinor,
    });
    const refOf = new Map([...portal.members].map(([ref, m]) => [m.id, ref]));
    const volumes = new Map<number, number>(
      want.members.map((m: Json) => [m.member, m.volumeMinor + (m.member === 6 ? claimed : 0)]),
    );
    expect(new Map(run.members.map((m: Json) => [refOf.get(m.memberId), m.volumeMinor]))).toEqual(
      volumes,
    );
    const ytd = allocate(ytdGross - ytdFee, volumes);
    expect(new Map(run.members.map((m: Json) => [refOf.get(m.memberId), m.ytdMinor]))).toEqual(ytd);
    for (const [ref, amount] of ytd) expect(got.balances.get(ref), `member ${ref}`).toBe(amount);
  });
});

describe("the claim screens' data", () => {
  it("shows Norte's March: lines reported, claims by status, accepted volume, share missed", async () => {
    const browser = new BrowserSession(server.url);
    await browser.login(ADMIN.email, ADMIN.password);
    const norte = portal.suppliers.get("norte")!.id;
    const january = await browser.data(
      `/claims/reconciliation?supplierId=${norte}&month=2026-01`,
      "routes/claims.reconciliation",
    );
    expect(january.status).toBe(200);
    const reported = january.body.data.reported.MXN;
    expect(january.body.data).toMatchObject({
      month: "2026-01",
      byStatus: [{ status: "accepted", count: 1, amounts: { MXN: 9383625 } }],
      accepted: { MXN: 9383625 },
      missedBps: { MXN: Math.floor((9383625 * 10000) / (reported + 9383625)) },
    });
    const march = await browser.data(
      `/claims/reconciliation?supplierId=${norte}&month=2026-03`,
      "routes/claims.reconciliation",
    );
    expect(march.body.data.byStatus.map((s: Json) => [s.status, s.count])).toEqual([
      ["rejected", 1],
      ["reported_later", 1],
    ]);
    const queue = await browser.data("/admin/claims?status=accepted", "routes/admin.claims");
    expect(queue.body.claims.map((c: Json) => c.invoiceNumber)).toEqual(["NO-7011"]);
  });

  it("keeps a supplier on its own reconciliation whatever supplier the address names", async () => {
    const browser = new BrowserSession(server.url);
    await browser.login("norte@claims.example", "supplier-password-1");
    const axion = portal.suppliers.get("axion")!.id;
    const res = await browser.data(
      `/claims/reconciliation?supplierId=${axion}&month=2026-01`,
      "routes/claims.reconciliation",
    );
    expect(res.body.supplierId).toBe(portal.suppliers.get("norte")!.id);
  });

  it("saves a supplier's tax ids from the admin's supplier form", async () => {
    const browser = new BrowserSession(server.url);
    await browser.login(ADMIN.email, ADMIN.password);
    const andes = portal.suppliers.get("andes")!.id;
    const saved = await browser.action(`/admin/suppliers/${andes}`, "routes/admin.suppliers.$id", {
      intent: "edit",
      name: "Andes Networks",
      currency: "USD",
      dateOrder: "dmy",
      language: "es",
      taxIds: "900482316-4\n900.482.316-5",
    });
    expect(saved.body).toEqual({ saved: true });
    const api = await portal.admin.get(`/api/v1/suppliers/${andes}`);
    expect(api.body.taxIds).toEqual(["900482316-4", "900.482.316-5"]);
    const taken = await browser.action(`/admin/suppliers/${andes}`, "routes/admin.suppliers.$id", {
      intent: "edit",
      name: "Andes Networks",
      currency: "USD",
      taxIds: "NCA980317QWA",
    });
    expect(taken.status).toBe(409);
    expect(taken.body.details[0].path).toBe("taxIds");
  });
});

describe("refusals of the claims API, nothing stored", () => {
  const total = async () => (await portal.admin.get("/api/v1/claims")).headers.get("X-Total-Count");

  it("keeps a member out of another member's claims and uploads", async () => {
    const other = portal.members.get(1)!.api;
    const res = await other.get(`/api/v1/claims/${got.ids.no7011}`);
    expect(res.status).toBe(403);
    expect((await other.get(`/api/v1/claim-uploads/${got.zip.id}`)).status).toBe(403);
    expect((await other.get(`/api/v1/claims?memberId=${portal.members.get(6)!.id}`)).status).toBe(
      403,
    );
    const own = await portal.members.get(6)!.api.get("/api/v1/claims");
    expect(own.body.map((c: Json) => c.invoiceNumber).sort()).toEqual([
      "AX-7010",
      "NO-1211",
      "NO-7011",
    ]);
    check("/claims", "get", own);
  });

  it("refuses a claim of an invoice another member already claimed", async () => {
    const before = await total();
    const form = typedForm({ invoiceNumber: "NO 7011" }, pdf());
    const res = await portal.members.get(2)!.api.post("/api/v1/claims", form);
    expect(res.status).toBe(202);
    const done = await portal.members.get(2)!.api.get(`/api/v1/claim-uploads/${res.body.id}`);
    expect(done.body.invoices[0]).toMatchObject({
      outcome: "refused",
      code: "invoice_already_claimed",
    });
    expect(await total()).toBe(before);
  });

  it("takes a typed claim with a PDF proof, served only as an attachment to those who may see it", async () => {
    const member = portal.members.get(3)!.api;
    const res = await member.post("/api/v1/claims", typedForm({ invoiceNumber: "NO-9901" }, pdf()));
    expect(res.status).toBe(202);
    const done = await member.get(`/api/v1/claim-uploads/${res.body.id}`);
    expect(done.body.invoices[0].outcome).toBe("pending");
    const claimId = done.body.invoices[0].claimId;
    const proof = await fetch(`${server.url}/api/v1/claims/${claimId}/proof`, {
      headers: { Authorization: `Bearer ${member.token}` },
    });
    expect(proof.status).toBe(200);
    expect(proof.headers.get("Content-Disposition")).toMatch(/^attachment; filename="proof.pdf"/);
    expect(proof.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(proof.headers.get("Content-Type")).toBe("application/pdf");
    for (const [who, api, status] of [
      ["another member", portal.members.get(1)!.api, 403],
      ["another supplier", portal.suppliers.get("axion")!.api, 403],
      ["its supplier", portal.suppliers.get("norte")!.api, 200],
      ["the admin", portal.admin, 200],
    ] as const) {
      const r = await fetch(`${server.url}/api/v1/claims/${claimId}/proof`, {
        headers: { Authorization: `Bearer ${api.token}` },
      });
      expect(r.status, who).toBe(status);
    }
  });

  it("refuses a proof that is not a PDF, PNG or JPEG by its bytes, storing nothing", async () => {
    const before = await total();
    const fake = new Blob([Buffer.from("<html><script>alert(1)</script></html>")]);
    const res = await portal.members
      .get(3)!
      .api.post("/api/v1/claims", typedForm({ invoiceNumber: "NO-9902" }, fake, "invoice.pdf"));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("claim_proof_type");
    expect(await total()).toBe(before);
  });

  it("refuses a typed claim with an amount that is not a decimal, and a supplier's upload", async () => {
    const res = await portal.members
      .get(3)!
      .api.post(
        "/api/v1/claims",
        typedForm({ invoiceNumber: "NO-9903", netAmount: "12,34.5" }, pdf()),
      );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("netAmount");
    const supplier = await portal.suppliers
      .get("norte")!
      .api.post("/api/v1/claims", claimForm(claimFixture("cfdi/norte-NO-7002.xml")));
    expect(supplier.status).toBe(403);
  });

  it("changes a supplier's tax ids with PATCH, refusing one another supplier has", async () => {
    const axion = portal.suppliers.get("axion")!.id;
    const taken = await portal.admin.call("PATCH", `/api/v1/suppliers/${axion}`, {
      taxIds: ["ASD040512JH5", "NCA-980317-QWA"],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("tax_id_taken");
    const ok = await portal.admin.call("PATCH", `/api/v1/suppliers/${axion}`, {
      name: "Axion Security Distribution",
      taxIds: ["asd-040512-jh5", "ASM110308KR8"],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.taxIds).toEqual(["asd-040512-jh5", "ASM110308KR8"]);
    check("/suppliers/{id}", "patch", ok);
    check("/suppliers/{id}", "patch", taken);
    const list = await portal.admin.get("/api/v1/suppliers");
    check("/suppliers", "get", list);
  });
});

function pdf() {
  return new Blob([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")]);
}

function typedForm(over: Record<string, string>, proof: Blob, name = "proof.pdf") {
  const form = new FormData();
  const fields = {
    supplierId: String(portal.suppliers.get("norte")!.id),
    invoiceDate: "2026-02-10",
    currency: "MXN",
    netAmount: "1234.50",
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("proof", proof, name);
  return form;
}
