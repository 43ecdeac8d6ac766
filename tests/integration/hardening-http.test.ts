// SPEC 8 at the HTTP edge, over real sockets (decision 040): bodies refused with 413 as they
// arrive while the server's memory stays flat, upload parts that leave nothing behind, file names
// with `=`, `;`, quotes and unicode, malformed headers answered 4xx without a stack, proxy headers
// ignored unless TRUST_PROXY says so, and the security headers of every answer.
import { readdirSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "@tests/setup/fixtures";
import { apiAs, BrowserSession, type ApiClient } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const MB = 1024 * 1024;
const SUPPLIER = { email: "s@axion.example", password: "axion-password-1" };

let server: TestServer;
let dir: string;
let uploadsTmp: string;
let admin: ApiClient;
let supplier: ApiClient;
let supplierId: number;

const env = () => ({ TMPDIR: uploadsTmp });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tierpool-hardening-http-"));
  uploadsTmp = join(dir, "tmp");
  mkdirSync(uploadsTmp);
  server = await startServer({ dir, env: env() });
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const user = { ...SUPPLIER, role: "supplier", supplierId };
  expect((await admin.post("/api/v1/users", user)).status).toBe(201);
  supplier = await apiAs(server.url, SUPPLIER.email, SUPPLIER.password);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The server process's resident memory now, in MB (VmRSS of /proc/<pid>/status). */
function serverRssMb(): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Samples the server's RSS every 20 ms while `work` runs; returns its result and the peak. */
async function watchingRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = serverRssMb();
  const timer = setInterval(() => (peakMb = Math.max(peakMb, serverRssMb())), 20);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, serverRssMb()) };
  } finally {
    clearInterval(timer);
  }
}

type Streamed = { status: number; headers: IncomingHttpHeaders; body: string; sent: number };

/**
 * POSTs a body generated on the fly (chunked: no Content-Length), with backpressure, and stops
 * sending as soon as the answer arrives. A reset after the answer is not an error.
 */
function streamPost(
  path: string,
  headers: Record<string, string>,
  chunks: Iterable<Buffer>,
): Promise<Streamed> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let wake = () => {};
    const req = request({ host: hostname, port, method: "POST", path, headers });
    req.on("response", (res) => {
      answered = true;
      wake();
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body, sent });
      });
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      for (const chunk of chunks) {
        if (answered) return;
        sent += chunk.length;
        if (!req.write(chunk))
          await new Promise<void>((r) => {
            wake = r;
            req.once("drain", r);
          });
      }
      if (!answered) req.end();
    })().catch(() => {});
  });
}

/** `total` bytes of `fill` after `head`, 64 KiB at a time, made as they are sent. */
function* generated(head: string, total: number, fill = "a"): Generator<Buffer> {
  yield Buffer.from(head);
  const chunk = Buffer.alloc(64 * 1024, fill);
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}

const BOUNDARY = "----tierpool-hardening-boundary";
const multipart = { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` };
const bearer = (api: ApiClient) => ({ Authorization: `Bearer ${api.token}` });

/** Multipart parts of `size` bytes each, made as they are sent, then the closing boundary. */
function* parts(names: string[], size: number, { files = true } = {}): Generator<Buffer> {
  for (const name of names) {
    const filename = files ? `; filename="${name}.bin"` : "";
    yield Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${BOUNDARY}--\r\n`);
}

