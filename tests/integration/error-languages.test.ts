// The same bad request in English, Spanish and Portuguese: the same code and status, the message
// (and each field problem) in the reader's language — over the API and from a form alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let programId: number;

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplier = await admin.post("/api/v1/suppliers", { name: "Axion", currency: "MXN" });
  const program = await admin.post("/api/v1/programs", {
    supplierId: supplier.body.id,
    name: "Axion 2026",
    currency: "MXN",
    start: "2026-01-01",
    end: "2026-12-31",
    method: "all-units",
    feeBps: 1000,
    tiers: [{ thresholdMinor: 0, rateBps: 100 }],
  });
  expect(program.status).toBe(201);
  programId = program.body.id;
});
afterAll(() => server.stop());

/** An API call as `client`, in the language `acceptLanguage` names. */
async function putIn(client: ApiClient, acceptLanguage: string, path: string, body: unknown) {
  const res = await fetch(client.base + path, {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${client.token}`,
      "Content-Type": "application/json",
      "Accept-Language": acceptLanguage,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const BAD_MONTH = [{ month: "2026-13", from: "BRL", to: "MXN", rate: "3.4" }];
const BAD_RATE = [{ month: "2026-01", from: "BRL", to: "MXN", rate: "abc" }];

describe("API refusals in the caller's language", () => {
  it.each([
    ["en", "0.month: must be a month written YYYY-MM", "must be a month written YYYY-MM"],
    [
      "es-MX,es;q=0.9",
      "0.month: debe ser un mes escrito AAAA-MM",
      "debe ser un mes escrito AAAA-MM",
    ],
    [
      "pt-BR,pt;q=0.9",
      "0.month: deve ser um mês escrito AAAA-MM",
      "deve ser um mês escrito AAAA-MM",
    ],
  ])("a month that does not exist, in %s", async (language, message, field) => {
    const res = await putIn(admin, language, "/api/v1/fx-rates", BAD_MONTH);
    expect(res).toEqual({
      status: 400,
      body: {
        error: { code: "bad_request", message, details: [{ path: "0.month", message: field }] },
      },
    });
  });

  it.each([
    [
      "en",
      '0.rate: "abc" is not a valid FX rate: write a positive decimal with at most 8 decimal places, like 0.180196.',
    ],
    [
      "es",
      '0.rate: "abc" no es un tipo de cambio válido: escriba un número decimal positivo con hasta 8 decimales, como 0.180196.',
    ],
    [
      "pt-BR",
      '0.rate: "abc" não é uma taxa de câmbio válida: informe um número decimal positivo, com ponto e no máximo 8 casas decimais, como 0.180196.',
    ],
  ])("an engine refusal (a rate that is not a number), in %s", async (language, message) => {
    const res = await putIn(admin, language, "/api/v1/fx-rates", BAD_RATE);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("fx_rate_invalid");
    expect(res.body.error.message).toBe(message);
  });

  it("speaks English to a client that names no language of ours", async () => {
    const res = await putIn(admin, "*", "/api/v1/fx-rates", BAD_MONTH);
    expect(res.body.error.message).toBe("0.month: must be a month written YYYY-MM");
  });

  it("follows the user's own language setting over Accept-Language", async () => {
    await admin.post("/api/v1/users", {
      email: "ana@consorcio.example",
      password: "ana-password-1",
      role: "admin",
    });
    const tab = new BrowserSession(server.url);
    await tab.login("ana@consorcio.example", "ana-password-1");
    const saved = await tab.action("/account", "routes/account", {
      intent: "locale",
      locale: "pt-BR",
    });
    expect(saved.status).toBe(200);
    const ana = await apiAs(server.url, "ana@consorcio.example", "ana-password-1");
    const res = await putIn(ana, "es", "/api/v1/fx-rates", BAD_MONTH);
    expect(res.body.error.message).toBe("0.month: deve ser um mês escrito AAAA-MM");
  });

  it("refuses a missing token in the caller's language", async () => {
    const res = await fetch(`${server.url}/api/v1/members`, {
      headers: { "Accept-Language": "es" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "Se necesita un token de acceso (bearer) válido." },
    });
  });
});

describe("form refusals in the reader's language", () => {
  it.each([
    ["en", "amount: is not an amount", "is not an amount"],
    ["es-MX", "amount: no es un importe", "no es un importe"],
    ["pt-BR", "amount: não é um valor", "não é um valor"],
  ])(
    "an amount that is not one, typed on the receivables screen in %s",
    async (language, message, field) => {
      const tab = new BrowserSession(server.url);
      await tab.login(ADMIN.email, ADMIN.password);
      const res = await tab.action(
        "/admin/receivables",
        "routes/admin.receivables",
        {
          programId: String(programId),
          amount: "abc",
          receivedOn: "2026-03-30",
          reference: "TRF-1",
        },
        { "Accept-Language": language },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: "bad_request",
        message,
        details: [{ path: "amount", message: field }],
      });
    },
  );
});
