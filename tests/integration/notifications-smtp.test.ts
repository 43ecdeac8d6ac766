// One event end to end over a real SMTP server started here (no mocked transport): a run posted
// reaches by e-mail exactly the members with a posting who have users (and the supplier's staff),
// each once, in each one's language, with the link to its screen; a second post sends nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { apiAs, type ApiClient } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { mailEnv, startSmtp, type TestSmtp } from "@tests/setup/smtp";

const PORTAL = "http://portal.test";
let smtp: TestSmtp;
let server: TestServer;
let admin: ApiClient;
let programId: number;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({
    env: mailEnv(smtp, PORTAL, { MAIL_FROM: "tierpool <notices@portal.test>" }),
  });
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplierId = (
    await admin.post("/api/v1/suppliers", { name: "Paulista", currency: "USD", language: "pt-BR" })
  ).body.id;
  const members = (
    await admin.post("/api/v1/members", [
      { name: "Alarmas AAA", taxId: "AAA", country: "MX", joinedOn: "2020-01-01" },
      { name: "Biometría BBB", taxId: "BBB", country: "MX", joinedOn: "2020-01-01" },
      { name: "Cámaras CCC", taxId: "CCC", country: "MX", joinedOn: "2020-01-01" },
      { name: "Domótica DDD", taxId: "DDD", country: "MX", joinedOn: "2020-01-01" },
    ])
  ).body as { id: number; taxId: string }[];
  const id = (taxId: string) => members.find((m) => m.taxId === taxId)!.id;
  programId = (
    await admin.post("/api/v1/programs", {
      ...specExampleProgram(supplierId),
      name: "Paulista 2026",
    })
  ).body.id;
  // AAA reads English, BBB Portuguese, CCC nothing set (Spanish); DDD buys nothing this month.
  const people: [string, Record<string, unknown>, string | null][] = [
    ["a@smtp.example", { role: "member", memberId: id("AAA") }, "en"],
    ["b@smtp.example", { role: "member", memberId: id("BBB") }, "pt-BR"],
    ["c@smtp.example", { role: "member", memberId: id("CCC") }, null],
    ["d@smtp.example", { role: "member", memberId: id("DDD") }, "en"],
    ["staff@smtp.example", { role: "supplier", supplierId }, null],
  ];
  for (const [email, scope, locale] of people) {
    const user = await admin.post("/api/v1/users", {
      email,
      password: "smtp-password-1",
      ...scope,
    });
    server.sql("UPDATE users SET locale = ? WHERE id = ?", locale, user.body.id);
  }
  insertActiveReport(server.dbPath, supplierId, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
    { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
  ]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("a run posted, by e-mail", () => {
  it("reaches each member with a posting and the supplier's staff once, in their language", async () => {
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
    const runId = preview.body.id;
    expect((await admin.post(`/api/v1/allocation-runs/${runId}/post`)).status).toBe(200);
    await smtp.waitFor(() => smtp.delivered.length >= 4, 20_000, "four messages");
    // Another post of the same run, and time for any stray message to arrive: none does.
    expect((await admin.post(`/api/v1/allocation-runs/${runId}/post`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const byRecipient = Object.fromEntries(
      smtp.delivered.map((m) => [
        m.to.join(","),
        { subject: (m.mail.subject ?? "").replace(/\u00a0/g, " ") },
      ]),
    );
    expect(smtp.delivered).toHaveLength(4);
    expect(Object.keys(byRecipient).sort()).toEqual([
      "a@smtp.example",
      "b@smtp.example",
      "c@smtp.example",
      "staff@smtp.example",
    ]);
    expect(byRecipient["a@smtp.example"].subject).toBe(
      "Paulista 2026, January 2026: $360.00 posted to your refunds",
    );
    expect(byRecipient["b@smtp.example"].subject).toBe(
      "Paulista 2026, janeiro de 2026: US$ 180,00 lançados nos seus reembolsos",
    );
    expect(byRecipient["c@smtp.example"].subject).toBe(
      "Paulista 2026, enero de 2026: USD 180.00 registrados en sus reembolsos",
    );
    // The staff's own language is unset: their supplier's (Portuguese) is used.
    expect(byRecipient["staff@smtp.example"].subject).toBe(
      "Paulista 2026, janeiro de 2026: US$ 800,00 em reembolsos lançados; agora você deve US$ 800,00",
    );
    const a = smtp.delivered.find((m) => m.to[0] === "a@smtp.example")!;
    expect(a.mail.text).toContain(
      `Open in the portal: ${PORTAL}/member/statement?from=2026-01&to=2026-01`,
    );
    expect(a.mail.html).toContain(`href="${PORTAL}/member/statement?from=2026-01&amp;to=2026-01"`);
    expect(a.mail.html).toContain('<html lang="en">');
    expect(a.header("list-unsubscribe")).toMatch(/^<http:\/\/portal\.test\/unsubscribe\//);
  });
});
