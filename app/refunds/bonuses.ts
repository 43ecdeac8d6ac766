// Bonus components (SPEC 3.7): which sales qualify (category and/or SKU, within a window), each
// member's own weight w_i (qualifying volume, or per-unit earnings), the mix condition judged on
// the program's pooled year-to-date volume by category, and the bonus's gross. Not pooled.
import type { BonusTerms, MixRequirement } from "./components";
import { categoryKey } from "./eligibility";
import {
  applyBps,
  roundHalfAwayFromZero,
  toMinor,
  type Bps,
  type IsoDate,
  type Minor,
} from "./money";
import type { SalesCell } from "./sales";

/** A bonus ready to test cells: its lists normalised once, its window made explicit. */
export type Bonus = {
  name: string;
  start: IsoDate;
  end: IsoDate;
  /** Whether the bonus has a window of its own (a cell may not straddle its edges). */
  windowed: boolean;
  categories: ReadonlySet<string>;
  skus: ReadonlySet<string>;
  rateBps: Bps | null;
  perUnitMinor: Minor | null;
  requires: readonly MixRequirement[];
};

/** What the mix condition found: each listed category's pooled volume against its minimum. */
export type RequirementStatus = MixRequirement & { volumeMinor: Minor; met: boolean };

export function prepareBonus(program: { start: IsoDate; end: IsoDate }, terms: BonusTerms): Bonus {
  return {
    name: terms.name.trim(),
    start: terms.start ?? program.start,
    end: terms.end ?? program.end,
    windowed: (terms.start ?? null) !== null || (terms.end ?? null) !== null,
    categories: new Set((terms.categories ?? []).map(categoryKey)),
    skus: new Set((terms.skus ?? []).map(categoryKey)),
    rateBps: terms.rateBps ?? null,
    perUnitMinor: terms.perUnitMinor ?? null,
    requires: terms.requires ?? [],
  };
}

/** Normalises each distinct category or SKU text once (a year of cells repeats a few dozen). */
export function keyCache(): (text: string | null | undefined) => string | null {
  const seen = new Map<string, string>();
  return (text) => {
    if (text === null || text === undefined) return null;
    let key = seen.get(text);
    if (key === undefined) {
      key = categoryKey(text);
      seen.set(text, key);
    }
    return key;
  };
}

/** A cell qualifies when it is inside the window and its category or SKU is listed (or nothing is). */
export function qualifies(
  bonus: Bonus,
  cell: SalesCell,
  categoryKey: string | null,
  skuKey: string | null,
): boolean {
  if (cell.from < bonus.start || cell.to > bonus.end) return false;
  if (bonus.categories.size === 0 && bonus.skus.size === 0) return true;
  return (
    (categoryKey !== null && bonus.categories.has(categoryKey)) ||
    (skuKey !== null && bonus.skus.has(skuKey))
  );
}

/** What a qualifying cell adds to w_i: its volume, or its units × perUnitMinor. */
export function cellWeight(bonus: Bonus, cell: SalesCell): Minor {
  if (bonus.perUnitMinor === null) return cell.amountMinor;
  return unitEarnings(cell.quantity ?? 0, bonus.perUnitMinor);
}

/**
 * `round(quantity × perUnitMinor)`, half away from zero. Quantities are read to 6 decimal places
 * (imports/amounts.ts), so a fractional one is taken in millionths and the product kept exact.
 */
export function unitEarnings(quantity: number, perUnitMinor: Minor): Minor {
  if (Number.isInteger(quantity)) {
    const product = quantity * perUnitMinor;
    if (Number.isSafeInteger(product)) return product === 0 ? 0 : product;
    return toMinor(BigInt(quantity) * BigInt(perUnitMinor));
  }
  const millionths = BigInt(Math.round(quantity * 1_000_000));
  return toMinor(roundHalfAwayFromZero(millionths * BigInt(perUnitMinor), 1_000_000n));
}

/** Every listed category's pooled year-to-date volume (from P.start, whatever the window). */
export function requirementStatus(
  bonus: Bonus,
  volumeByCategory: ReadonlyMap<string, Minor>,
): RequirementStatus[] {
  return bonus.requires.map(({ category, minVolumeMinor }) => {
    const volumeMinor = volumeByCategory.get(categoryKey(category)) ?? 0;
    return { category, minVolumeMinor, volumeMinor, met: volumeMinor >= minVolumeMinor };
  });
}

/** G_b: `round(Σ w_i × rate)` or `Σ w_i` (per-unit); 0 when `Σ w_i ≤ 0` or the mix is unmet. */
export function bonusGross(bonus: Bonus, weightSum: Minor, mixMet: boolean): Minor {
  if (!mixMet || weightSum <= 0) return 0;
  return bonus.rateBps !== null ? applyBps(weightSum, bonus.rateBps) : weightSum;
}
