// Name similarity for suggesting which member an unmatched customer might be: trigram overlap
// (Dice coefficient) of names folded to plain lowercase letters and digits, legal forms dropped.

const LEGAL_FORMS = new Set([
  "sa",
  "de",
  "cv",
  "sapi",
  "srl",
  "ltda",
  "ltd",
  "inc",
  "llc",
  "me",
  "eireli",
  "sas",
  "spa",
  "cia",
  "y",
  "e",
  "the",
]);

export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\./g, "") // "S.A." is one word, "sa"
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((word) => word && !LEGAL_FORMS.has(word))
    .join(" ");
}

function trigrams(text: string): Map<string, number> {
  const padded = `  ${text} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** 0 (nothing in common) to 1 (same name once folded). */
export function nameSimilarity(a: string, b: string): number {
  const fa = foldName(a);
  const fb = foldName(b);
  if (!fa || !fb) return 0;
  if (fa === fb) return 1;
  const ga = trigrams(fa);
  const gb = trigrams(fb);
  let shared = 0;
  let total = 0;
  for (const [gram, n] of ga) {
    shared += Math.min(n, gb.get(gram) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return (2 * shared) / total;
}

export interface Candidate {
  id: number;
  name: string;
}

/** The best `limit` candidates scoring at least `threshold` against any of the names seen. */
export function suggestMatches<C extends Candidate>(
  namesSeen: string[],
  candidates: readonly C[],
  limit = 3,
  threshold = 0.4,
): (C & { score: number })[] {
  const scored = candidates.map((candidate) => ({
    ...candidate,
    score: Math.max(0, ...namesSeen.map((name) => nameSimilarity(name, candidate.name))),
  }));
  return scored
    .filter((c) => c.score >= threshold)
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name))
    .slice(0, limit);
}

/**
 * `suggestMatches` for many keys against the same candidates: each candidate's trigrams are
 * computed once and looked up through an inverted index, so a page of 50 keys against 5,000
 * members scores only the candidates that share a trigram with a name seen. Same scores, same
 * order as `suggestMatches` (a candidate sharing no trigram scores 0, below any threshold > 0).
 */
export function nameMatcher<C extends Candidate>(candidates: readonly C[]) {
  const folded = candidates.map((c) => foldName(c.name));
  const sizes: number[] = [];
  const postings = new Map<string, [index: number, count: number][]>();
  folded.forEach((name, index) => {
    let size = 0;
    if (name) {
      for (const [gram, n] of trigrams(name)) {
        size += n;
        const list = postings.get(gram);
        if (list) list.push([index, n]);
        else postings.set(gram, [[index, n]]);
      }
    }
    sizes.push(size);
  });
  // Shared-trigram counts per candidate, reset after each name: arrays, not maps, on this path.
  const shared = new Int32Array(candidates.length);
  const best = new Float64Array(candidates.length);
  return (namesSeen: string[], limit = 3, threshold = 0.4): (C & { score: number })[] => {
    const scored: number[] = [];
    for (const seen of namesSeen) {
      const name = foldName(seen);
      if (!name) continue;
      let size = 0;
      const touched: number[] = [];
      for (const [gram, n] of trigrams(name)) {
        size += n;
        for (const [index, m] of postings.get(gram) ?? []) {
          if (shared[index] === 0) touched.push(index);
          shared[index] += Math.min(n, m);
        }
      }
      for (const index of touched) {
        const score = folded[index] === name ? 1 : (2 * shared[index]) / (size + sizes[index]);
        shared[index] = 0;
        if (best[index] === 0) scored.push(index);
        if (score > best[index]) best[index] = score;
      }
    }
    const found = scored
      .filter((index) => best[index] >= threshold)
      .map((index) => ({ ...candidates[index], score: best[index] }));
    for (const index of scored) best[index] = 0;
    return found.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name)).slice(0, limit);
  };
}
