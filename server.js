// The production server: Remix's request handler behind a thin express edge that does, before any
// route runs, what must not be left to routes (decisions 001 and 040):
// - proxy headers (X-Forwarded-Host/-Proto/-For) count only when TRUST_PROXY says a proxy sets them;
// - a malformed header is a 400, and the request's URL is built from checked values only;
// - a body over its path's limit is refused with 413 as its bytes arrive (chunked bodies declare no
//   length), and the connection closed; only the upload paths have a larger limit;
// - security headers on every answer (pages get a CSP with a per-render nonce from entry.server);
// - Remix runs in production mode and errors are answered without stack or path.
// `boot` (migrate, recover jobs, sweep upload leftovers, seed) runs before listening.
import { createRequestHandler } from "@remix-run/node";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { Transform } from "node:stream";

process.env.NODE_ENV ??= "production";
const build = await import("./build/server/index.js");
const { boot, edge } = build.entry.module;
// WEB_CONCURRENCY processes answer requests (default: one per core); with more than one, the
// cluster's primary boots the database, forks them and replaces any that dies (decision 080).
const processes =
  Math.floor(Number(process.env.WEB_CONCURRENCY)) > 0
    ? Math.floor(Number(process.env.WEB_CONCURRENCY))
    : availableParallelism();
const role = cluster.isWorker ? "worker" : processes > 1 ? "primary" : "alone";
await boot(role);

// Only an explicit development run gets Remix's development answers (which carry error stacks).
const handleRequest = createRequestHandler(
  build,
  process.env.NODE_ENV === "development" ? "development" : "production",
);

/** TRUST_PROXY: unset/0/false = no proxy; a number = that many proxies; else addresses/subnets. */
function trustProxy(value = "") {
  const v = value.trim().toLowerCase();
  if (!v || v === "0" || v === "false") return false;
  if (v === "true") return 1;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((s) => s.trim());
}

/** COOKIE_SECURE: 1 = always Secure, 0 = never; unset = Secure when answered over https. */
function secureCookies(req) {
  const setting = (process.env.COOKIE_SECURE ?? "").trim().toLowerCase();
  if (setting === "1" || setting === "true") return true;
  if (setting === "0" || setting === "false") return false;
  return req.protocol === "https";
}

// After an answer sent before the whole body came in, the rest is read and thrown away (so a client
// that sends its whole body before reading, as fetch does, still reads the answer rather than a
// reset) until the client stops for LINGER_IDLE_MS, or LINGER_MAX_MS or LINGER_MAX_BYTES is reached.
const LINGER_IDLE_MS = 10_000;
const LINGER_MAX_MS = 60_000;
const LINGER_MAX_BYTES = 256 * 1024 * 1024;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy(process.env.TRUST_PROXY));

/** Whether this request came through a proxy TRUST_PROXY trusts (its X-Forwarded-* count). */
const viaTrustedProxy = (req) => app.get("trust proxy fn")(req.socket.remoteAddress ?? "", 0);

/** The request's host: Host, or the first X-Forwarded-Host when a trusted proxy sent it. */
function requestHost(req) {
  const forwarded = viaTrustedProxy(req) ? req.get("x-forwarded-host") : undefined;
  return forwarded ? forwarded.split(",")[0].trim() : req.get("host");
}

/** The path and query a request target names (origin-form, or absolute-form's), or null. */
function targetPath(raw) {
  if (raw.startsWith("/")) return raw;
  try {
    const absolute = new URL(raw);
    return /^https?:$/.test(absolute.protocol) ? absolute.pathname + absolute.search : null;
  } catch {
    return null;
  }
}

/**
 * The request's URL from checked values only: the scheme (X-Forwarded-Proto under TRUST_PROXY),
 * the host, and the target's path and query. An absolute-form target (`POST http://x/y`) stands
 * for Host (RFC 9112 3.2.2) and is read as one: its path only; null when it cannot be read.
 */
