// Admin-entered FX rates ("1 unit of line currency = rate units of program currency")
// and the exact conversion of a line amount into the program currency (SPEC 3.1).
import { DomainError } from "./errors";
import { minorExponent, roundHalfAwayFromZero, toMinor, type Minor } from "./money";

/** An exact rational rate: `num / den` units of the target currency per unit of the source. */
export type Rate = { num: bigint; den: bigint };

const RATE_PATTERN = /^(\d+)(?:\.(\d{1,8}))?$/;

export function parseRate(text: string): Rate {
  const match = RATE_PATTERN.exec(text.trim());
  if (!match) {
    throw new DomainError("fx_rate_invalid", { problem: "format", rate: text }, { rate: text });
  }
  const decimals = match[2] ?? "";
  const rate = { num: BigInt(match[1] + decimals), den: 10n ** BigInt(decimals.length) };
  if (rate.num === 0n) {
    throw new DomainError(
      "fx_rate_invalid",
      { problem: "not_positive", rate: text },
      { rate: text },
    );
  }
  return rate;
}

/**
 * Converts one line amount exactly, then rounds it once: rounding per line (not per
 * total) is what the spec asks, so a line's converted amount never depends on its neighbours.
 */
export function convertMinor(
  amount: Minor,
  fromCurrency: string,
  toCurrency: string,
  rate: Rate,
): Minor {
  if (rate.num <= 0n || rate.den <= 0n) {
    throw new DomainError(
      "fx_rate_invalid",
      { problem: "not_positive", num: rate.num, den: rate.den },
      { from: fromCurrency, to: toCurrency },
    );
  }
  const fromScale = 10 ** minorExponent(fromCurrency);
  const toScale = 10 ** minorExponent(toCurrency);
  const num = Number(rate.num) * toScale;
  const den = Number(rate.den) * fromScale;
  // A run converts every foreign line: when every product stays an exact integer in a double
  // (below 2^53), the same rounding is done without BigInt, several times faster.
  // (A true product of 2^53 or more never rounds to a safe integer, so the test is exact.)
  const product = amount * num;
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den) && Number.isSafeInteger(product)) {
    return roundHalfAwayFromZeroExact(product, den);
  }
  return toMinor(
    roundHalfAwayFromZero(
      BigInt(amount) * rate.num * BigInt(toScale),
      rate.den * BigInt(fromScale),
    ),
  );
}

/** n / d rounded half away from zero, for safe integers n and d > 0 (no float division). */
function roundHalfAwayFromZeroExact(n: number, d: number): number {
  const abs = Math.abs(n);
  const remainder = abs % d;
  const quotient = (abs - remainder) / d;
  const rounded = 2 * remainder >= d ? quotient + 1 : quotient;
  return n < 0 && rounded !== 0 ? -rounded : rounded; // never -0
}
