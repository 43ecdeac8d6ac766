import { describe, expect, it } from "vitest";
import { acceptedRegion, dateRegion, pickRegion, regionOfTag } from "./regions";

describe("regionOfTag", () => {
  it("keeps our regions and maps other tags of our languages", () => {
    expect(regionOfTag("es-CO")).toBe("es-CO");
    expect(regionOfTag("ES-ar")).toBe("es-AR");
    expect(regionOfTag("es")).toBe("es-MX");
    expect(regionOfTag("es-419")).toBe("es-MX");
    expect(regionOfTag("es-PE")).toBe("es-MX");
    expect(regionOfTag("es-ES")).toBe("es-CO");
    expect(regionOfTag("es-UY")).toBe("es-CO");
    expect(regionOfTag("pt")).toBe("pt-BR");
    expect(regionOfTag("pt-PT")).toBe("pt-BR");
    expect(regionOfTag("en-GB")).toBe("en-US");
    expect(regionOfTag("de-DE")).toBeNull();
    expect(regionOfTag("es-!!")).toBe("es-MX");
  });
});

describe("pickRegion", () => {
  it("prefers the user's setting", () => {
    expect(pickRegion("es-CO", "es-MX,es;q=0.9", "es")).toBe("es-CO");
    expect(pickRegion("es-CO", null, "en")).toBe("es-CO");
  });

  it("else takes the browser's region of the language being read", () => {
    expect(pickRegion(null, "es-MX,es;q=0.9", "es")).toBe("es-MX");
    expect(pickRegion(null, "es-CO,es;q=0.9", "es")).toBe("es-CO");
    expect(pickRegion(null, "es", "es")).toBe("es-MX");
    expect(pickRegion(null, "pt-BR,pt;q=0.9", "pt-BR")).toBe("pt-BR");
    expect(pickRegion(null, "de-DE,en-US;q=0.8", "en")).toBe("en-US");
    expect(pickRegion("", "en-US,es-AR;q=0.5", "es")).toBe("es-AR");
  });

  it("else the language's default region", () => {
    expect(pickRegion(null, "en-US", "pt-BR")).toBe("pt-BR");
    expect(pickRegion(null, null, "es")).toBe("es-MX");
    expect(pickRegion("xx-YY", null, "en")).toBe("en-US");
  });

  it("acceptedRegion without a language takes the first of any of ours", () => {
    expect(acceptedRegion("fr-FR,es-CL;q=0.8,en;q=0.5")).toBe("es-CL");
    expect(acceptedRegion("fr-FR")).toBeNull();
  });
});

describe("dateRegion", () => {
  it("writes dates in the reader's language", () => {
    expect(dateRegion("es", "es-CO")).toBe("es-CO");
    expect(dateRegion("en", "es-CO")).toBe("en-US");
    expect(dateRegion("es", "pt-BR")).toBe("es-MX");
  });
});
