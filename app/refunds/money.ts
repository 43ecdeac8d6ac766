// Money, rates and calendar months as the engine holds them: integer minor units,
// basis points, "YYYY-MM" months, and the one rounding rule (half away from zero).
import { DomainError } from "./errors";

/** An amount in integer minor units (cents) of its currency; always a safe integer. */
export type Minor = number;
/** A rate in basis points: 1 bp = 0.01 %. */
export type Bps = number;
/** A calendar month, "2026-03". */
export type MonthKey = string;
/** A calendar date, "2026-03-31". */
export type IsoDate = string;
export type MemberId = number;

/** An amount the engine checks, named so the message refusing it can say which (error-texts.ts). */
export type AmountName =
  | "amount"
  | "pool"
  | "member_volume"
  | "allocated_volume"
  | "pooled_volume"
  | "minimum_payout"
  | "payment_amount"
  | "line_amount";
export type AmountSubject =
  | AmountName
  | { kind: "member_balance" | "member_payout"; memberId: MemberId }
  | { kind: "supplier_payment"; supplierId: number }
  | { kind: "account_line"; account: string };

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function roundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError("roundHalfAwayFromZero: division by zero");
  const sign = num < 0n !== den < 0n ? -1n : 1n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  return sign * rounded;
}

/** Brings a BigInt result back to Minor, refusing what a number cannot hold exactly. */
export function toMinor(value: bigint): Minor {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) {
    const details = { amount: value.toString() };
    throw new DomainError("amount_out_of_range", details, details);
  }
  return result;
}

export function assertMinor(amount: Minor, subject: AmountSubject = "amount"): void {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError("amount_invalid", { problem: "not_whole", amount, subject }, { amount });
  }
}

export function addMinor(a: Minor, b: Minor): Minor {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) return toMinor(BigInt(a) + BigInt(b));
  return sum;
}

export function sumMinor(amounts: Iterable<Minor>): Minor {
  let total = 0;
  for (const amount of amounts) total = addMinor(total, amount);
  return total;
}

export function applyBps(amount: Minor, bps: Bps): Minor {
  return toMinor(roundHalfAwayFromZero(BigInt(amount) * BigInt(bps), 10_000n));
}

const exponents = new Map<string, number>();
let supportedCurrencies: Set<string> | undefined;

/** ISO 4217 minor-unit digits of a currency: USD 2, CLP 0, KWD 3. */
export function minorExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  supportedCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  if (!supportedCurrencies.has(currency)) {
    const details = { currency };
    throw new DomainError("currency_unknown", details, details);
  }
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  exponents.set(currency, digits);
  return digits;
}

export function assertMonthKey(month: string): asserts month is MonthKey {
  if (!MONTH_PATTERN.test(month)) {
    const details = { month };
    throw new DomainError("date_invalid", details, details);
  }
}

export function assertIsoDate(date: string): asserts date is IsoDate {
  if (!isIsoDate(date)) {
    const details = { date };
    throw new DomainError("date_invalid", details, details);
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

export function monthOf(isoDate: IsoDate): MonthKey {
  assertIsoDate(isoDate);
  return isoDate.slice(0, 7);
}

export function lastDayOfMonth(month: MonthKey): IsoDate {
  assertMonthKey(month);
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(days).padStart(2, "0")}`;
}

export function nextMonth(month: MonthKey): MonthKey {
  assertMonthKey(month);
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  if (index === 12) return `${String(year + 1).padStart(4, "0")}-01`;
  return `${month.slice(0, 4)}-${String(index + 1).padStart(2, "0")}`;
}

/** The month before `month` ("2026-01" → "2025-12"). */
export function previousMonth(month: MonthKey): MonthKey {
  assertMonthKey(month);
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  if (index === 1) return `${String(year - 1).padStart(4, "0")}-12`;
  return `${month.slice(0, 4)}-${String(index - 1).padStart(2, "0")}`;
}

/** The month `count` months after `month` (before it when negative): ("2026-02", -12) → "2025-02". */
export function addMonths(month: MonthKey, count: number): MonthKey {
  assertMonthKey(month);
  const ordinal = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(ordinal / 12);
  return `${String(year).padStart(4, "0")}-${String(ordinal - year * 12 + 1).padStart(2, "0")}`;
}

/** The day after `date` ("2026-02-28" → "2026-03-01"). */
export function nextDay(date: IsoDate): IsoDate {
  assertIsoDate(date);
  const month = date.slice(0, 7);
  if (date === lastDayOfMonth(month)) return `${nextMonth(month)}-01`;
  return `${month}-${String(Number(date.slice(8, 10)) + 1).padStart(2, "0")}`;
}

/** The day before `date` ("2026-03-01" → "2026-02-28"). */
export function previousDay(date: IsoDate): IsoDate {
  assertIsoDate(date);
  const day = Number(date.slice(8, 10));
  if (day === 1) return lastDayOfMonth(previousMonth(date.slice(0, 7)));
  return `${date.slice(0, 7)}-${String(day - 1).padStart(2, "0")}`;
}

/** The same day one year earlier; 29 February becomes 28 February. */
export function yearBefore(date: IsoDate): IsoDate {
  assertIsoDate(date);
  const month = addMonths(date.slice(0, 7), -12);
  const last = lastDayOfMonth(month);
  const day = `${month}-${date.slice(8, 10)}`;
  return day > last ? last : day;
}

/** Whether `value` is a calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const match = DATE_PATTERN.exec(value);
  return match !== null && Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2]));
}

/** Whether `value` is a month written YYYY-MM. */
export function isMonthKey(value: unknown): value is MonthKey {
  return typeof value === "string" && MONTH_PATTERN.test(value);
}

/** The calendar month of a date, in UTC. */
export function monthOfDate(date: Date): MonthKey {
  return date.toISOString().slice(0, 7);
}

/** Number of calendar months from `from` to `to`, both counted: 2026-01..2026-12 → 12. */
export function monthsInclusive(from: MonthKey, to: MonthKey): number {
  assertMonthKey(from);
  assertMonthKey(to);
  const ordinal = (m: MonthKey) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return ordinal(to) - ordinal(from) + 1;
}
