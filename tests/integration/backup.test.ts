// npm run backup while the server writes: the copy opens and passes PRAGMA integrity_check.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, ROOT, startServer, type TestServer } from "@tests/setup/server";
import { apiAs } from "@tests/setup/http";

const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

it("writes a consistent copy during writes", async () => {
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  let writing = true;
  let written = 0;
  const writer = (async () => {
    while (writing) {
      const res = await admin.post("/api/v1/members", {
        name: `Busy ${written}`,
        taxId: `BUSY${written}`,
        country: "MX",
        joinedOn: "2025-01-01",
      });
      expect(res.status).toBe(201);
      written++;
    }
  })();
  while (written < 5) await new Promise((r) => setTimeout(r, 20));
  const target = join(server.dir, "copy.db");
  const { stdout } = await run(process.execPath, ["scripts/backup.js", target], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: server.dbPath },
  });
  writing = false;
  await writer;
  expect(stdout).toContain("integrity ok");
  const copy = new Database(target, { readonly: true });
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  const copied = (
    copy.prepare("SELECT count(*) n FROM members WHERE name LIKE 'Busy %'").get() as { n: number }
  ).n;
  copy.close();
  expect(copied).toBeGreaterThanOrEqual(5);
  expect(copied).toBeLessThanOrEqual(written);
});
