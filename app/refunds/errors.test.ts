import { describe, expect, it } from "vitest";
import type { ErrorParams } from "~/errors/coded";
import { ENGINE_TEXTS } from "./error-texts";
import { DomainError, ENGINE_ERROR_CODES, isDomainError, type EngineErrorCode } from "./errors";

describe("DomainError", () => {
  it("carries its code, message and details", () => {
    const error = new DomainError(
      "fx_rate_missing",
      { currency: "BRL", month: "2026-02", to: "USD" },
      { currency: "BRL", month: "2026-02" },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DomainError");
    expect(error.code).toBe("fx_rate_missing");
    expect(error.message).toBe("No FX rate from BRL to USD for 2026-02.");
    expect(error.details).toEqual({ currency: "BRL", month: "2026-02" });
  });

  it("leaves details out when there are none", () => {
    const error = new DomainError("currency_unknown", { currency: "XXY" });
    expect(error.details).toBeUndefined();
    expect(JSON.parse(JSON.stringify({ ...error }))).toEqual({
      name: "DomainError",
      code: "currency_unknown",
    });
  });

  it("is recognised by code", () => {
    const error = new DomainError("currency_unknown", { currency: "XXY" });
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(error, "currency_unknown")).toBe(true);
    expect(isDomainError(error, "fx_rate_invalid")).toBe(false);
    expect(isDomainError(new Error("plain"))).toBe(false);
  });
});

