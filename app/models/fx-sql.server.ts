// Other-currency amounts converted in SQL exactly as the engine's `convertMinor` does (SPEC 3.1:
// per line, half away from zero), so lines can be summed in SQL in the program currency; and the
// dates such SQL is written with.
import {
  addMonths,
  isIsoDate,
  isMonthKey,
  minorExponent,
  monthOf,
  type IsoDate,
  type MonthKey,
} from "~/refunds/money";
import type { FxLookup } from "~/refunds/pooled";

/** A date written into SQL: only ISO dates the engine computed, checked again here. */
export function dateSql(date: IsoDate): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return `'${date}'`;
}

/**
 * How one currency's lines convert into the program currency, month by month: `convertMinor`
 * rounds `amount × n / d` half away from zero, which SQL computes exactly while |amount| ≤ limit
 * (the product stays a 64-bit integer). A month without a rate is absent: its lines are read one
 * by one, and the engine reports the missing rate.
 */
export type Conversion = {
  currency: string;
  months: Map<MonthKey, { n: bigint; d: bigint; limit: number }>;
};

const INT64_MAX = 2n ** 63n - 1n;

export function convertible(
  fx: FxLookup,
  scope: { currency: string; start: IsoDate; end: IsoDate },
  currency: string,
): Conversion {
  const months: Conversion["months"] = new Map();
  let scale: { from: bigint; to: bigint };
  try {
    scale = {
      from: 10n ** BigInt(minorExponent(currency)),
      to: 10n ** BigInt(minorExponent(scope.currency)),
    };
  } catch {
    return { currency, months }; // an unknown currency: the engine refuses its lines
  }
  for (let m = monthOf(scope.start); m <= monthOf(scope.end); m = addMonths(m, 1)) {
    const rate = fx(currency, m);
    if (rate === undefined || rate.num <= 0n || rate.den <= 0n) continue;
    let n = rate.num * scale.to;
    let d = rate.den * scale.from;
    const g = gcd(n, d);
    n /= g;
    d /= g;
    if (n > INT64_MAX || 2n * d > INT64_MAX) continue;
    const limit = INT64_MAX / n;
    months.set(m, {
      n,
      d,
      limit: limit > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(limit),
    });
  }
  return { currency, months };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * How SQL converts a line of this currency, the rates written in as literals per month (a CASE on
 * the invoice month costs a third of a join to a table of rates): `exact`, whether the line's
 * month has a rate and its amount is small enough; `converted`, its amount in the program
 * currency rounded as `convertMinor` does, NULL where not exact.
 */
export function conversionSql(conversion: Conversion): { exact: string; converted: string } {
  if (conversion.months.size === 0) return { exact: "0", converted: "NULL" };
  const month = "substr(l.invoice_date, 1, 7)";
  const cases = [...conversion.months].map(([m, rate]) => {
    if (!isMonthKey(m)) throw new Error(`not a month: ${m}`);
    const product = `(abs(l.amount_minor) * ${rate.n})`;
    const rounded = `(${product} / ${rate.d} + (2 * (${product} % ${rate.d}) >= ${rate.d}))`;
    return {
      limit: `WHEN '${m}' THEN ${rate.limit}`,
      converted: `WHEN '${m}' THEN CASE WHEN abs(l.amount_minor) <= ${rate.limit}
        THEN (CASE WHEN l.amount_minor < 0 THEN -1 ELSE 1 END) * ${rounded} END`,
    };
  });
  return {
    exact: `(abs(l.amount_minor) <= CASE ${month} ${cases.map((c) => c.limit).join(" ")} ELSE -1 END)`,
    converted: `(CASE ${month} ${cases.map((c) => c.converted).join(" ")} END)`,
  };
}
