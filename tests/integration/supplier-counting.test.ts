// Issue 15 item 10 over HTTP: a supplier tells an accepted report from one a posted run counted,
// reads upload numbers that say what they are (refused uploads are numbered too), and an empty
// file is answered as empty, not as "choose the file".
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "~/i18n/format";
import { specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const HOME = "routes/supplier._index";
const DETAIL = "routes/supplier.reports.$id";
const NEW = "routes/supplier.reports.new";
const PASSWORD = "counting-pass-1";
const HEADER = "Invoice Date,Invoice Number,Tax ID,Customer,Net Amount";

let server: TestServer;
let admin: ApiClient;
let api: ApiClient;
let session: BrowserSession;
let programId: number;
const ids: Record<string, number> = {};

function csv(name: string, rows: string[]) {
  const path = join(server.dir, name);
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
  return path;
}

async function month(period: string): Promise<Json> {
  const { status, body } = await session.data("/supplier?year=2026", HOME);
  expect(status).toBe(200);
  return body.months.find((m: Json) => m.period === period);
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" }))
    .body.id;
  await admin.post(
    "/api/v1/members",
    [
      ["AAA", "Seguridad 97"],
      ["BBB", "Vigilancia 10"],
    ].map(([taxId, name]) => ({ name, taxId, country: "MX", joinedOn: "2020-01-01" })),
  );
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  await admin.post("/api/v1/users", {
    email: "axion@supplier.example",
    password: PASSWORD,
    role: "supplier",
    supplierId,
  });
  api = await apiAs(server.url, "axion@supplier.example", PASSWORD);
  session = new BrowserSession(server.url, "en-US");
  await session.login("axion@supplier.example", PASSWORD);
  const january = csv("axion-2026-01.csv", [
    "2026-01-14,F-0114,AAA,Seguridad 97,190000.00",
    "2026-01-28,F-0128,BBB,Vigilancia 10,100000.00",
  ]);
  ids.january = (await ingest(api, january, "2026-01")).id;
  // February: the first file has an unreadable amount and is refused; the second is accepted.
  const refused = await ingest(
    api,
    csv("axion-2026-02-a.csv", ["2026-02-03,F-0203,AAA,Seguridad 97,12O.00"]),
    "2026-02",
  );
  expect([refused.status, refused.version]).toEqual(["rejected", 1]);
  ids.februaryRefused = refused.id;
  const accepted = await ingest(
    api,
    csv("axion-2026-02-b.csv", ["2026-02-03,F-0203,AAA,Seguridad 97,120.00"]),
    "2026-02",
  );
  expect([accepted.status, accepted.version]).toEqual(["active", 2]);
  ids.february = accepted.id;
}, 120_000);
afterAll(() => server?.stop());

describe("accepted is not counted (issue 15 item 10)", () => {
  it("says both accepted months wait for the monthly run before any posting", async () => {
    expect((await month("2026-01")).counting).toEqual({
      state: "waiting",
      programs: ["Axion 2026"],
    });
    expect((await month("2026-02")).counting).toEqual({
      state: "waiting",
      programs: ["Axion 2026"],
    });
    const html = await (await session.get("/supplier?year=2026")).text();
    expect(html.match(/data-state="waiting">Accepted, waiting for the monthly run</g)?.length).toBe(
      2,
    );
  });

  it("says what January's run counted once it is posted, February still waiting", async () => {
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
    expect(preview.status).toBe(201);
    const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(posted.body.status).toBe("posted");
    const db = new Database(server.dbPath, { readonly: true });
    const { postedAt } = db
      .prepare("SELECT posted_at AS postedAt FROM allocation_runs WHERE id = ?")
      .get(preview.body.id) as { postedAt: string };
    db.close();
    expect((await month("2026-01")).counting).toEqual({
      state: "counted",
      runs: [
        {
          programId,
          programName: "Axion 2026",
          currency: "USD",
          runId: preview.body.id,
          runMonth: "2026-01",
          postedAt,
          amountMinor: 29_000_000,
        },
      ],
    });
    expect((await month("2026-02")).counting.state).toBe("waiting");
    const counted = `Counted in Axion 2026&#x27;s run for January 2026, posted on ${formatDate(postedAt, "en-US")}: $290,000.00`;
    const html = await (await session.get("/supplier?year=2026")).text();
    expect(html).toContain(counted);
    expect(html.match(/data-state="waiting">Accepted, waiting for the monthly run</g)?.length).toBe(
      1,
    );
    const detail = await (await session.get(`/supplier/reports/${ids.january}`)).text();
    expect(detail).toContain(counted);
  });

  it("leaves a refused upload with nothing counted or waiting", async () => {
    const { body } = await session.data(`/supplier/reports/${ids.februaryRefused}`, DETAIL);
    expect(body.counting).toEqual({ state: "not_accepted" });
  });
});

describe("upload numbers say what they are", () => {
  it("numbers February's accepted file as upload 2 and explains the refused one", async () => {
    const feb = await month("2026-02");
    expect([feb.latest.version, feb.latest.status, feb.active]).toEqual([2, "active", null]);
    const html = await (await session.get(`/supplier/reports/${ids.february}`)).text();
    expect(html).toContain("<h1>Report for February 2026 · upload 2</h1>");
    expect(html).toContain(
      "Uploads of a month are numbered in the order they arrived, refused ones included: “upload 3” is the third file sent, not the third accepted.",
    );
    const { body } = await session.data(`/supplier/reports/${ids.february}`, DETAIL);
    expect(body.versions.map((v: Json) => [v.version, v.status])).toEqual([
      [2, "active"],
      [1, "rejected"],
    ]);
  });
});

describe("an empty file", () => {
  it("is answered as empty, in the reader's language, and takes no upload number", async () => {
    for (const [language, message] of [
      ["en-US", "The file is empty."],
      ["es-MX", "El archivo está vacío."],
    ] as const) {
      const reader = new BrowserSession(server.url, language);
      await reader.login("axion@supplier.example", PASSWORD);
      const form = new FormData();
      form.set("period", "2026-03");
      form.set("file", new Blob([]), "axion-2026-03.csv");
      const res = await reader.action("/supplier/reports/new", NEW, form, {
        Accept: "application/json",
      });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ error: { code: "file_empty", message } });
    }
    // Without the page's script the form's answer shows the same sentence, not "Choose the file".
    const form = new FormData();
    form.set("period", "2026-03");
    form.set("file", new Blob([]), "axion-2026-03.csv");
    const html = await (await session.post("/supplier/reports/new", form)).text();
    expect(html).toContain('data-code="file_empty"><p>The file is empty.</p>');
    expect(html).not.toContain("Choose the report file");
    const next = await ingest(
      api,
      csv("axion-2026-03.csv", ["2026-03-03,F-0303,AAA,Seguridad 97,50.00"]),
      "2026-03",
    );
    expect(next.version).toBe(1);
  });
});
