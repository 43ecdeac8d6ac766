// Server entry: Remix's default streaming render with a per-render CSP nonce, the error log
// (never part of an answer), plus what server.js uses: `boot`, run before listening, and `edge`,
// the checks it makes before any route runs (decision 040).
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/layout/nonce";
import { pageSecurityPolicy, SECURITY_HEADERS } from "~/http/server-edge.server";

export { boot } from "./boot.server";
export * as edge from "~/http/server-edge.server";

/**
 * Remix calls this for every error a loader, action or render throws. It is only logged (with
 * its stack, on the server); the answer says nothing of it (server.js runs Remix in production
 * mode, which sanitizes errors). A request the client left, or the edge refused, is not logged.
 */
export function handleError(
  error: unknown,
  { request }: LoaderFunctionArgs | ActionFunctionArgs,
): void {
  if (request.signal.aborted) return;
  console.error(error);
}

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const ready = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const nonce = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        [ready]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          for (const [name, value] of Object.entries(SECURITY_HEADERS))
            responseHeaders.set(name, value);
          // Vite's dev server injects its own scripts; the policy is for built pages.
          if (process.env.NODE_ENV !== "development")
            responseHeaders.set("Content-Security-Policy", pageSecurityPolicy(nonce));
          else responseHeaders.delete("Content-Security-Policy");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