function requestUrl(req) {
  const target = targetPath(req.originalUrl);
  if (target === null) return null;
  try {
    return new URL(`${req.protocol}://${requestHost(req)}${target}`);
  } catch {
    return null;
  }
}

/** The request's headers as a fetch Headers, or the name of one it cannot hold. */
function requestHeaders(req) {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    try {
      for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
    } catch {
      return name;
    }
  }
  return headers;
}

function refuse(req, res, error, { close = false } = {}) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const answer = edge.refusal(error, {
    path: req.path,
    query: req.originalUrl.split("?")[1] ?? "",
    accept: req.get("accept"),
    acceptLanguage: req.get("accept-language"),
  });
  if (close || !req.complete) closeAfterAnswer(req, res);
  res.status(answer.status).set(answer.headers).send(answer.body);
}

/**
 * The answer goes out before the whole request body came in: close the connection after it.
 * Node ends a "Connection: close" answer with socket.destroySoon(), which destroys the socket as
 * soon as the answer is written; with request bytes still unread the kernel then sends a reset
 * that can reach the client before the answer does. Instead the socket is ended (answer, then
 * FIN), what still arrives is read and dropped, and the socket destroyed when that stops (a
 * lingering close, bounded by the LINGER_ limits). Nothing of the dropped bytes is kept.
 */
function closeAfterAnswer(req, res) {
  res.setHeader("Connection", "close");
  const socket = req.socket;
  let dropped = 0;
  let idle = null;
  req.unpipe();
  req.on("data", (chunk) => {
    dropped += chunk.length;
    if (dropped > LINGER_MAX_BYTES) socket.destroy();
    else idle?.refresh();
  });
  req.resume();
  socket.destroySoon = function lingeringClose() {
    if (this.writable) this.end();
    idle = setTimeout(() => this.destroy(), LINGER_IDLE_MS).unref();
    const cap = setTimeout(() => this.destroy(), LINGER_MAX_MS).unref();
    this.once("close", () => {
      clearTimeout(idle);
      clearTimeout(cap);
    });
  };
}

/** The request body as Remix reads it, counted as it arrives; past maxBytes, onTooLarge runs. */
function countedBody(req, maxBytes, onTooLarge) {
  let seen = 0;
  const counter = new Transform({
    transform(chunk, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        onTooLarge();
        done();
        return;
      }
      done(null, chunk);
    },
  });
  // A client that goes away mid-body: the reader sees an error, not a body that never ends.
  const gone = () => {
    if (!req.complete) counter.destroy(new Error("the request body ended early"));
  };
  req.once("error", gone);
  req.once("close", gone);
  req.pipe(counter);
  return counter;
}

// Headers of every answer (a page's own CSP replaces the strict default).
app.use((_req, res, next) => {
  res.set(edge.SECURITY_HEADERS);
  next();
});

// Headers the app reads must be readable: a malformed one is a 400, never a 500.
app.use((req, res, next) => {
  const header = edge.malformedHeader(req.headers, viaTrustedProxy(req));
  if (header) return refuse(req, res, edge.malformedHeaderError(header), { close: true });
  next();
});

// Level 1: most of gzip's saving on JSON and HTML for a fraction of the CPU of the default 6.
app.use(compression({ level: 1 }));
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
// Files of public/ sit at the root; only a path with an extension can be one (no stat otherwise).
const rootFiles = express.static("build/client", { maxAge: "1h" });
app.use((req, res, next) => (/\.\w+$/.test(req.path) ? rootFiles(req, res, next) : next()));

// Remix aborts a cross-site document POST with a 500; answer it as what it is, a refused request (403).
// The authorize helper checks Origin again for every session mutation, including data requests.
app.use((req, res, next) => {
  const origin = req.get("origin");
  if (
    ["GET", "HEAD"].includes(req.method) ||
    req.path.startsWith("/api/") ||
    !origin ||
    origin === "null"
  )
    return next();
  if (new URL(origin).host === new URL(`http://${requestHost(req)}`).host) return next();
  res
    .status(403)
    .type("text/plain")
    .send("This form was sent from another site, so it was refused.");
});

