// The bytes the XLSX reader really inflates, counted part by part while it streams, and stopped at
// the budget whatever the zip declares (SPEC 8): a part may not inflate past the size the zip's
// central directory declares for it, nor all parts together past LIMITS.maxUncompressedBytes.
import { LIMITS, inflatedPastDeclared, inflatedPastTotal } from "./limits";

export class InflateBudget {
  private total = 0;

  /** The counter of one part; its `count` throws the zip_bomb refusal once past a budget. */
  part(name: string, declared: number) {
    let inflated = 0;
    return {
      count: (bytes: number) => {
        inflated += bytes;
        this.total += bytes;
        if (inflated > declared) throw inflatedPastDeclared(name, declared, inflated);
        if (this.total > LIMITS.maxUncompressedBytes) throw inflatedPastTotal(name, this.total);
      },
    };
  }
}
