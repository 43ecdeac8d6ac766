// Every file of fixtures/claims, uploaded over HTTP in its order by the member it names, gets the
// outcome, amount and lines expected.json says (SPEC 5.2); the bad files are refused with a
// clear message and nothing of them is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimFixture,
  claimsExpected,
  claimsPortal,
  uploadClaims,
  type ClaimsPortal,
} from "@tests/setup/claims";
import { apiAs, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let portal: ClaimsPortal;
const uploads: Json[] = [];
const claimsById = new Map<number, Json>();

beforeAll(async () => {
  server = await startServer();
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  portal = await claimsPortal(server.url, admin);
  for (const u of claimsExpected.uploads) {
    const member = portal.members.get(u.member)!;
    const done = await uploadClaims(member.api, claimFixture(u.file));
    uploads.push(done);
    for (const i of done.invoices)
      if (i.claimId)
        claimsById.set(i.claimId, (await member.api.get(`/api/v1/claims/${i.claimId}`)).body);
  }
}, 300_000);
afterAll(() => server?.stop());

const supplierKeyOf = (id: number) => [...portal.suppliers].find(([, s]) => s.id === id)?.[0];

describe("fixtures/claims over HTTP", () => {
  it.each(
    (claimsExpected.uploads as Json[]).map((u, i) => [u.file as string, i] as [string, number]),
  )("%s: every invoice's outcome, amount and lines, and the upload's counts", (_file, i) => {
    const want = claimsExpected.uploads[i];
    const got = uploads[i];
    expect(got.status).toBe("done");
    expect(got.counts).toEqual(want.counts);
    expect(got.invoices.map((x: Json) => [x.file, x.outcome])).toEqual(
      want.invoices.map((x: Json) => [x.file, x.outcome]),
    );
    for (const [n, w] of want.invoices.entries()) {
      const inv = got.invoices[n];
      if (w.outcome === "refused" || w.outcome === "skipped" || w.outcome === "not_preferred") {
        expect(inv.claimId, w.file).toBeUndefined();
        expect(inv.message, w.file).toEqual(expect.any(String));
        continue;
      }
      const claim = claimsById.get(inv.claimId)!;
      expect(supplierKeyOf(claim.supplierId)).toBe(w.supplier);
      expect({
        status: claim.status,
        invoiceNumber: claim.invoiceNumber,
        documentKey: claim.uuid ?? claim.accessKey,
        invoiceDate: claim.invoiceDate,
        currency: claim.currency,
        amountMinor: claim.amountMinor,
        lines: claim.lines,
        ...(w.reportedAmountMinor !== undefined
          ? { reportedAmountMinor: claim.reportedAmountMinor }
          : {}),
      }).toEqual({
        status: w.outcome,
        invoiceNumber: w.invoiceNumber,
        documentKey: w.uuid ?? w.accessKey,
        invoiceDate: w.invoiceDate,
        currency: w.currency,
        amountMinor: w.amountMinor,
        lines: w.lines,
        ...(w.reportedAmountMinor !== undefined
          ? { reportedAmountMinor: w.reportedAmountMinor }
          : {}),
      });
    }
  });

  it("tells why each refused invoice was refused, by code", () => {
    const codes = uploads.flatMap((u) =>
      u.invoices.filter((i: Json) => i.outcome === "refused").map((i: Json) => [i.file, i.code]),
    );
    expect(Object.fromEntries(codes)).toMatchObject({
      "other-company-AX-7004.xml": "invoice_addressed_elsewhere",
      "axion-AX-7001-copy.xml": "invoice_already_claimed",
      "axion-AX-6950-2025.xml": "invoice_outside_programs",
    });
  });

  it("puts the pending claims in their supplier's queue, and only there", async () => {
    const axion = portal.suppliers.get("axion")!;
    const queue = await axion.api.get("/api/v1/claims?status=pending");
    expect(queue.status).toBe(200);
    expect(queue.body.map((c: Json) => c.invoiceNumber).sort()).toEqual(
      ["AX-7001", "AX-7003", "AX-7010", "NCA-7005"].sort(),
    );
    const norte = portal.suppliers.get("norte")!;
    const other = await norte.api.get(`/api/v1/claims?supplierId=${axion.id}`);
    expect(other.status).toBe(403);
  });
});

describe("bad claim files", () => {
  const BAD = [
    "bad/xxe-passwd.xml",
    "bad/billion-laughs.xml",
    "bad/zip-slip.zip",
    "bad/zip-bomb.zip",
    "bad/invoice-pdf.xml",
  ];

  it.each(BAD)("%s is refused with a clear message and stores no claim", async (file) => {
    const member = portal.members.get(1)!;
    const before = (await portal.admin.get("/api/v1/claims")).headers.get("X-Total-Count");
    const done = await uploadClaims(member.api, claimFixture(file));
    const refusals = done.status === "failed" ? [done] : done.invoices;
    expect(done.counts.pending + done.counts.reported).toBe(0);
    for (const r of refusals) {
      expect(r.code, JSON.stringify(done)).toEqual(expect.any(String));
      expect(r.message).toEqual(expect.any(String));
    }
    if (done.status === "done")
      expect(done.invoices.every((i: Json) => i.outcome === "refused")).toBe(true);
    const after = (await portal.admin.get("/api/v1/claims")).headers.get("X-Total-Count");
    expect(after).toBe(before);
    // The server keeps answering.
    expect((await member.api.get("/api/v1/claims")).status).toBe(200);
  });
});