function uploadsInFlight(): string[] {
  try {
    return readdirSync(join(uploadsTmp, "tierpool-uploads"));
  } catch {
    return [];
  }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe("request bodies are refused with 413 as they arrive, memory flat", () => {
  it("a 200 MB chunked JSON body to /api/v1/tokens (no login needed)", async () => {
    const { result, peakMb } = await watchingRss(() =>
      streamPost(
        "/api/v1/tokens",
        { "Content-Type": "application/json" },
        generated('{"email":"a@b.example","password":"', 200 * MB),
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({
      error: {
        code: "body_too_large",
        message: "The request is larger than 1 MiB, the most this address takes.",
      },
    });
    expect(result.headers.connection).toBe("close");
    expect(result.sent).toBeLessThan(50 * MB);
    expect(peakMb).toBeLessThan(300);
  });

  it("three such bodies at once", async () => {
    const { result, peakMb } = await watchingRss(() =>
      Promise.all(
        [1, 2, 3].map(() =>
          streamPost(
            "/api/v1/tokens",
            { "Content-Type": "application/json" },
            generated('{"email":"', 200 * MB),
          ),
        ),
      ),
    );
    expect(result.map((r) => r.status)).toEqual([413, 413, 413]);
    expect(peakMb).toBeLessThan(300);
  });

  it("a 200 MB form to /login: a plain page in the reader's language", async () => {
    const { result, peakMb } = await watchingRss(() =>
      streamPost(
        "/login",
        {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: server.url,
          "Accept-Language": "pt-BR",
        },
        generated("email=a%40b.example&password=", 200 * MB),
      ),
    );
    expect(result.status).toBe(413);
    expect(result.headers["content-type"]).toMatch(/^text\/html/);
    expect(result.body).toContain(
      "A requisição tem mais de 1 MiB, o máximo que este endereço aceita.",
    );
    expect(result.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(result.sent).toBeLessThan(50 * MB);
    expect(peakMb).toBeLessThan(300);
  });

  it("a declared Content-Length over the limit is refused before any of the body is read", async () => {
    const res = await new Promise<Streamed>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const req = request({
        host: hostname,
        port,
        method: "POST",
        path: "/api/v1/tokens",
        headers: { "Content-Type": "application/json", "Content-Length": String(200 * MB) },
      });
      req.on("response", (r) => {
        let body = "";
        r.on("data", (d) => (body += d));
        r.on("end", () => {
          req.destroy();
          resolve({ status: r.statusCode!, headers: r.headers, body, sent: 0 });
        });
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("body_too_large");
  });

  it("a body just under 1 MiB is still read (and judged by the route)", async () => {
    const res = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "a@b.example", password: "x".repeat(MB - 100) }),
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it("the upload route has its own limit: a 60 MiB chunked file is the file's 413", async () => {
    const { result, peakMb } = await watchingRss(() =>
      streamPost(
        "/api/v1/reports",
        { ...multipart, ...bearer(supplier) },
        parts(["file"], 60 * MB),
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error).toEqual({
      code: "file_too_large",
      message: "The file is larger than 50 MiB, the most we accept.",
    });
    expect(peakMb).toBeLessThan(300);
    expect(uploadsInFlight()).toEqual([]);
  });
});

describe("upload parts leave nothing behind", () => {
  it("500 extra file parts → 400, no file left", async () => {
    const form = new FormData();
    form.set("period", "2026-03");
    for (let i = 0; i < 501; i++)
      form.append("file", new Blob([`part ${i}`.repeat(100)]), `part-${i}.csv`);
    const res = await supplier.post("/api/v1/reports", form);
    expect(res).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "bad_request",
          message: 'The upload has more than one part named "file"; send one only.',
        },
      },
    });
    expect(uploadsInFlight()).toEqual([]);
  });

  it("500 parts of other names → 400 naming the first, no file left", async () => {
    const form = new FormData();
    form.set("period", "2026-03");
    form.set("file", new Blob([readFileSync(fixturePath("tricky/header-only.csv"))]), "r.csv");
    for (let i = 0; i < 500; i++) form.append(`extra${i}`, new Blob(["x"]), `x${i}.csv`);
    const res = await supplier.post("/api/v1/reports", form);
    expect(res).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "bad_request",
          message:
            'The upload has a part named "extra0", which is not taken here (only "file", "period", "supplierId").',
        },
      },
    });
    expect(uploadsInFlight()).toEqual([]);
  });

  it("five 40 MB parts without a file part → 400 at the first, memory flat, no file left", async () => {
    const { result, peakMb } = await watchingRss(() =>
      streamPost(
        "/api/v1/reports",
        { ...multipart, ...bearer(supplier) },
        parts(["a", "b", "c", "d", "e"], 40 * MB),
      ),
    );
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body).error.message).toBe(
      'The upload has a part named "a", which is not taken here (only "file", "period", "supplierId").',
    );
    expect(result.sent).toBeLessThan(40 * MB);
    expect(peakMb).toBeLessThan(300);
    expect(uploadsInFlight()).toEqual([]);
  });

  it("a 40 MB field named like a known one → 400 (fields are small)", async () => {
    const result = await streamPost(
      "/api/v1/reports",
      { ...multipart, ...bearer(supplier) },
      parts(["period"], 40 * MB, { files: false }),
    );
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body).error.message).toBe(
      'The field "period" of the upload is longer than 1024 bytes.',
    );
    expect(uploadsInFlight()).toEqual([]);
  });

  it("a client that goes away mid-file leaves no file", async () => {
    const { hostname, port } = new URL(server.url);
    const req = request({
      host: hostname,
      port,
      method: "POST",
      path: "/api/v1/reports",
      headers: { ...multipart, ...bearer(supplier) },
    });
    req.on("error", () => {});
    req.write(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\n\r\n`,
    );
    req.write(Buffer.alloc(2 * MB, 1));
    await expect.poll(() => uploadsInFlight().length).toBe(1);
    req.destroy();
    await expect.poll(() => uploadsInFlight()).toEqual([]);
  });

  it.each([
    ["a=b.xlsx", "scenario-q1/reports/axion-2026-01.xlsx", "2026-01"],
    ["a;b.xlsx", "scenario-q1/reports/axion-2026-02.xlsx", "2026-02"],
    ['a"b.xlsx', "scenario-q1/reports/axion-2026-03.xlsx", "2026-03"],
    ["relatório ñ 日本.xlsx", "scenario-q1/reports/norte-2026-01.xlsx", "2026-04"],
  ])("a file named %s uploads fine and keeps its name", async (name, fixture, period) => {
    const form = new FormData();
    form.set("period", period);
    form.set("file", new Blob([readFileSync(fixturePath(fixture))]), name);
    const res = await supplier.post("/api/v1/reports", form);
    expect(res.status).toBe(202);
    expect(
      query<{ f: string }>("SELECT file_name f FROM reports WHERE id = ?", res.body.id),
    ).toEqual([{ f: name }]);
    expect(uploadsInFlight()).toEqual([]);
  });

  it("leftovers in the upload folder are swept at the next start, a live server's kept", async () => {
    const folder = join(uploadsTmp, "tierpool-uploads");
    mkdirSync(folder, { recursive: true });
    const alive = `${process.pid}-1-another-live-server.upload`; // this test process: alive
    for (const name of ["leftover.upload", "999999999-1-dead.upload", alive])
      writeFileSync(join(folder, name), "x");
    await server.stop({ keepFiles: true });
    server = await startServer({ dir, env: env() });
    expect(uploadsInFlight()).toEqual([alive]);
    rmSync(join(folder, alive));
    supplier = await apiAs(server.url, SUPPLIER.email, SUPPLIER.password);
  });
});

type Raw = { status: number; body: string; headers: IncomingHttpHeaders };

/** A request with exactly these headers (fetch would refuse or rewrite some of them). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Raw> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, setHost: !headers.Host });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Bytes written on a socket as they are, for what no HTTP client would send. */
function rawBytes(text: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(Number(port), hostname, () => socket.end(text));
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (answer += d));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** Anything that looks like a stack frame or a path on this machine. */
const LEAK = /\bat \S+ \(|\bat file:|\/work\/|node_modules|\.(js|ts|tsx):\d+|Error:/;

describe("malformed headers are 4xx, with no stack or path", () => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  it.each<[string, string, string, Record<string, string>, number, string?]>([
    [
      "Origin http://[::1 on a form post",
      "POST",
      "/login",
      { ...form, Origin: "http://[::1" },
      400,
    ],
    ["Origin http://[::1 on a page", "GET", "/login", { Origin: "http://[::1" }, 400],
    [
      "Origin http://[::1 on the API",
      "POST",
      "/api/v1/tokens",
      { "Content-Type": "application/json", Origin: "http://[::1" },
      400,
      "{}",
    ],
    [
      "two Origins",
      "POST",
      "/login",
      { ...form, Origin: "http://a.example, http://b.example" },
      400,
    ],
    ["Referer http://[::1", "POST", "/login", { ...form, Referer: "http://[::1" }, 400],
    ["Host [::1", "GET", "/login", { Host: "[::1" }, 400],
    ["Host with a space", "GET", "/login", { Host: "exa mple.example" }, 400],
    ["Host with a port too large", "GET", "/login", { Host: "localhost:99999" }, 400],
    ["Host with a path", "GET", "/login", { Host: "localhost/evil" }, 400],
    [
      "multipart without boundary",
      "POST",
      "/login",
      { "Content-Type": "multipart/form-data" },
      400,
    ],
    [
      "an upload without boundary",
      "POST",
      "/api/v1/reports",
      { "Content-Type": "multipart/form-data; boundary=" },
      400,
    ],
    ["Content-Type without subtype", "POST", "/login", { "Content-Type": "text" }, 400],
    [
      "Content-Type with a broken parameter",
      "POST",
      "/login",
      { "Content-Type": "text/plain; charset" },
      400,
    ],
    ["JSON to a page", "POST", "/login", { "Content-Type": "application/json" }, 415, "{}"],
    ["no Content-Type on a page: read as a form", "POST", "/login", { Origin: "SELF" }, 401, "x=1"],
    ["Authorization without a token", "GET", "/api/v1/reports", { Authorization: "Bearer" }, 401],
    [
      "Authorization not Bearer",
      "GET",
      "/api/v1/reports",
      { Authorization: "Basic \u00ff\u00fe" },
      401,
    ],
    [
      "X-Forwarded-Host [::1 without a trusted proxy",
      "GET",
      "/login",
      { "X-Forwarded-Host": "[::1" },
      200,
    ],
    ["Accept-Language garbage", "GET", "/login", { "Accept-Language": ";;q=x,,\u00ff-*;q=" }, 200],
    ["Cookie garbage", "GET", "/admin", { Cookie: "tp_session=%E0%A4%A; =;; x=\u00ff" }, 302],
    ["a data request for no route", "GET", "/login?_data=routes%2Fnope", {}, 403],
  ])("%s (%s %s)", async (_, method, path, headers, status, body) => {
    const own = Object.entries(headers).map(([k, v]) => [k, v === "SELF" ? server.url : v]);
    const res = await rawRequest(method, path, Object.fromEntries(own), body);
    expect(res.status).toBe(status);
    expect(res.body).not.toMatch(LEAK);
  });

  it("names the header in the reader's language, as JSON on the API", async () => {
    const res = await rawRequest("GET", "/api/v1/reports", {
      Origin: "http://[::1",
      "Accept-Language": "es",
    });
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: "bad_header",
        message: "La cabecera Origin de la solicitud está mal formada.",
      },
    });
  });

  it("a Content-Length that is not a number, an absolute target that cannot be read → 400", async () => {
    const badLength = await rawBytes(
      "POST /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
    );
    expect(badLength).toMatch(/^HTTP\/1\.1 400 /);
    const badTarget = await rawBytes(
      "GET http://[::1/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    expect(badTarget).toMatch(/^HTTP\/1\.1 400 /);
    for (const answer of [badLength, badTarget]) expect(answer).not.toMatch(LEAK);
  });
});

describe("proxy headers count only under TRUST_PROXY", () => {
  const evil = "evil.example";

  it("without it, X-Forwarded-Host does not make another site's form same-site", async () => {
    const creds = new URLSearchParams(ADMIN).toString();
    const headers = {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-Host": evil,
    };
    const viaOrigin = await rawRequest(
      "POST",
      "/login",
      { ...headers, Origin: `http://${evil}` },
      creds,
    );
    expect(viaOrigin.status).toBe(403);
    const viaReferer = await rawRequest(
      "POST",
      "/login",
      { ...headers, Referer: `http://${evil}/login` },
      creds,
    );
    expect(viaReferer.status).toBe(403);
    expect(viaReferer.headers["set-cookie"]).toBeUndefined();
  });

  it("without it, X-Forwarded-Proto does not make the cookie Secure, nor X-Forwarded-For the address", async () => {
    const s = new BrowserSession(server.url);
    const res = await s.post(
      "/login",
      { email: ADMIN.email, password: "wrong-password-1" },
      {
        "X-Forwarded-For": "203.0.113.7",
      },
    );
    expect(res.status).toBe(401);
    expect(query("SELECT ip FROM audit_log WHERE ip = '203.0.113.7'")).toEqual([]);
    const ok = await s.post("/login", ADMIN, { "X-Forwarded-Proto": "https" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });

  it("with TRUST_PROXY=1 and NODE_ENV=production: the proxy's headers count, http login still works", async () => {
    const proxied = await startServer({
      env: { ...env(), TRUST_PROXY: "1", NODE_ENV: "production" },
    });
    try {
      // Plain http through the proxy: signs in, the cookie is not Secure, pages open.
      const plain = new BrowserSession(proxied.url);
      const res = await plain.post("/login", ADMIN);
      expect(res.status).toBe(302);
      expect(res.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
      expect((await plain.get("/admin")).status).toBe(200);
      // https at the proxy: the cookie is Secure.
      const tls = await new BrowserSession(proxied.url).post("/login", ADMIN, {
        "X-Forwarded-Proto": "https",
      });
      expect(tls.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
      // The proxy says the site is evil.example: a form from there is same-site.
      const forwarded = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: `http://${evil}`,
          "X-Forwarded-Host": evil,
        },
        body: new URLSearchParams(ADMIN).toString(),
      });
      expect(forwarded.status).toBe(302);
      // A malformed forwarded header is now read, so refused.
      const bad = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Host": "[::1" } });
      expect(bad.status).toBe(400);
      // The client's address is the proxy's X-Forwarded-For.
      await new BrowserSession(proxied.url).post(
        "/login",
        { email: ADMIN.email, password: "wrong-password-1" },
        { "X-Forwarded-For": "203.0.113.7" },
      );
      const db = new Database(proxied.dbPath, { readonly: true });
      try {
        expect(
          db.prepare("SELECT count(*) n FROM audit_log WHERE ip = '203.0.113.7'").get(),
        ).toEqual({ n: 1 });
      } finally {
        db.close();
      }
    } finally {
      await proxied.stop();
    }
  });
});

describe("security headers on every answer", () => {
  it("a page: a CSP whose nonce every inline script carries, no framing, nosniff", async () => {
    const res = await fetch(`${server.url}/login`);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("content-security-policy")).not.toContain(", ");
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g)!;
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per render.
    const again = (await fetch(`${server.url}/login`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it.each(["/no-such-page", "/api/v1/openapi.json", "/favicon.ico", "/admin"])(
    "%s carries the headers too",
    async (path) => {
      const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
    },
  );
});
