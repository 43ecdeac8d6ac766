import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/locale";
import { ERROR_CODES, errorMessage, type ErrorCode } from "./error-messages";
import { STATUS } from "./errors.server";

/** Params a real refusal of each code carries, where its text names values. */
const SAMPLE: Partial<Record<ErrorCode, Record<string, unknown>>> = {
  not_found: { what: "member" },
  bad_request: { reason: "not_an_amount", field: "amount" },
  supplier_exists: { name: "Axion" },
  member_exists: { taxId: "XPY714465W4B" },
  user_exists: { email: "a@b.mx" },
  duplicate_file: { reportId: 3, period: "2026-02", version: 1, fileName: "a.xlsx" },
  key_is_member_tax_id: { customerKey: "XPY714465W4B", memberId: 2 },
  member_reserved: { members: [{ memberId: 2, batchId: 5 }] },
  batch_reference_taken: { batchId: 4, reference: "PAYOUT-1" },
  report_missing: { month: "2026-03" },
  report_not_active: { reportId: 9, status: "superseded" },
  too_many_attempts: { retryAfter: 900 },
  method_not_allowed: { method: "PUT" },
  file_too_large: { maxBytes: 50 * 1024 * 1024 },
  too_many_rows: { scope: "file", maxRows: 1_000_000 },
  oversized_content: { what: "cell", part: "xl/sharedStrings.xml", max: 327_680 },
  tier_schedule_invalid: {
    problems: [{ problem: "first_threshold_not_zero", tier: 1, thresholdMinor: 100 }],
  },
  run_month_out_of_order: {
    month: "2026-01",
    lastPostedMonth: "2026-03",
    allowed: ["2026-03", "2026-04"],
  },
  payout_exceeds_balance: { members: [{ memberId: 2 }] },
};

describe("every error code has a status and a text in every language", () => {
  it.each(ERROR_CODES)("%s", (code) => {
    expect(STATUS[code]).toBeGreaterThanOrEqual(400);
    for (const locale of LOCALES) {
      const text = errorMessage(code, SAMPLE[code] ?? {}, locale);
      expect(typeof text === "string" && text.length > 0, `${code} in ${locale}`).toBe(true);
    }
  });

  it("says a model refusal in the reader's language", () => {
    const params = { reason: "not_an_amount", field: "amount" };
    expect(errorMessage("bad_request", params, "en")).toBe("amount: is not an amount");
    expect(errorMessage("bad_request", params, "es")).not.toBe("amount: is not an amount");
    expect(errorMessage("bad_request", params, "pt-BR")).toMatch(/^amount: /);
  });

  it("has no code twice across areas", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
