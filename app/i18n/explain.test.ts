import { describe, expect, it } from "vitest";
import { explainPosting } from "./explain";

const regular = { code: "regular", month: "2026-03", tier: 2, rateBps: 250 } as const;

describe("explainPosting", () => {
  it("writes the rate as the reader's region does, not the language's default", () => {
    expect(explainPosting(regular, "es", "es-MX")).toBe(
      "reembolso de marzo de 2026 en el nivel 2 (2.5%)",
    );
    expect(explainPosting(regular, "es", "es-CO")).toBe(
      "reembolso de marzo de 2026 en el nivel 2 (2,5%)",
    );
    expect(explainPosting(regular, "es")).toBe("reembolso de marzo de 2026 en el nivel 2 (2.5%)");
  });

  it("keeps months in the reader's language when the region speaks another", () => {
    expect(explainPosting(regular, "en", "es-CO")).toBe("refund for March 2026 at tier 2 (2,5%)");
    expect(
      explainPosting(
        { code: "tier_up", month: "2026-04", tier: 3, from: "2026-01", to: "2026-03" },
        "pt-BR",
        "pt-BR",
      ),
    ).toBe("ajuste: a faixa 3 atingida em abril de 2026 eleva janeiro de 2026–março de 2026");
  });
});
