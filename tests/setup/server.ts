// Starts the built server (node server.js) on a free port with a fresh temp database.
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ADMIN = { email: "admin@test.example", password: "admin-password-1" };

export type TestServer = {
  url: string;
  dbPath: string;
  dir: string;
  process: ChildProcess;
  output: () => string;
  /** Runs one statement on the server's database from the test: a query's rows, else none. */
  sql: <T>(query: string, ...args: unknown[]) => T[];
  stop: (opts?: { keepFiles?: boolean; signal?: NodeJS.Signals }) => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on("error", rej);
  });
}

export async function startServer(
  opts: { env?: Record<string, string>; dir?: string } = {},
): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "tierpool-test-"));
  const dbPath = join(dir, "tierpool.db");
  const port = await freePort();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(port),
      DATABASE_PATH: dbPath,
      SESSION_SECRET: "test-secret",
      DEMO: "0",
      // One process per test server (tests run several servers at once); the cluster's own tests
      // ask for more.
      WEB_CONCURRENCY: "1",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${log}`)), 90_000);
    const check = () => {
      if (log.includes("listening on")) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => rej(new Error(`server exited with ${code}:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    dir,
    process: child,
    output: () => log,
    sql: (query, ...args) => sqlOn(dbPath, query, ...args),
    stop: async ({ keepFiles = false, signal = "SIGTERM" } = {}) => {
      // A child killed by a signal has exitCode null but signalCode set: it is gone already.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill(signal);
        await exited;
      }
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One statement on a test server's database, beside its processes (it waits for their locks). */
export function sqlOn<T>(dbPath: string, query: string, ...args: unknown[]): T[] {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  try {
    const stmt = db.prepare(query);
    return (stmt.reader ? stmt.all(...args) : (stmt.run(...args), [])) as T[];
  } finally {
    db.close();
  }
}
