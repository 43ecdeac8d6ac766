// Invoice numbers as SPEC 5.2 compares them: a report line's number and an invoice's number are
// the same invoice when their normalized forms are equal. Pure; report lines use the same function.

/** Keeps letters and digits (any script, after NFKC): everything else is punctuation or space. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{Nd}]+/gu;
/** Zeros that lead a run of digits, but not the run's last digit ("000" → "0"). */
const LEADING_ZEROS = /(?<![0-9])0+(?=[0-9])/g;
const PLAIN = /^[A-Za-z0-9 ./_#:-]*$/;

/**
 * SPEC 5.2's normalized invoice number: uppercase, letters and digits only, leading zeros of every
 * run of digits dropped, in that order (`001-0123` → `0010123` → `10123`). Text is NFKC-normalized
 * first (full-width digits are digits); a run of zeros keeps one (`A-000` → `A0`, never `A`).
 */
export function normalizeInvoiceNumber(raw: string): string {
  const text = PLAIN.test(raw) ? raw : raw.normalize("NFKC");
  return text.toUpperCase().replace(NOT_LETTER_OR_DIGIT, "").replace(LEADING_ZEROS, "");
}

/** The normalized forms of `candidates`, in order, without empties and repeats. */
export function numberKeys(candidates: Array<string | null | undefined>): string[] {
  const keys: string[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const key = normalizeInvoiceNumber(candidate);
    if (key !== "" && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** CFDI `Serie` and `Folio` as one number, `AX` + `7001` → `AX-7001` (as suppliers write it). */
export function joinSeries(series: string, folio: string): string {
  if (/[-/ ]$/.test(series) || /^[-/ ]/.test(folio)) return series + folio;
  return `${series}-${folio}`;
}