/** Params as the engine's throw sites pass them, one per message a code has. */
const THROWN: Record<EngineErrorCode, ErrorParams[]> = {
  tier_schedule_invalid: [
    { problems: [{ problem: "no_tiers" }] },
    {
      problems: [
        { problem: "threshold_not_whole", tier: 2, thresholdMinor: 1.5 },
        { problem: "rate_invalid", tier: 2, rateBps: 10_001 },
        { problem: "first_threshold_not_zero", tier: 1, thresholdMinor: 5 },
        { problem: "threshold_not_rising", tier: 3, thresholdMinor: 100, previousMinor: 200 },
        { problem: "rate_falling", tier: 3, rateBps: 100, previousBps: 200 },
      ],
    },
  ],
  fee_bps_invalid: [{ feeBps: 10_001 }],
  fx_rate_missing: [
    { to: "USD", missing: [{ currency: "BRL", month: "2026-03" }] },
    {
      to: "USD",
      missing: [
        { currency: "BRL", month: "2026-03" },
        { currency: "CLP", month: "2026-03" },
      ],
    },
    { currency: "BRL", month: "2026-02", to: "USD" },
  ],
  fx_rate_invalid: [
    { problem: "format", rate: "1,5" },
    { problem: "not_positive", rate: "0" },
    { problem: "not_positive", num: 0n, den: 1n },
  ],
  run_month_out_of_order: [
    { month: "2026-05", lastPostedMonth: "2026-03", allowed: ["2026-03", "2026-04"] },
  ],
  run_month_outside_program: [{ month: "2027-01", start: "2026-01-01", end: "2026-12-31" }],
  currency_unknown: [{ currency: "XXQ" }],
  date_invalid: [{ month: "2026-3" }, { date: "2026-02-30" }],
  amount_out_of_range: [{ amount: "9007199254740992" }],
  amount_invalid: [
    { problem: "not_whole", amount: 1.5, subject: "amount" },
    { problem: "not_whole", amount: 1.5, subject: "pooled_volume" },
    { problem: "not_whole", amount: 1.5, subject: { kind: "member_balance", memberId: 3 } },
    { problem: "not_whole", amount: 1.5, subject: { kind: "account_line", account: "cash:USD" } },
    { problem: "not_positive", amountMinor: 0, subject: { kind: "member_payout", memberId: 3 } },
    {
      problem: "not_positive",
      amountMinor: -5,
      subject: { kind: "supplier_payment", supplierId: 7 },
    },
    { problem: "supplier_payment_not_positive", amountMinor: 0 },
  ],
  allocation_weights_invalid: [
    { total: 100, members: 90 },
    { memberId: 1, weight: 1.5 },
    { memberId: 1 },
  ],
  journal_unbalanced: [
    { grossMinor: 100, feeMinor: 10, membersMinor: 80 },
    { currency: "BRL", debits: 100, credits: 90 },
  ],
  forecast_period_invalid: [{ monthsElapsed: 13, monthsInProgram: 12 }],
  overpayment_note_required: [{ amountMinor: 101, owedMinor: 100 }],
  batch_nothing_to_pay: [
    {},
    { currency: "MXN", minimumMinor: 50_000 },
    { currency: "MXN", minimumMinor: 50_000, memberIds: [3] },
  ],
  batch_four_eyes: [{ batchId: 5 }],
  batch_not_draft: [
    { batchId: 5, action: "approve" },
    { batchId: 5, action: "drop" },
  ],
  batch_not_approved: [{ batchId: 5, status: "draft" }],
  batch_already_paid: [{ batchId: 5, status: "paid" }],
  batch_cancelled: [
    { batchId: 5, action: "pay" },
    { batchId: 5, action: "cancel" },
  ],
  payout_exceeds_balance: [
    { members: [{ memberId: 3, amountMinor: 10_000, balanceMinor: 9_999 }] },
    {
      members: [
        { memberId: 3, amountMinor: 10_000, balanceMinor: 9_999 },
        { memberId: 4, amountMinor: 500, balanceMinor: 0 },
      ],
    },
  ],
  statement_range_invalid: [{ from: "2026-05", to: "2026-04" }],
  components_invalid: [
    { problems: [{ path: "method", problem: "growth_incremental" }] },
    {
      problems: [
        { path: "growthPays", problem: "growth_only", field: "growthPays" },
        { path: "baselines", problem: "growth_only", field: "baselines" },
        { path: "tiers", problem: "growth_no_tiers" },
        {
          path: "tiers.1.thresholdBps",
          problem: "growth_threshold_invalid",
          tier: 2,
          thresholdBps: 1.5,
        },
        {
          path: "tiers.0.thresholdBps",
          problem: "growth_first_threshold_not_zero",
          thresholdBps: 100,
        },
        {
          path: "tiers.2.thresholdBps",
          problem: "growth_threshold_not_rising",
          tier: 3,
          thresholdBps: 200,
          previousBps: 400,
        },
        { path: "tiers.1.rateBps", problem: "growth_rate_invalid", tier: 2, rateBps: 10_001 },
        {
          path: "tiers.2.rateBps",
          problem: "growth_rate_falling",
          tier: 3,
          rateBps: 100,
          previousBps: 175,
        },
        { path: "volumeCapMinor", problem: "limit_invalid", field: "volumeCapMinor", amount: -1 },
        { path: "refundCapMinor", problem: "limit_invalid", field: "refundCapMinor", amount: 0.5 },
        {
          path: "minimumRefundMinor",
          problem: "limit_invalid",
          field: "minimumRefundMinor",
          amount: -5,
        },
        {
          path: "minimumRefundMinor",
          problem: "minimum_above_refund_cap",
          minimumRefundMinor: 200_000,
          refundCapMinor: 100_000,
        },
        { path: "baselines.0.month", problem: "baseline_month_invalid", month: "2025-13" },
        {
          path: "baselines.1.month",
          problem: "baseline_month_outside",
          month: "2026-01",
          from: "2025-01",
          to: "2025-12",
        },
        { path: "baselines.2.month", problem: "baseline_month_repeated", month: "2025-03" },
        {
          path: "baselines.3.amountMinor",
          problem: "baseline_amount_invalid",
          month: "2025-04",
          amount: -1,
        },
      ],
    },
    {
      problems: [
        { path: "bonuses.0.name", problem: "bonus_name_blank", bonus: 1 },
        { path: "bonuses.1.name", problem: "bonus_name_taken", bonus: 2, name: "Tier" },
        { path: "bonuses.2", problem: "bonus_pays_both", bonus: 3, name: "Q1 cameras" },
        { path: "bonuses.2", problem: "bonus_pays_nothing", bonus: 3, name: "" },
        {
          path: "bonuses.2.rateBps",
          problem: "bonus_rate_invalid",
          bonus: 3,
          name: "Q1",
          rateBps: -1,
        },
        {
          path: "bonuses.2.perUnitMinor",
          problem: "bonus_per_unit_invalid",
          bonus: 3,
          name: "Q1",
          perUnitMinor: 2.5,
        },
        {
          path: "bonuses.0.categories",
          problem: "bonus_selection_blank",
          bonus: 1,
          name: "A",
          field: "categories",
        },
        {
          path: "bonuses.0.skus",
          problem: "bonus_selection_blank",
          bonus: 1,
          name: "A",
          field: "skus",
        },
        {
          path: "bonuses.0.start",
          problem: "bonus_date_invalid",
          bonus: 1,
          name: "A",
          date: "2026-02-30",
        },
        {
          path: "bonuses.0.end",
          problem: "bonus_window_reversed",
          bonus: 1,
          name: "A",
          start: "2026-03-01",
          end: "2026-02-01",
        },
        {
          path: "bonuses.0.end",
          problem: "bonus_window_outside",
          bonus: 1,
          name: "A",
          start: "2026-03-01",
          end: "2027-02-01",
          programStart: "2026-01-01",
          programEnd: "2026-12-31",
        },
        {
          path: "bonuses.0.requires.0.category",
          problem: "requirement_category_blank",
          bonus: 1,
          name: "A",
        },
        {
          path: "bonuses.0.requires.0.minVolumeMinor",
          problem: "requirement_minimum_invalid",
          bonus: 1,
          name: "A",
          category: "Access",
          amount: -1,
        },
      ],
    },
  ],
  component_input_invalid: [
    {
      problem: "period_outside",
      from: "2026-03-01",
      to: "2026-03-31",
      start: "2026-01-01",
      end: "2026-02-28",
    },
    {
      problem: "period_straddles",
      from: "2026-03-01",
      to: "2026-03-31",
      bonus: "Spring",
      date: "2026-03-15",
    },
    { problem: "quantity_invalid", quantity: "Infinity" },
    { problem: "prior_month_outside", month: "2024-12", from: "2025-01", to: "2025-02" },
    { problem: "prior_month_repeated", month: "2025-01" },
  ],
};

describe("ENGINE_TEXTS", () => {
  it("words every code in en, es and pt-BR, translated", () => {
    expect(Object.keys(THROWN).sort()).toEqual([...ENGINE_ERROR_CODES].sort());
    for (const code of ENGINE_ERROR_CODES) {
      for (const params of THROWN[code]) {
        const en = ENGINE_TEXTS.en[code](params);
        expect(new DomainError(code, params).message).toBe(en);
        for (const language of ["en", "es", "pt-BR"] as const) {
          const text = ENGINE_TEXTS[language][code](params);
          expect(text.trim(), `${language} ${code}`).not.toBe("");
          expect(text, `${language} ${code}`).not.toMatch(/undefined|NaN|\[object /);
          if (language !== "en") expect(text, `${language} ${code}`).not.toBe(en);
        }
      }
    }
  });
});
