// The sane ranges of what forms, the API and report files may hold (SPEC 8, decision 042): every
// bound in one place, so a schema, the report validator and a test read the same number. Pure.

/** The first and last day any date may be (joining, leaving, programs, payments, invoices). */
export const DATE_MIN = "2000-01-01";
export const DATE_MAX = "2099-12-31";
/** The same window in months (FX rates, runs, statements). */
export const MONTH_MIN = DATE_MIN.slice(0, 7);
export const MONTH_MAX = DATE_MAX.slice(0, 7);

/** Tiers a schedule may have: SPEC 8 says at most 20; real programs have 2 to 6. */
export const MAX_TIERS = 20;

/**
 * The largest amount in minor units anything typed or sent may hold, either sign: 10^15, a
 * business bound well inside Number.MAX_SAFE_INTEGER (≈ 9 × 10^15), so sums of a few stay exact.
 * It is 10 trillion in a currency with cents (COP, MXN) and still 10^12 in one with three decimals.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_000;

/** An FX rate: at most this many digits before the point (so below 10^9) and 8 after (SPEC 3.1). */
export const FX_RATE_MAX_WHOLE_DIGITS = 9;
/** The longest FX rate text read at all: 9 digits, a point, 8 decimals, and room for zeros. */
export const FX_RATE_MAX_LENGTH = 24;

/** Categories a program may include or exclude (each list). */
export const MAX_CATEGORIES = 100;

/** Bonus components a program may have, and mix conditions a bonus may set (SPEC 3.7). */
export const MAX_BONUSES = 20;
export const MAX_REQUIREMENTS = 20;
/** Negotiated baseline months a growth program may give (its year before has 12; sent twice is refused). */
export const MAX_BASELINES = 24;

/** Members picked for one payout batch. */
export const MAX_BATCH_MEMBERS = 100_000;
