// Pooled volume of a program: eligible lines of all members from the program start to
// the end of a month, in the program currency (SPEC 3.1 and 3.3 step 1).
import {
  eligibilityFor,
  type EligibilityLine,
  type Membership,
  type ProgramWindow,
} from "./eligibility";
import { DomainError } from "./errors";
import { convertMinor, type Rate } from "./fx";
import {
  addMinor,
  assertMinor,
  lastDayOfMonth,
  monthOf,
  type MemberId,
  type Minor,
  type MonthKey,
} from "./money";

export type SalesLine = EligibilityLine & { amountMinor: Minor; currency: string };
export type PoolProgram = ProgramWindow & { currency: string };
/** The admin-entered rate from `currency` to the program currency for a month, if any. */
export type FxLookup = (currency: string, month: MonthKey) => Rate | undefined;
export type PooledVolume = { total: Minor; byMember: Map<MemberId, Minor> };

export type MissingRate = { currency: string; month: MonthKey };

export function pooledVolume(
  lines: Iterable<SalesLine>,
  program: PoolProgram,
  memberships: ReadonlyMap<MemberId, Membership>,
  fxRate: FxLookup,
  through: MonthKey,
): PooledVolume {
  const eligible = eligibilityFor(program);
  const until = lastDayOfMonth(through);
  const missing = new Map<string, MissingRate>();
  const rateOf = rateFinder(fxRate, missing);
  const byMember = new Map<MemberId, Minor>();
  let total: Minor = 0;
  for (const line of lines) {
    if (line.invoiceDate > until || line.memberId === null) continue;
    if (!eligible(line, memberships.get(line.memberId))) continue;
    assertMinor(line.amountMinor, "line_amount");
    let amount = line.amountMinor;
    if (line.currency !== program.currency) {
      const rate = rateOf(line);
      if (rate === undefined) continue;
      amount = convertMinor(amount, line.currency, program.currency, rate);
    }
    byMember.set(line.memberId, addMinor(byMember.get(line.memberId) ?? 0, amount));
    total = addMinor(total, amount);
  }
  // Every missing rate is gathered first so the admin can enter them all at once.
  if (missing.size > 0) throw missingRatesError([...missing.values()], program.currency);
  return { total, byMember };
}

/** Looks each currency and month up once: a year of lines needs a few dozen rates, not a million look-ups. */
export function rateFinder(
  fxRate: FxLookup,
  missing: Map<string, MissingRate>,
): (line: SalesLine) => Rate | undefined {
  const found = new Map<string, Rate | undefined>();
  return (line) => {
    const key = `${line.currency} ${line.invoiceDate.slice(0, 7)}`;
    if (found.has(key)) return found.get(key);
    const month = monthOf(line.invoiceDate);
    const rate = fxRate(line.currency, month);
    if (rate === undefined) missing.set(key, { currency: line.currency, month });
    found.set(key, rate);
    return rate;
  };
}

export function missingRatesError(missing: MissingRate[], programCurrency: string): DomainError {
  missing.sort((a, b) =>
    a.month === b.month ? a.currency.localeCompare(b.currency) : a.month.localeCompare(b.month),
  );
  const first = missing[0];
  const details = { currency: first.currency, month: first.month, to: programCurrency, missing };
  return new DomainError("fx_rate_missing", details, details);
}
