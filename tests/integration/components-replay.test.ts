// The components fixture (SPEC 3.7) replayed over the API in the order of its timeline: the admin
// sets the consortium up with programs made of components (bonuses with a window and a mix
// condition; a growth basis with a negotiated baseline month), each supplier uploads its reports
// with its own token, the admin previews and posts every run. Every run, component and final
// balance equals expected.json; the answers match the OpenAPI document; the run history keeps the
// components; a preview whose prior-year lines changed is stale.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onConnection } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";
import { fixturePath } from "@tests/setup/fixtures";
import { ApiClient, apiAs, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import {
  nonZeroBalances,
  postMembers,
  type TruthProgram as ScenarioProgram,
} from "@tests/setup/scenario";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

type TruthProgram = ScenarioProgram & {
  basis?: "volume" | "growth";
  growthPays?: "whole" | "increment";
  baselines?: { month: string; amountMinor: number }[];
  bonuses?: Json[];
};
type Truth = {
  members: {
    ref: number;
    name: string;
    taxId: string;
    country: string;
    joinedOn: string;
    leftOn: string | null;
  }[];
  suppliers: {
    key: string;
    name: string;
    currency: string;
    dateOrder: string;
    reports: Record<string, string>;
  }[];
  aliases: Json[];
  programs: TruthProgram[];
  fx: { month: string; from: string; to: string; rate: string }[];
  timeline: (
    | { op: "report"; supplier: string; month: string }
    | { op: "run"; program: string; month: string; label: string }
  )[];
};

const read = (file: string) =>
  JSON.parse(readFileSync(fixturePath(`components/${file}`), "utf8")) as Json;
const truth: Truth = read("truth.json");
const expected: { runs: Json[]; balances: Json[] } = read("expected.json");

let server: TestServer;
let admin: ApiClient;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const suppliers = new Map<string, { id: number; api: ApiClient }>();
const memberIds = new Map<number, number>();
const refOf = new Map<number, number>();
const programs = new Map<string, Json>();
const runs = new Map<string, { preview: Json; posted: Json }>();

/** The program as SPEC 7 takes it: tiers as objects, growth thresholds in basis points. */
function programBody(p: TruthProgram) {
  const growth = p.basis === "growth";
  return {
    supplierId: suppliers.get(p.supplier)!.id,
    name: p.name,
    currency: p.currency,
    start: p.start,
    end: p.end,
    method: p.method,
    feeBps: p.feeBps,
    tiers: p.tiers.map(([threshold, rateBps]) =>
      growth ? { thresholdBps: threshold, rateBps } : { thresholdMinor: threshold, rateBps },
    ),
    includeCategories: p.includeCategories,
    excludeCategories: p.excludeCategories,
    ...(p.basis ? { basis: p.basis } : {}),
    ...(p.growthPays ? { growthPays: p.growthPays } : {}),
    ...(p.baselines ? { baselines: p.baselines } : {}),
    ...(p.bonuses ? { bonuses: p.bonuses } : {}),
  };
}

/** The answer validated against the OpenAPI document's schema for that operation and status. */
function conforms(path: string, method: string, res: { status: number; body: Json }) {
  const schema =
    doc.paths[path][method].responses[String(res.status)].content["application/json"].schema;
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(res.body) ? [] : validate.errors, `${method} ${path}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
  for (const s of truth.suppliers) {
    const created = await admin.post("/api/v1/suppliers", {
      name: s.name,
      currency: s.currency,
      dateOrder: s.dateOrder,
    });
    expect(created.status).toBe(201);
    const email = `${s.key}@components.example`;
    const password = "supplier-password-1";
    await admin.post("/api/v1/users", {
      email,
      password,
      role: "supplier",
      supplierId: created.body.id,
    });
    suppliers.set(s.key, { id: created.body.id, api: await apiAs(server.url, email, password) });
  }
  const members = await postMembers(admin, truth.members);
  truth.members.forEach((m, i) => {
    memberIds.set(m.ref, members.body[i].id);
    refOf.set(members.body[i].id, m.ref);
  });
  for (const p of truth.programs) {
    const created = await admin.post("/api/v1/programs", programBody(p));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    conforms("/programs", "post", created);
    programs.set(p.name, created.body);
  }
  if (truth.fx.length > 0) await admin.put("/api/v1/fx-rates", truth.fx);
  for (const alias of truth.aliases) {
    const supplierId = suppliers.get(alias.supplier)!.id;
    await admin.post(
      "/api/v1/aliases",
      "notMember" in alias
        ? { supplierId, customerKey: alias.customerKey, notMember: true }
        : { supplierId, customerKey: alias.customerKey, memberId: memberIds.get(alias.member) },
    );
  }
  for (const event of truth.timeline) {
    if (event.op === "report") {
      const s = truth.suppliers.find((x) => x.key === event.supplier)!;
      const file = fixturePath(`components/reports/${s.reports[event.month]}`);
      const done = await ingest(suppliers.get(s.key)!.api, file, event.month);
      expect(done.status, `${s.key} ${event.month}: ${JSON.stringify(done.problems)}`).toBe(
        "active",
      );
      continue;
    }
    const programId = programs.get(event.program)!.id;
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: event.month });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    conforms("/allocation-runs", "post", preview);
    const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    conforms("/allocation-runs/{id}/post", "post", posted);
    runs.set(event.label, { preview: preview.body, posted: posted.body });
  }
}, 300_000);

afterAll(() => server?.stop());

/**
 * A run's component as expected.json writes it: `paidOnMinor` is the API's `paidVolumeMinor`,
 * `requiresMet` and `categoryVolumes` its `requirements`. (expected.json's `limits` list is not
 * compared: the API names the last limit that changed the refund, `limit`, as SPEC 3.7 says.)
 */
function asExpected(c: Json): Json {
  const tier = c.kind === "tier";
  return {
    kind: c.kind,
    name: c.name,
    basisMinor: c.basisMinor,
    ...(c.baselineMinor !== undefined ? { baselineMinor: c.baselineMinor } : {}),
    ...(tier ? { paidOnMinor: c.paidVolumeMinor, tierIndex: c.tierIndex } : {}),
    rateBps: c.rateBps,
    grossMinor: c.grossMinor,
    feeMinor: c.feeMinor,
    netMinor: c.netMinor,
    ...(tier
      ? { limit: c.limit ?? null }
      : { requiresMet: (c.requirements ?? []).every((r: Json) => r.met) }),
    ...(c.requirements
      ? {
          categoryVolumes: Object.fromEntries(
            c.requirements.map((r: Json) => [r.category, r.volumeMinor]),
          ),
        }
      : {}),
  };
}

function runAsExpected(got: Json) {
  const kinds = new Map(got.components.map((c: Json) => [c.name, c.kind]));
  return {
    month: got.month,
    pooledVolumeMinor: got.pooledVolumeMinor,
    tierIndex: got.tierIndex,
    rateBps: got.rateBps,
    grossMinor: got.grossMinor,
    feeMinor: got.feeMinor,
    netMinor: got.netMinor,
    posting: got.posting,
    components: got.components.map(asExpected),
    members: got.members.map(({ memberId, components, ...rest }: Json) => ({
      member: refOf.get(memberId),
      ...rest,
      components: components.map((c: Json) => ({ kind: kinds.get(c.name), ...c })),
    })),
  };
}

function expectedRun(want: Json) {
  return {
    month: want.month,
    pooledVolumeMinor: want.pooledVolumeMinor,
    tierIndex: want.tierIndex,
    rateBps: want.rateBps,
    grossMinor: want.grossMinor,
    feeMinor: want.feeMinor,
    netMinor: want.netMinor,
    posting: want.posting,
    components: want.components.map(({ limits: _limits, ...c }: Json) => c),
    members: want.members,
  };
}

describe("the components fixture over HTTP", () => {
  it("creates its programs with their components, as SPEC 7 takes them", () => {
    const lumen = programs.get("Lumen 2026")!;
    expect(lumen).not.toHaveProperty("basis");
    expect(lumen.bonuses).toEqual([
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
        rateBps: 50,
        perUnitMinor: null,
        requires: [
          { category: "Cameras", minVolumeMinor: 5_000_000 },
          { category: "Access", minVolumeMinor: 2_000_000 },
        ],
      },
    ]);
    expect(programs.get("Cablenet 2026")).toMatchObject({
      basis: "growth",
      growthPays: "whole",
      method: "all-units",
      tiers: [
        { thresholdBps: 0, rateBps: 0 },
        { thresholdBps: 200, rateBps: 125 },
        { thresholdBps: 400, rateBps: 175 },
      ],
      baselines: [{ month: "2025-02", amountMinor: 48_000_000 }],
    });
  });

  it.each(expected.runs.map((run: Json) => [run.label] as [string]))(
    "previews and posts %s exactly as expected.json says",
    (label) => {
      const want = expected.runs.find((r: Json) => r.label === label);
      const { preview, posted } = runs.get(label)!;
      expect(runAsExpected(preview)).toEqual(expectedRun(want));
      expect(posted).toEqual({ ...preview, status: "posted" });
    },
  );

  it("ends with every member's balance as expected.json says", async () => {
    const balances = await nonZeroBalances(admin, memberIds);
    const order = (a: Json, b: Json) => a.member - b.member || a.currency.localeCompare(b.currency);
    expect(balances.sort(order)).toEqual([...expected.balances].sort(order));
    const trial = await admin.get("/api/v1/ledger/trial-balance");
    expect(trial.body.totals.every((t: Json) => t.amountMinor === 0)).toBe(true);
  });

  it("keeps each run's components in the run history", async () => {
    const programId = programs.get("Lumen 2026")!.id;
    const history = await admin.get(`/api/v1/allocation-runs?programId=${programId}`);
    expect(history.status).toBe(200);
    conforms("/allocation-runs", "get", history);
    const byLabel = ["lumen 2026-02", "lumen 2026-01"].map((l) => runs.get(l)!.posted);
    expect(history.body).toMatchObject(
      byLabel.map((run) => ({
        id: run.id,
        programId,
        month: run.month,
        status: "posted",
        posting: run.posting,
        components: run.components,
      })),
    );
    expect(history.body.every((r: Json) => typeof r.postedAt === "string")).toBe(true);
    const asSupplier = await suppliers.get("lumen")!.api.get("/api/v1/allocation-runs");
    expect(asSupplier).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it("refuses a preview whose prior-year lines changed since, as stale", async () => {
    const programId = programs.get("Cablenet 2026")!.id;
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-02" });
    expect(preview.status).toBe(201);
    expect(preview.body.posting).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
    // A late January 2025 invoice of member 1 lands in a report of 2025-03: B grows.
    const db = new Database(server.dbPath);
    db.pragma("busy_timeout = 5000");
    try {
      const supplierId = suppliers.get("cablenet")!.id;
      const report = db
        .prepare(
          `SELECT id FROM reports WHERE supplier_id = ? AND period = '2025-03' AND status = 'active'`,
        )
        .pluck()
        .get(supplierId) as number;
      db.prepare(
        `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
           customer_key, amount_minor, currency, member_id)
         VALUES (?, ?, 'Sheet1', 999, '2025-01-30', 'LATE-1', 'SIB090415K7A', 10000000, 'MXN', ?)`,
      ).run(report, supplierId, memberIds.get(1));
      refreshLineTotals(onConnection(db), [report]);
    } finally {
      db.close();
    }
    const stale = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(stale).toMatchObject({ status: 409, body: { error: { code: "run_stale" } } });
    const again = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-02" });
    expect(again.body.components[0].baselineMinor).toBe(
      preview.body.components[0].baselineMinor + 10_000_000,
    );
  });

  it("refuses what SPEC 3.7 refuses, each problem at its field, in the reader's language", async () => {
    const lumen = truth.programs.find((p) => p.name === "Lumen 2026")!;
    const body = {
      ...programBody(lumen),
      name: "Refused",
      method: "incremental",
      basis: "growth",
      tiers: [
        { thresholdBps: 0, rateBps: 100 },
        { thresholdBps: 0, rateBps: 50 },
      ],
      bonuses: [
        { name: "Both", categories: ["Cameras"], rateBps: 100, perUnitMinor: 5 },
        { name: "Late", start: "2026-06-01", end: "2027-01-31", rateBps: 100 },
      ],
    };
    const before = (await admin.get("/api/v1/programs")).body.length;
    const res = await admin.post("/api/v1/programs", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.details).toEqual([
      { path: "method", message: "cannot be incremental: a growth program is paid all-units" },
      { path: "tiers.1.thresholdBps", message: "must be above the previous tier's threshold" },
      { path: "tiers.1.rateBps", message: "must not be below the previous tier's rate" },
      {
        path: "bonuses.0",
        message: "pays either a rate (rateBps) or an amount per unit (perUnitMinor), not both",
      },
      { path: "bonuses.1.end", message: "must be a date from 2026-01-01 to 2026-12-31" },
    ]);
    const spanish = await fetch(`${server.url}/api/v1/programs`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${admin.token}`,
        "Content-Type": "application/json",
        "Accept-Language": "es",
      },
      body: JSON.stringify(body),
    });
    const { error } = (await spanish.json()) as Json;
    expect(error.details[0]).toEqual({
      path: "method",
      message:
        "no puede ser incremental: un programa de crecimiento se paga sobre todas las unidades",
    });
    expect((await admin.get("/api/v1/programs")).body).toHaveLength(before);
  });
});
