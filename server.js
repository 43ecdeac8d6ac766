// The production server: Remix's express adapter (what remix-serve runs) plus the client address
// for rate limiting, and the boot step (migrate, recover jobs, seed the demo) before listening.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const build = await import("./build/server/index.js");
await build.entry.module.boot();

const app = express();
app.disable("x-powered-by");
// Level 1: most of gzip's saving on JSON and HTML for a fraction of the CPU of the default 6.
app.use(compression({ level: 1 }));
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
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
  if (new URL(origin).host === req.get("host")) return next();
  res
    .status(403)
    .type("text/plain")
    .send("This form was sent from another site, so it was refused.");
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (req) => ({ ip: req.socket.remoteAddress ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`tierpool listening on http://localhost:${port} (sign in at /login)`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
