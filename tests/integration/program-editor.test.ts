// The program editor's form actions over HTTP (SPEC 3.7): a program with a growth basis, limits,
// negotiated baselines and bonus cards created from the editor's fields (named by their path in
// the API's input, amounts in minor units and rates in basis points from the hidden fields),
// refusals at the field that caused them in the reader's language, an edit that removes
// components, and the simulator comparing the saved program with the edited one on past volume.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bpsOf, componentSales, ytd } from "@tests/setup/component-sales";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const INDEX = "routes/admin.programs._index";
const DETAIL = "routes/admin.programs.$id";

let server: TestServer;
let admin: ApiClient;
let supplierId: number;
let en: BrowserSession;
let es: BrowserSession;

const stored = () => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM programs) AS programs,
                (SELECT COUNT(*) FROM program_bonuses) AS bonuses,
                (SELECT COUNT(*) FROM program_baselines) AS baselines`,
      )
      .get();
  } finally {
    db.close();
  }
};

/** The editor's fields for a growth program with a refund cap, a baseline and two bonus cards. */
const editorFields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  terms: "all",
  intent: "create",
  supplierId: String(supplierId),
  name: "Axion growth 2026",
  currency: "USD",
  start: "2026-01-01",
  end: "2026-12-31",
  feeBps: "1000",
  basis: "growth",
  growthPays: "whole",
  "tiers.0.thresholdBps": "0",
  "tiers.0.rateBps": "0",
  "tiers.1.thresholdBps": "200",
  "tiers.1.rateBps": "125",
  "tiers.2.thresholdBps": "400",
  "tiers.2.rateBps": "175",
  volumeCapMinor: "",
  refundCapMinor: "100000",
  minimumRefundMinor: "",
  "baselines.0.month": "2025-01",
  "baselines.0.amountMinor": "5700000",
  "baselines.1.month": "2025-02",
  "baselines.1.amountMinor": "5000000",
  includeCategories: "",
  excludeCategories: "",
  "bonuses.0.name": "Q1 cameras",
  "bonuses.0.categories": "Cameras, ",
  "bonuses.0.skus": "",
  "bonuses.0.start": "2026-01-01",
  "bonuses.0.end": "2026-03-31",
  "bonuses.0.pays": "rate",
  "bonuses.0.rateBps": "150",
  "bonuses.1.name": "Access mix",
  "bonuses.1.categories": "Access",
  "bonuses.1.skus": "",
  "bonuses.1.start": "",
  "bonuses.1.end": "",
  "bonuses.1.pays": "perUnit",
  "bonuses.1.perUnitMinor": "250",
  "bonuses.1.requires.0.category": "Cameras",
  "bonuses.1.requires.0.minVolumeMinor": "5000000",
  ...overrides,
});

let programId: number;

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  ({ supplierId } = await componentSales(admin, server.dir));
  en = new BrowserSession(server.url, "en");
  await en.login(ADMIN.email, ADMIN.password);
  es = new BrowserSession(server.url, "es");
  await es.login(ADMIN.email, ADMIN.password);
}, 120_000);
afterAll(() => server.stop());

describe("creating a program in the editor", () => {
  it("saves the growth basis, limits, baselines and bonus cards exactly as the API reads them", async () => {
    const res = await en.action("/admin/programs", INDEX, editorFields());
    expect(res.status).toBe(200);
    programId = res.body.created;
    const program = (await admin.get("/api/v1/programs")).body.find(
      (p: { id: number }) => p.id === programId,
    );
    expect(program).toMatchObject({
      supplierId,
      name: "Axion growth 2026",
      currency: "USD",
      method: "all-units",
      feeBps: 1000,
      basis: "growth",
      growthPays: "whole",
      tiers: [
        { thresholdBps: 0, rateBps: 0 },
        { thresholdBps: 200, rateBps: 125 },
        { thresholdBps: 400, rateBps: 175 },
      ],
      refundCapMinor: 100_000,
      baselines: [
        { month: "2025-01", amountMinor: 5_700_000 },
        { month: "2025-02", amountMinor: 5_000_000 },
      ],
      bonuses: [
        {
          name: "Q1 cameras",
          categories: ["Cameras"],
          skus: [],
          start: "2026-01-01",
          end: "2026-03-31",
          rateBps: 150,
          perUnitMinor: null,
          requires: [],
        },
        {
          name: "Access mix",
          categories: ["Access"],
          skus: [],
          start: null,
          end: null,
          rateBps: null,
          perUnitMinor: 250,
          requires: [{ category: "Cameras", minVolumeMinor: 5_000_000 }],
        },
      ],
    });
    expect(program).not.toHaveProperty("volumeCapMinor");
    expect(program).not.toHaveProperty("minimumRefundMinor");
  });

  it("refuses each wrong field at its own path, in English and in Spanish, storing nothing", async () => {
    const before = stored();
    const wrong = editorFields({
      name: "Wrong",
      refundCapMinor: "50000",
      minimumRefundMinor: "60000",
      "tiers.2.thresholdBps": "100",
      "baselines.0.month": "2024-05",
      "bonuses.0.end": "2027-01-31",
      "bonuses.1.requires.0.category": " ",
    });
    const answer = await en.action("/admin/programs", INDEX, wrong);
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([
      { path: "tiers.2.thresholdBps", message: "must be above the previous tier's threshold" },
      { path: "baselines.0.month", message: "must be a month from 2025-01 to 2025-12" },
      { path: "minimumRefundMinor", message: "cannot be above the refund cap" },
      { path: "bonuses.0.end", message: "must be a date from 2026-01-01 to 2026-12-31" },
      { path: "bonuses.1.requires.0.category", message: "is required" },
    ]);
    expect(answer.body.values).toMatchObject({ "bonuses.0.end": "2027-01-31" });
    const spanish = await es.action("/admin/programs", INDEX, wrong);
    expect(spanish.status).toBe(400);
    expect(spanish.body.details.map((d: { path: string }) => d.path)).toEqual(
      answer.body.details.map((d: { path: string }) => d.path),
    );
    expect(spanish.body.details[3]).toEqual({
      path: "bonuses.0.end",
      message: "debe ser una fecha del 2026-01-01 al 2026-12-31",
    });
    expect(stored()).toEqual(before);
  });

  it("refuses an unreadable hidden amount instead of guessing, and a bonus with no pay", async () => {
    const before = stored();
    const text = await en.action(
      "/admin/programs",
      INDEX,
      editorFields({ refundCapMinor: "1,000.00" }),
    );
    expect(text.status).toBe(400);
    expect(text.body.details.map((d: { path: string }) => d.path)).toEqual(["refundCapMinor"]);
    const noPay = await en.action(
      "/admin/programs",
      INDEX,
      editorFields({ "bonuses.0.rateBps": "" }),
    );
    expect(noPay.status).toBe(400);
    expect(noPay.body.details.map((d: { path: string }) => d.path)).toEqual(["bonuses.0"]);
    expect(stored()).toEqual(before);
  });
});

describe("editing a program in the editor", () => {
  it("shows the stored components as the editor's fields, typed in the reader's format", async () => {
    const page = await (await en.get(`/admin/programs/${programId}`)).text();
    expect(page).toContain('name="bonuses.1.requires.0.minVolumeMinor" value="5000000"');
    expect(page).toContain('value="50,000.00"');
    const pt = new BrowserSession(server.url, "pt-BR");
    await pt.login(ADMIN.email, ADMIN.password);
    const ptPage = await (await pt.get(`/admin/programs/${programId}`)).text();
    expect(ptPage).toContain('value="50.000,00"');
    expect(ptPage).toContain('value="1,75"');
  });

  it("compares the saved program with the edited one on past volume, component by component", async () => {
    const edited = editorFields({
      intent: "simulate",
      through: "2026-02",
      basis: "volume",
      method: "all-units",
      "tiers.0.thresholdMinor": "0",
      "tiers.0.rateBps": "100",
      "tiers.1.thresholdMinor": "10000000",
      "tiers.1.rateBps": "200",
      "tiers.2.thresholdMinor": "25000000",
      "tiers.2.rateBps": "300",
      refundCapMinor: "",
    });
    for (const k of Object.keys(edited)) if (/^tiers\.\d\.thresholdBps$/.test(k)) delete edited[k];
    for (const k of Object.keys(edited)) if (k.startsWith("bonuses.1")) delete edited[k];
    const res = await en.action(`/admin/programs/${programId}`, DETAIL, edited);
    expect(res.status).toBe(200);
    // Worked independently: saved = growth over the negotiated months (5 % and more reach
    // 175 bp) capped at 1,000.00, Q1 cameras 150 bp, Access mix 2.50 per Access unit once
    // Cameras reach 50,000.00; edited = SPEC 3.2's all-units tiers and Q1 cameras only.
    const month = (m: string, baseline: number) => {
      const { sum } = ytd(m);
      const pooled = sum(() => true);
      const cameras = sum((s) => s.category === "Cameras");
      const accessUnits = sum(
        (s) => s.category === "Access",
        (s) => s.qty,
      );
      expect(pooled * 10_000 >= baseline * (10_000 + 400)).toBe(true);
      const tier = Math.min(bpsOf(pooled, 175), 100_000);
      const q1 = bpsOf(cameras, 150);
      const mix = cameras >= 5_000_000 ? accessUnits * 250 : 0;
      const plain = bpsOf(pooled, pooled >= 10_000_000 ? 200 : 100);
      return {
        saved: {
          month: m,
          pooledVolumeMinor: pooled,
          grossMinor: tier + q1 + mix,
          components: [
            { kind: "tier", name: "tier", grossMinor: tier },
            { kind: "bonus", name: "Q1 cameras", grossMinor: q1 },
            { kind: "bonus", name: "Access mix", grossMinor: mix },
          ],
        },
        edited: {
          month: m,
          pooledVolumeMinor: pooled,
          grossMinor: plain + q1,
          components: [
            { kind: "tier", name: "tier", grossMinor: plain },
            { kind: "bonus", name: "Q1 cameras", grossMinor: q1 },
          ],
        },
      };
    };
    const jan = month("2026-01", 5_700_000);
    const feb = month("2026-02", 10_700_000);
    expect(res.body.offers).toEqual({
      through: "2026-02",
      saved: { currency: "USD", growth: true, months: [jan.saved, feb.saved] },
      edited: { currency: "USD", growth: false, months: [jan.edited, feb.edited] },
    });
    expect(feb.saved.grossMinor).toBe(100_000 + 75_000 + 12_500);
    // Nothing of a simulation is saved.
    const program = (await admin.get("/api/v1/programs")).body.find(
      (p: { id: number }) => p.id === programId,
    );
    expect(program.basis).toBe("growth");
    expect(program.bonuses).toHaveLength(2);
  });

  it("saves an edit that removes the bonuses and the growth basis", async () => {
    const fields = editorFields({
      intent: "edit",
      basis: "volume",
      method: "incremental",
      "tiers.0.thresholdMinor": "0",
      "tiers.0.rateBps": "100",
      "tiers.1.thresholdMinor": "10000000",
      "tiers.1.rateBps": "200",
      volumeCapMinor: "20000000",
      refundCapMinor: "",
    });
    const kept = Object.fromEntries(
      Object.entries(fields).filter(
        ([k]) =>
          !/^(bonuses|baselines)\./.test(k) &&
          !/^tiers\.(\d)\.thresholdBps$/.test(k) &&
          k !== "tiers.2.rateBps",
      ),
    );
    const res = await en.action(`/admin/programs/${programId}`, DETAIL, kept);
    expect(res.body).toEqual({ saved: true });
    const program = (await admin.get("/api/v1/programs")).body.find(
      (p: { id: number }) => p.id === programId,
    );
    expect(program).toMatchObject({
      method: "incremental",
      tiers: [
        { thresholdMinor: 0, rateBps: 100 },
        { thresholdMinor: 10_000_000, rateBps: 200 },
      ],
      volumeCapMinor: 20_000_000,
    });
    for (const gone of ["basis", "growthPays", "refundCapMinor", "baselines", "bonuses"])
      expect(program).not.toHaveProperty(gone);
  });
});
