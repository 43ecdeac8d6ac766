// What server.js asks the app before any route runs (decision 040): how large a request body may
// be on a path, whether the request's headers can be read at all, the security headers of every
// answer, and a refusal as the reader gets it (status, type, text in their language) — so the
// statuses and texts stay in the one vocabulary (decision 038).
import { isIP } from "node:net";
import type { CodedError } from "~/errors/coded";
import { acceptedLocale, type Locale } from "~/i18n/locale";
import { ImportError } from "@imports/errors";
import { LIMITS } from "@imports/limits";
import { EdgeError, toAnswer } from "./errors.server";
import { multipartBoundary } from "./multipart.server";
import { MEMBER_IMPORT_MAX_BYTES, UPLOAD_FIELD_MAX_BYTES } from "./upload.server";

const MIB = 1024 * 1024;

/** Every body but an upload's: forms and JSON are a few KiB; 1 MiB leaves room for a long list. */
export const BODY_MAX_BYTES = MIB;
/** An upload's body is its file plus the multipart envelope and a few capped fields. */
export const UPLOAD_ENVELOPE_BYTES = MIB;

/** The paths that take an upload, with their file limit. */
const UPLOAD_FILE_LIMITS: Record<string, number> = {
  "/api/v1/reports": LIMITS.maxFileBytes,
  "/supplier/reports/new": LIMITS.maxFileBytes,
  "/admin/members/import": MEMBER_IMPORT_MAX_BYTES,
  // SPEC 5.2: a member's claim upload (one XML, a ZIP of many, or a typed claim's proof).
  "/api/v1/claims": LIMITS.maxFileBytes,
  "/member/claims": LIMITS.maxFileBytes,
};

// The envelope must hold every field an upload takes, or a field would be cut off as "too large".
if (UPLOAD_ENVELOPE_BYTES < 8 * UPLOAD_FIELD_MAX_BYTES)
  throw new Error("upload envelope too small");

/** A path as Remix matches it: any case, trailing slashes ignored. */
const routePath = (pathname: string) => pathname.toLowerCase().replace(/\/+$/, "");

/** The body limit of a path, and its refusal. */
export function bodyLimit(pathname: string): { maxBytes: number; error: () => CodedError } {
  const file = UPLOAD_FILE_LIMITS[routePath(pathname)];
  // The refusal is made only when needed: an Error's stack costs every request otherwise.
  if (file !== undefined)
    return {
      maxBytes: file + UPLOAD_ENVELOPE_BYTES,
      error: () => new ImportError("file_too_large", { maxBytes: file }),
    };
  return {
    maxBytes: BODY_MAX_BYTES,
    error: () => new EdgeError("body_too_large", { maxBytes: BODY_MAX_BYTES }),
  };
}

const FORM = "application/x-www-form-urlencoded";

/**
 * What a page's action reads is a form: Remix's formData() throws (a 500) on anything else. So a
 * page (not /api/, not an upload page, which reads multipart itself) takes a urlencoded body —
 * one without Content-Type is read as one (HTML's default) — and refuses any other type (415).
 * Returns the Content-Type to give Remix, or the refusal.
 */
export function pageBodyType(
  method: string,
  pathname: string,
  contentType: string | undefined,
): { type?: string; error?: CodedError } {
  const path = routePath(pathname);
  if (method === "GET" || method === "HEAD" || path.startsWith("/api/")) return {};
  if (UPLOAD_FILE_LIMITS[path] !== undefined) return {};
  if (contentType === undefined) return { type: FORM };
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === FORM) return {};
  return { error: new EdgeError("unsupported_media_type", { type }) };
}

type NodeHeaders = Record<string, string | string[] | undefined>;

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/;
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))?)*[ \\t]*$`,
);

function parses(value: string, base?: string): boolean {
  try {
    new URL(value, base);
    return true;
  } catch {
    return false;
  }
}

/** host[:port] as a Host header carries it: a name or an address, a port up to 65535. */
export function validHost(value: string): boolean {
  const m = HOST.exec(value);
  return !!m && (m[1] === undefined || Number(m[1]) <= 65535) && parses(`http://${value}`);
}

const first = (value: string) => value.split(",")[0].trim();

/**
 * The first header the app could not read, or null. Each check is what its reader needs: Host
 * (and, behind a trusted proxy, X-Forwarded-Host/-Proto/-For) makes the request's URL and address,
 * Origin and Referer are URLs (CSRF), Content-Type a media type (multipart with its boundary),
 * Content-Length digits. Accept-Language, Cookie and Authorization are read leniently where they
 * are used: anything unreadable there counts as absent.
 */
export function malformedHeader(headers: NodeHeaders, trustProxy: boolean): string | null {
  const get = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const host = get("host");
  if (host !== undefined && !validHost(host)) return "Host";
  if (trustProxy) {
    const forwardedHost = get("x-forwarded-host");
    if (forwardedHost !== undefined && !validHost(first(forwardedHost))) return "X-Forwarded-Host";
    const proto = get("x-forwarded-proto");
    if (proto !== undefined && !/^https?$/i.test(first(proto))) return "X-Forwarded-Proto";
    const forwardedFor = get("x-forwarded-for");
    if (forwardedFor !== undefined && !forwardedFor.split(",").every((a) => isIP(a.trim())))
      return "X-Forwarded-For";
  }
  const origin = get("origin");
  if (origin !== undefined && origin !== "null" && !parses(origin)) return "Origin";
  const referer = get("referer");
  if (referer !== undefined && !parses(referer, "http://referer.invalid")) return "Referer";
  const contentType = get("content-type");
  if (contentType !== undefined) {
    if (!MEDIA_TYPE.test(contentType)) return "Content-Type";
    if (/^multipart\//i.test(contentType) && !multipartBoundary(contentType)) return "Content-Type";
  }
  const length = get("content-length");
  if (length !== undefined && !/^\d{1,15}$/.test(length)) return "Content-Length";
  return null;
}

export const malformedHeaderError = (header: string) => new EdgeError("bad_header", { header });
export const internalError = () => new EdgeError("internal");

/** Headers of every answer; a page replaces the CSP with its own (entry.server.tsx). */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/** A page's policy: scripts only from here or carrying this render's nonce (Remix's inline ones). */
export function pageSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Charts and a few elements set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export type Refusal = { status: number; headers: Record<string, string>; body: string };

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/**
 * A refusal answered by server.js itself, in the reader's language (Accept-Language, else English
 * for the API and Spanish for pages, as reader.server.ts): the API's JSON error shape for /api/
 * and callers asking for JSON, text with Remix's catch header for Remix's own data requests (the
 * page's error boundary shows it), a plain page otherwise.
 */
export function refusal(
  error: unknown,
  request: { path: string; query: string; accept?: string; acceptLanguage?: string },
): Refusal {
  const isApi = request.path.startsWith("/api/");
  const locale: Locale = acceptedLocale(request.acceptLanguage ?? null) ?? (isApi ? "en" : "es");
  const answer = toAnswer(error, locale);
  if (isApi || /application\/json/i.test(request.accept ?? "")) {
    return {
      status: answer.status,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ error: { code: answer.code, message: answer.message } }),
    };
  }
  if (new URLSearchParams(request.query).has("_data")) {
    return {
      status: answer.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Remix-Catch": "yes" },
      body: answer.message,
    };
  }
  const message = escapeHtml(answer.message);
  return {
    status: answer.status,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body:
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">` +
      `<title>${answer.status} · tierpool</title></head><body><main><h1>${answer.status}</h1>` +
      `<p role="alert">${message}</p><a href="/">tierpool</a></main></body></html>`,
  };
}