app.all("*", async (req, res, next) => {
  try {
    const limit = edge.bodyLimit(req.path);
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > limit.maxBytes)
      return refuse(req, res, limit.error(), { close: true });

    const url = requestUrl(req);
    if (!url) return refuse(req, res, edge.malformedHeaderError("Host"), { close: true });

    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const headers = requestHeaders(req);
    if (typeof headers === "string")
      return refuse(req, res, edge.malformedHeaderError(headers), { close: true });
    const form = edge.pageBodyType(req.method, req.path, req.get("content-type"));
    if (form.error) return refuse(req, res, form.error, { close: true });
    if (form.type) headers.set("content-type", form.type);
    if (req.expectsContinue) res.writeContinue();
    const init = {
      method: req.method,
      headers,
      signal: controller.signal,
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      const body = countedBody(req, limit.maxBytes, () => {
        req.unpipe(body);
        body.destroy(new Error("the request body is over its limit"));
        controller.abort();
        refuse(req, res, limit.error(), { close: true });
      });
      init.body = createReadableStreamFromReadable(body);
      init.duplex = "half";
    }
    const response = await handleRequest(new Request(url.href, init), {
      ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
    });
    if (res.headersSent) {
      // Refused at the edge meanwhile: the route's answer is dropped.
      await response.body?.cancel().catch(() => {});
      return;
    }
    await send(req, res, response);
  } catch (error) {
    next(error);
  }
});

/** Remix's answer onto express's (as @remix-run/express does), with the edge's additions. */
async function send(req, res, response) {
  if (!req.complete) closeAfterAnswer(req, res);
  const secure = secureCookies(req);
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const name of Object.keys(edge.SECURITY_HEADERS))
    if (response.headers.has(name)) res.removeHeader(name);
  for (const [key, value] of response.headers.entries()) {
    const addSecure = key === "set-cookie" && secure && !/;\s*secure\s*(;|$)/i.test(value);
    res.append(key, addSecure ? `${value}; Secure` : value);
  }
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

// Anything thrown outside Remix: logged here, answered without stack, path or message.
app.use((error, req, res, _next) => {
  console.error(error);
  refuse(req, res, edge.internalError());
});

/**
 * Express answers a request target it cannot read with its own 404 page, before any middleware:
 * such a request (an absolute-form target stands for Host) is refused here as a malformed Host.
 */
function entry(req, res) {
  if (targetPath(req.url ?? "") !== null) return app(req, res);
  const answer = edge.refusal(edge.malformedHeaderError("Host"), {
    path: "/",
    query: "",
    accept: req.headers.accept,
    acceptLanguage: req.headers["accept-language"],
  });
  res.writeHead(answer.status, {
    ...edge.SECURITY_HEADERS,
    ...answer.headers,
    Connection: "close",
  });
  res.end(answer.body);
}

if (role === "primary") superviseProcesses();
else serve();

/** Answers requests on PORT until SIGTERM/SIGINT. */
function serve() {
  const port = Number(process.env.PORT ?? 3000);
  const server = createServer(entry).listen(port, () => {
    console.log(`tierpool listening on http://localhost:${port} (sign in at /login)`);
  });
  // Landing a large report holds the event loop for seconds in one synchronous transaction. With
  // Node's 5 s keep-alive, the idle-socket timer then fires before the request a client already
  // sent on that socket is read, and the client gets ECONNRESET. Idle sockets live 65 s instead (as
  // load balancers expect); headers must still arrive within 66 s of a request's start.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // "Expect: 100-continue": the client waits for a go before sending the body, which it gets only
  // once the headers and the declared length passed (a refusal is answered without it).
  server.on("checkContinue", (req, res) => {
    req.expectsContinue = true;
    entry(req, res);
  });

  function shutdown() {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/** The primary: forks the processes, replaces one that dies, and stops them all on a signal. */
function superviseProcesses() {
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `Server process ${worker.process.pid} ended (${signal ?? code}); starting another.`,
    );
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
