// A program's eligible volume by INVOICE month (SPEC 3.1 rule 2): what the volume charts show. A
// late or corrected report adds to its own invoice month, whatever run later trued it up.
import { eligibilityFor, type Membership } from "./eligibility";
import { convertMinor } from "./fx";
import { addMinor, monthOf, type MemberId, type Minor, type MonthKey } from "./money";
import { rateFinder, type FxLookup, type PoolProgram, type SalesLine } from "./pooled";

/**
 * Σ of the eligible lines per invoice month, in the program currency (each foreign line converted
 * and rounded on its own, as runs do). A line whose month has no FX rate is left out here: the
 * run that needs it refuses with the missing rate, a chart only shows what it can.
 */
export function volumeByInvoiceMonth(
  lines: Iterable<SalesLine>,
  program: PoolProgram,
  memberships: ReadonlyMap<MemberId, Membership>,
  fxRate: FxLookup,
): Map<MonthKey, Minor> {
  const eligible = eligibilityFor(program);
  const rateOf = rateFinder(fxRate, new Map());
  const byMonth = new Map<MonthKey, Minor>();
  for (const line of lines) {
    if (line.memberId === null || !eligible(line, memberships.get(line.memberId))) continue;
    let amount = line.amountMinor;
    if (line.currency !== program.currency) {
      const rate = rateOf(line);
      if (rate === undefined) continue;
      amount = convertMinor(amount, line.currency, program.currency, rate);
    }
    const month = monthOf(line.invoiceDate);
    byMonth.set(month, addMinor(byMonth.get(month) ?? 0, amount));
  }
  return byMonth;
}

/** Running totals through each month, from monthly amounts (months in any order). */
export function yearToDate(byMonth: ReadonlyMap<MonthKey, Minor>, months: MonthKey[]) {
  const sorted = [...byMonth].sort(([a], [b]) => a.localeCompare(b));
  return months.map((month) => ({
    month,
    volumeMinor: sorted.filter(([m]) => m <= month).reduce((s, [, v]) => addMinor(s, v), 0),
  }));
}
