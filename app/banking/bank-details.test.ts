import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBankDetails,
  isBankBranchAccount,
  isCbu,
  isClabe,
  isCnpj,
  isCpf,
  isIban,
  isPixKey,
} from "./bank-details";

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });

function mod10(d: number[], weights: number[]) {
  const sum = d.reduce((s, x, i) => s + ((x * weights[i % weights.length]) % 10), 0);
  return (10 - (sum % 10)) % 10;
}

const clabe = digits(17).map((d) => [...d, mod10(d, [3, 7, 1])].join(""));
const cbu = fc
  .tuple(digits(7), digits(13))
  .map(([a, b]) => [...a, mod10(a, [7, 1, 3, 9]), ...b, mod10(b, [3, 9, 7, 1])].join(""));
/** A German-shaped IBAN: DE, its check digits computed, 18 digits. */
const iban = digits(18).map((d) => {
  const bban = d.join("");
  const rest = BigInt(`${bban}131400`) % 97n; // D=13, E=14, then "00"
  return `DE${String(98n - rest).padStart(2, "0")}${bban}`;
});

/** The same number with the digit at `at` replaced by another digit. */
function changeOneDigit(value: string, at: number, by: number) {
  const positions = [...value].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const i = positions[at % positions.length];
  const next = (Number(value[i]) + 1 + (by % 9)) % 10;
  return value.slice(0, i) + next + value.slice(i + 1);
}

describe("check digits refuse a number with one digit changed", () => {
  for (const [name, valid, check] of [
    ["CLABE", clabe, isClabe],
    ["CBU", cbu, isCbu],
    ["IBAN", iban, isIban],
  ] as const) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(valid, fc.nat(), fc.nat(), (value, at, by) => {
          expect(check(value)).toBe(true);
          expect(check(changeOneDigit(value, at, by))).toBe(false);
        }),
      );
    });
  }

  it("CPF and CNPJ, in their check digits", () => {
    for (const [value, check] of [
      ["52998224725", isCpf],
      ["11222333000181", isCnpj],
    ] as const) {
      expect(check(value)).toBe(true);
      for (const at of [value.length - 2, value.length - 1])
        for (let by = 0; by < 9; by++) expect(check(changeOneDigit(value, at, by))).toBe(false);
    }
  });
});

describe("known numbers", () => {
  it("accepts real-shaped numbers and refuses look-alikes", () => {
    expect(isClabe("002010077777777771")).toBe(true);
    expect(isClabe("002010077777777772")).toBe(false);
    expect(isClabe("00201007777777777")).toBe(false);
    expect(isIban("GB82WEST12345698765432")).toBe(true);
    expect(isIban("GB82WEST12345698765431")).toBe(false);
    expect(isIban("DE89370400440532013000")).toBe(true);
    expect(isCpf("11111111111")).toBe(false);
    expect(isCnpj("00000000000000")).toBe(false);
  });

  it("reads PIX keys of every kind", () => {
    expect(isPixKey("529.982.247-25")).toBe(true);
    expect(isPixKey("11.222.333/0001-81")).toBe(true);
    expect(isPixKey("financeiro@carioca.com.br")).toBe(true);
    expect(isPixKey("+55 (21) 98765-4321")).toBe(true);
    expect(isPixKey("+54 11 4321 0000")).toBe(false);
    expect(isPixKey("123e4567-e89b-12d3-a456-426614174000")).toBe(true);
    expect(isPixKey("529.982.247-26")).toBe(false);
    expect(isPixKey("not a key")).toBe(false);
  });

  it("reads bank / branch / account", () => {
    expect(isBankBranchAccount("341 / 1234 / 56789-0")).toBe(true);
    expect(isBankBranchAccount("341/1234")).toBe(false);
    expect(isBankBranchAccount("Banco / 1 / 2")).toBe(false);
  });
});

describe("checkBankDetails by country", () => {
  it("asks each country for its own kind of account", () => {
    expect(checkBankDetails("MX", "0020 1007 7777 7777 71")).toEqual({ ok: true, kind: "clabe" });
    expect(checkBankDetails("MX", "GB82WEST12345698765432")).toEqual({
      ok: false,
      problem: "clabe_invalid",
    });
    expect(checkBankDetails("MX", null)).toEqual({ ok: false, problem: "missing" });
    expect(checkBankDetails("MX", "  ")).toEqual({ ok: false, problem: "missing" });
    expect(checkBankDetails("AR", "0720007600003642635120")).toEqual({ ok: true, kind: "cbu" });
    expect(checkBankDetails("AR", "0720007600003642635121")).toEqual({
      ok: false,
      problem: "cbu_invalid",
    });
    expect(checkBankDetails("BR", "financeiro@carioca.com.br")).toEqual({ ok: true, kind: "pix" });
    expect(checkBankDetails("BR", "341 / 1234 / 56789-0")).toEqual({
      ok: true,
      kind: "bank_branch_account",
    });
    expect(checkBankDetails("BR", "12345")).toEqual({ ok: false, problem: "pix_invalid" });
    expect(checkBankDetails("CO", "007 / 123 / 4567890123")).toEqual({
      ok: true,
      kind: "bank_branch_account",
    });
    expect(checkBankDetails("ES", "GB82 WEST 1234 5698 7654 32")).toEqual({
      ok: true,
      kind: "iban",
    });
    expect(checkBankDetails("ES", "GB82WEST12345698765431")).toEqual({
      ok: false,
      problem: "iban_invalid",
    });
    expect(checkBankDetails("CO", "4567890123")).toEqual({ ok: false, problem: "account_invalid" });
  });
});
