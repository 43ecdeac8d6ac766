import { describe, expect, it } from "vitest";
import {
  bodyLimit,
  malformedHeader,
  pageBodyType,
  pageSecurityPolicy,
  refusal,
  validHost,
} from "./server-edge.server";

const MIB = 1024 * 1024;

describe("bodyLimit", () => {
  it("is 1 MiB everywhere but the upload paths, which take their file plus 1 MiB", () => {
    expect(bodyLimit("/api/v1/tokens").maxBytes).toBe(MIB);
    expect(bodyLimit("/login").maxBytes).toBe(MIB);
    expect(bodyLimit("/supplier/mapping").maxBytes).toBe(MIB);
    expect(bodyLimit("/api/v1/reports").maxBytes).toBe(51 * MIB);
    expect(bodyLimit("/Supplier/Reports/New/").maxBytes).toBe(51 * MIB);
    expect(bodyLimit("/admin/members/import").maxBytes).toBe(6 * MIB);
    expect(bodyLimit("/api/v1/reports").error().code).toBe("file_too_large");
    expect(bodyLimit("/login").error().code).toBe("body_too_large");
  });
});

describe("malformedHeader", () => {
  it.each<[Record<string, string>, string | null]>([
    [{ host: "localhost:3000", origin: "http://localhost:3000" }, null],
    [{ host: "[::1]:3000", origin: "null", referer: "/relative/path" }, null],
    [{ host: "tierpool.example", "content-type": 'multipart/form-data; boundary="a b"' }, null],
    [
      { host: "x", "content-type": "application/json; charset=utf-8", "content-length": "12" },
      null,
    ],
    [{ host: "x", origin: "http://[::1" }, "Origin"],
    [{ host: "x", referer: "http://[::1" }, "Referer"],
    [{ host: "[::1" }, "Host"],
    [{ host: "a:70000" }, "Host"],
    [{ host: "x", "content-type": "multipart/form-data" }, "Content-Type"],
    [{ host: "x", "content-type": "json" }, "Content-Type"],
    [{ host: "x", "content-length": "1e3" }, "Content-Length"],
    // Proxy headers are not read (so not judged) without a trusted proxy.
    [{ host: "x", "x-forwarded-host": "[::1", "x-forwarded-for": "nope" }, null],
  ])("%j → %s", (headers, expected) => {
    expect(malformedHeader(headers, false)).toBe(expected);
  });

  it("judges proxy headers when a trusted proxy sent them", () => {
    expect(malformedHeader({ host: "x", "x-forwarded-host": "a.example, b" }, true)).toBeNull();
    expect(malformedHeader({ host: "x", "x-forwarded-host": "[::1" }, true)).toBe(
      "X-Forwarded-Host",
    );
    expect(malformedHeader({ host: "x", "x-forwarded-proto": "gopher" }, true)).toBe(
      "X-Forwarded-Proto",
    );
    expect(malformedHeader({ host: "x", "x-forwarded-for": "1.2.3.4, ::1" }, true)).toBeNull();
    expect(malformedHeader({ host: "x", "x-forwarded-for": "1.2.3.4, me" }, true)).toBe(
      "X-Forwarded-For",
    );
  });

  it("knows a host", () => {
    expect(validHost("127.0.0.1:65535")).toBe(true);
    expect(validHost("my_app")).toBe(true);
    expect(validHost("a b")).toBe(false);
    expect(validHost("a/b")).toBe(false);
  });
});

describe("pageBodyType", () => {
  it("lets pages take forms only, and leaves the API and uploads to their routes", () => {
    expect(pageBodyType("POST", "/login", "application/x-www-form-urlencoded")).toEqual({});
    expect(pageBodyType("POST", "/logout", undefined)).toEqual({
      type: "application/x-www-form-urlencoded",
    });
    expect(pageBodyType("POST", "/login", "application/json").error?.code).toBe(
      "unsupported_media_type",
    );
    expect(
      pageBodyType("POST", "/admin/fx", "multipart/form-data; boundary=x").error,
    ).toBeDefined();
    expect(
      pageBodyType("POST", "/supplier/reports/new", "multipart/form-data; boundary=x"),
    ).toEqual({});
    expect(pageBodyType("POST", "/api/v1/tokens", "text/plain")).toEqual({});
    expect(pageBodyType("GET", "/login", "application/json")).toEqual({});
  });
});

describe("refusal", () => {
  const tooLarge = bodyLimit("/login").error();
  it("answers the API in JSON, in English unless asked otherwise", () => {
    const r = refusal(tooLarge, { path: "/api/v1/tokens", query: "" });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({
      error: {
        code: "body_too_large",
        message: "The request is larger than 1 MiB, the most this address takes.",
      },
    });
  });

  it("answers a page with a plain page in the reader's language, escaped", () => {
    const r = refusal(tooLarge, { path: "/login", query: "", acceptLanguage: "pt-BR,pt;q=0.9" });
    expect(r.headers["Content-Type"]).toMatch(/^text\/html/);
    expect(r.body).toContain('<html lang="pt-BR">');
    expect(r.body).toContain("A requisição tem mais de 1 MiB");
  });

  it("answers Remix's data requests with its catch header, JSON when asked for", () => {
    const data = refusal(tooLarge, { path: "/login", query: "_data=routes%2Flogin" });
    expect(data.headers["X-Remix-Catch"]).toBe("yes");
    expect(data.body).toBe("La solicitud pesa más de 1 MiB, lo máximo que acepta esta dirección.");
    const json = refusal(tooLarge, { path: "/login", query: "", accept: "application/json" });
    expect(JSON.parse(json.body).error.code).toBe("body_too_large");
  });
});

describe("pageSecurityPolicy", () => {
  it("runs scripts from here or with the nonce only, and is never framed", () => {
    const csp = pageSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
