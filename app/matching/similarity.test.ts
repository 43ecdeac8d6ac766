import { describe, expect, it } from "vitest";
import { foldName, nameMatcher, nameSimilarity, suggestMatches } from "./similarity";

describe("foldName", () => {
  it("drops accents, punctuation and legal forms", () => {
    expect(foldName("Seguridad 97, S.A. de C.V.")).toBe("seguridad 97");
    expect(foldName("Vigilância Dez Ltda.")).toBe("vigilancia dez");
  });
});

describe("nameSimilarity", () => {
  it("is 1 for the same name written differently", () => {
    expect(nameSimilarity("SEGURIDAD 97 SA DE CV", "Seguridad 97, S.A. de C.V.")).toBe(1);
  });

  it("is 0 when there is nothing to compare", () => {
    expect(nameSimilarity("S.A.", "Seguridad")).toBe(0);
  });

  it("ranks a near spelling above an unrelated name", () => {
    const near = nameSimilarity("Seguridad Noventa y Siete", "Seguridad 97");
    const far = nameSimilarity("Alarmas del Norte", "Seguridad 97");
    expect(near).toBeGreaterThan(far);
    expect(far).toBeLessThan(0.2);
  });
});

describe("suggestMatches", () => {
  const members = [
    { id: 1, name: "Seguridad 97 S.A. de C.V." },
    { id: 2, name: "Alarmas del Norte" },
    { id: 3, name: "Seguridad Integral 98" },
  ];

  it("suggests the closest members first and never the unrelated ones", () => {
    const found = suggestMatches(["SEGURIDAD 97"], members);
    expect(found.map((m) => m.id)).toEqual([1, 3]);
    expect(found[0].score).toBe(1);
  });

  it("returns nothing when no name is seen", () => {
    expect(suggestMatches([], members)).toEqual([]);
  });
});

describe("nameMatcher", () => {
  const words = ["Seguridad", "Redes", "Vigilância", "Acceso", "Domótica", "Cableado", "Norte"];
  const forms = ["S.A. de C.V.", "Ltda", "SRL", "", "S.A."];
  const members = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    name: `${words[i % 7]} ${words[(i * 3) % 7]} ${i % 41} ${forms[i % 5]}`,
  }));

  it("suggests exactly what suggestMatches does, scores included", () => {
    const match = nameMatcher(members);
    const seen = [
      ["SEGURIDAD REDES 12"],
      ["Vigilancia Acceso 3 Ltda", "VIGILANCIA ACCESO"],
      ["Norte Norte 40 S.A."],
      ["Alarmas del Sur"],
      ["S.A."],
      [],
    ];
    for (const names of seen) {
      expect(match(names)).toEqual(suggestMatches(names, members));
      expect(match(names, 10, 0.2)).toEqual(suggestMatches(names, members, 10, 0.2));
    }
  });
});
