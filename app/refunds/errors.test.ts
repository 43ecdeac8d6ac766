import { describe, expect, it } from "vitest";
import { DomainError, isDomainError } from "./errors";

describe("DomainError", () => {
  it("carries its code, message and details", () => {
    const error = new DomainError("fx_rate_missing", "No FX rate from BRL to USD for 2026-02.", {
      currency: "BRL",
      month: "2026-02",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DomainError");
    expect(error.code).toBe("fx_rate_missing");
    expect(error.message).toBe("No FX rate from BRL to USD for 2026-02.");
    expect(error.details).toEqual({ currency: "BRL", month: "2026-02" });
  });

  it("leaves details out when there are none", () => {
    const error = new DomainError("currency_unknown", "Unknown currency XXY.");
    expect(error.details).toBeUndefined();
    expect(JSON.parse(JSON.stringify({ ...error }))).toEqual({
      name: "DomainError",
      code: "currency_unknown",
    });
  });

  it("is recognised by code", () => {
    const error = new DomainError("currency_unknown", "Unknown currency XXY.");
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(error, "currency_unknown")).toBe(true);
    expect(isDomainError(error, "fx_rate_invalid")).toBe(false);
    expect(isDomainError(new Error("plain"))).toBe(false);
  });
});
