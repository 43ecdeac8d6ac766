// Which sales lines count toward a program's pooled volume (SPEC 3.1, rules 2 to 5).
// Rule 1 (the line belongs to the active version of a report) is the database's job:
// the models hand the engine only lines of active versions.
import type { IsoDate, MemberId } from "./money";

export type EligibilityLine = {
  invoiceDate: IsoDate;
  category: string | null;
  memberId: MemberId | null;
  /** Flagged as a duplicate (SPEC 4.5) and not yet accepted by an admin. */
  heldAsDuplicate: boolean;
};

export type ProgramWindow = {
  start: IsoDate;
  end: IsoDate;
  includeCategories: readonly string[];
  excludeCategories: readonly string[];
};

/** A membership runs from joinedOn (counted) to leftOn (not counted). */
export type Membership = { joinedOn: IsoDate; leftOn: IsoDate | null };

/** How category and SKU texts compare: case-insensitive and trimmed (SPEC 3.1 rule 4, 3.7). */
export function categoryKey(category: string): string {
  return category.trim().toLowerCase();
}

/** Builds the category test once per program, so a run over a million lines normalises the lists once. */
export function categoryFilter(
  includeCategories: readonly string[],
  excludeCategories: readonly string[],
): (category: string | null) => boolean {
  const include = new Set(includeCategories.map(categoryKey));
  const exclude = new Set(excludeCategories.map(categoryKey));
  // Reports repeat a handful of category texts, so each text is normalised only once.
  const seen = new Map<string, boolean>();
  return (category) => {
    // A line without a category cannot be in an include list, and is in no exclude list.
    if (category === null) return include.size === 0;
    let eligible = seen.get(category);
    if (eligible === undefined) {
      const key = categoryKey(category);
      eligible = (include.size === 0 || include.has(key)) && !exclude.has(key);
      seen.set(category, eligible);
    }
    return eligible;
  };
}

export function categoryEligible(
  category: string | null,
  includeCategories: readonly string[],
  excludeCategories: readonly string[],
): boolean {
  return categoryFilter(includeCategories, excludeCategories)(category);
}

export function memberOnDate(membership: Membership, date: IsoDate): boolean {
  return date >= membership.joinedOn && (membership.leftOn === null || date < membership.leftOn);
}

/** The line test for one program; ISO dates compare correctly as strings. */
export function eligibilityFor(
  program: ProgramWindow,
): (line: EligibilityLine, membership: Membership | undefined) => boolean {
  const categoryOk = categoryFilter(program.includeCategories, program.excludeCategories);
  return (line, membership) =>
    line.memberId !== null &&
    membership !== undefined &&
    !line.heldAsDuplicate &&
    line.invoiceDate >= program.start &&
    line.invoiceDate <= program.end &&
    memberOnDate(membership, line.invoiceDate) &&
    categoryOk(line.category);
}

export function lineEligible(
  line: EligibilityLine,
  program: ProgramWindow,
  membership: Membership | undefined,
): boolean {
  return eligibilityFor(program)(line, membership);
}
