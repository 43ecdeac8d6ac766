import { describe, expect, it } from "vitest";
import { formatMoney, MESSAGES, minorToDecimal, pickLocale, translate } from "./locale";

const { en, es, "pt-BR": ptBR } = MESSAGES;

describe("messages", () => {
  it("exist in all three languages with the same keys and placeholders", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const other of [es, ptBR]) {
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en))
        expect(placeholders(other[key])).toEqual(placeholders(text));
    }
  });

  it("fills placeholders", () => {
    expect(translate("pt-BR", "login.tooMany", { seconds: 42 })).toBe(
      "Muitas tentativas falhas. Tente novamente em 42 segundos.",
    );
  });
});

describe("pickLocale", () => {
  it("prefers the user's setting, then the browser, then Spanish", () => {
    expect(pickLocale("en", "pt-BR,pt;q=0.9")).toBe("en");
    expect(pickLocale(null, "pt-PT,pt;q=0.9,en;q=0.5")).toBe("pt-BR");
    expect(pickLocale(null, "de-DE,en-US;q=0.8")).toBe("en");
    expect(pickLocale(null, null)).toBe("es");
  });
});

describe("money formatting", () => {
  it("turns minor units into exact decimals without floats", () => {
    expect(minorToDecimal(123456789012345, "USD")).toBe("1234567890123.45");
    expect(minorToDecimal(-5, "USD")).toBe("-0.05");
    expect(minorToDecimal(1500, "CLP")).toBe("1500");
  });

  it("formats for each locale", () => {
    expect(formatMoney(123456, "USD", "en")).toBe("$1,234.56");
    expect(formatMoney(123456, "BRL", "pt-BR")).toBe("R$\u00a01.234,56");
    expect(formatMoney(-123456, "MXN", "es")).toBe("-$1,234.56");
    expect(formatMoney(151624, "USD", "es-CO")).toBe("US$\u00a01.516,24");
  });
});
