// The reader's format region over HTTP (decision 058): from the browser's Accept-Language when the
// account has none, chosen on sign-in (with its language) or on the account page, "automatic" to
// follow the browser again; the root loader gives it to every page, and page titles name the page.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function settings(email: string) {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT locale, region FROM users WHERE email = ?`).get(email);
  } finally {
    db.close();
  }
}

async function rootData(tab: BrowserSession) {
  const res = await tab.data("/account", "root");
  expect(res.status).toBe(200);
  return { locale: res.body.locale, region: res.body.region };
}

describe("the format region", () => {
  it.each([
    ["es-CO,es;q=0.9", { locale: "es", region: "es-CO" }],
    ["es", { locale: "es", region: "es-MX" }],
    ["es-ES", { locale: "es", region: "es-CO" }],
    ["pt-PT,pt;q=0.8", { locale: "pt-BR", region: "pt-BR" }],
    ["de-DE,en-GB;q=0.5", { locale: "en", region: "en-US" }],
  ])("follows a browser asking for %s while the account has none", async (language, expected) => {
    const tab = new BrowserSession(server.url, language);
    await tab.login(ADMIN.email, ADMIN.password);
    expect(await rootData(tab)).toEqual(expected);
  });

  it("is chosen on sign-in together with its language, and kept", async () => {
    const tab = new BrowserSession(server.url, "en-US");
    const res = await tab.post("/login", {
      email: ADMIN.email,
      password: ADMIN.password,
      region: "es-AR",
    });
    expect(res.status).toBe(302);
    expect(settings(ADMIN.email)).toEqual({ locale: "es", region: "es-AR" });
    expect(await rootData(tab)).toEqual({ locale: "es", region: "es-AR" });
    // Signing in again "as saved" changes nothing.
    await new BrowserSession(server.url, "pt-BR").login(ADMIN.email, ADMIN.password);
    expect(settings(ADMIN.email)).toEqual({ locale: "es", region: "es-AR" });
  });

  it("is set apart from the language on the account page, or left to the browser", async () => {
    const tab = new BrowserSession(server.url, "es-CL");
    await tab.login(ADMIN.email, ADMIN.password);
    const save = (form: Record<string, string>) =>
      tab.action("/account", "routes/account", { intent: "locale", ...form });
    expect((await save({ locale: "en", region: "es-CO" })).body).toEqual({
      saved: true,
      reading: true,
    });
    expect(settings(ADMIN.email)).toEqual({ locale: "en", region: "es-CO" });
    expect(await rootData(tab)).toEqual({ locale: "en", region: "es-CO" });
    // Without a region field the saved one stays; "" follows the browser again.
    await save({ locale: "pt-BR" });
    expect(settings(ADMIN.email)).toEqual({ locale: "pt-BR", region: "es-CO" });
    await save({ locale: "es", region: "" });
    expect(settings(ADMIN.email)).toEqual({ locale: "es", region: null });
    expect(await rootData(tab)).toEqual({ locale: "es", region: "es-CL" });
    // A region that is not one of ours is refused and nothing changes.
    expect((await save({ locale: "en", region: "fr-FR" })).status).toBe(400);
    expect(settings(ADMIN.email)).toEqual({ locale: "es", region: null });
  });

  it("names each page in its title, in the reader's language", async () => {
    const tab = new BrowserSession(server.url, "pt-BR");
    await tab.login(ADMIN.email, ADMIN.password);
    await tab.action("/account", "routes/account", { intent: "locale", locale: "pt-BR" });
    const html = await (await tab.get("/admin/receivables")).text();
    expect(html).toContain("<title>Contas a receber de fornecedores · tierpool</title>");
    const login = await (await new BrowserSession(server.url, "es-MX").get("/login")).text();
    expect(login).toContain("<title>Iniciar sesión · tierpool</title>");
  });
});
