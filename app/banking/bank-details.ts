// Whether a member's bank details can receive a transfer (SPEC 6): the account number's own check
// digits, by the member's country. Mexico pays to a CLABE, Argentina to a CBU, Brazil to a PIX key
// or bank/branch/account, everyone else to an IBAN or bank/branch/account. Pure: no I/O.

export type BankDetailsKind = "clabe" | "cbu" | "iban" | "pix" | "bank_branch_account";

export type BankDetailsProblem =
  "missing" | "clabe_invalid" | "cbu_invalid" | "iban_invalid" | "pix_invalid" | "account_invalid";

export type BankDetailsCheck =
  { ok: true; kind: BankDetailsKind } | { ok: false; problem: BankDetailsProblem };

const digitsOf = (text: string) => [...text].map(Number);

/** Σ of digit × weight (weights repeated), mod 10, as CLABE and CBU compute their check digit. */
function mod10Check(digits: number[], weights: number[]): number {
  const sum = digits.reduce((s, d, i) => s + ((d * weights[i % weights.length]) % 10), 0);
  return (10 - (sum % 10)) % 10;
}

/** Mexico's CLABE: 18 digits, the last one a check digit on weights 3, 7, 1. */
export function isClabe(value: string): boolean {
  if (!/^\d{18}$/.test(value)) return false;
  const d = digitsOf(value);
  return mod10Check(d.slice(0, 17), [3, 7, 1]) === d[17];
}

/** Argentina's CBU: 22 digits in two blocks (8 and 14), each ending in its check digit. */
export function isCbu(value: string): boolean {
  if (!/^\d{22}$/.test(value)) return false;
  const d = digitsOf(value);
  return (
    mod10Check(d.slice(0, 7), [7, 1, 3, 9]) === d[7] &&
    mod10Check(d.slice(8, 21), [3, 9, 7, 1]) === d[21]
  );
}

/** An IBAN (ISO 13616): country, two check digits, up to 30 letters and digits; mod 97 is 1. */
export function isIban(value: string): boolean {
  const iban = value.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= "A" ? c.charCodeAt(0) - 55 : Number(c);
    rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
  }
  return rest === 1;
}

/** Brazil's CPF: 11 digits, two mod-11 check digits; eleven equal digits are not a CPF. */
export function isCpf(value: string): boolean {
  if (!/^\d{11}$/.test(value) || /^(\d)\1{10}$/.test(value)) return false;
  const d = digitsOf(value);
  const check = (n: number) => {
    const sum = d.slice(0, n).reduce((s, x, i) => s + x * (n + 1 - i), 0);
    return ((sum * 10) % 11) % 10;
  };
  return check(9) === d[9] && check(10) === d[10];
}

/** Brazil's CNPJ: 14 digits, two mod-11 check digits. */
export function isCnpj(value: string): boolean {
  if (!/^\d{14}$/.test(value) || /^(\d)\1{13}$/.test(value)) return false;
  const d = digitsOf(value);
  const check = (n: number) => {
    const weights =
      n === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const rest = d.slice(0, n).reduce((s, x, i) => s + x * weights[i], 0) % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return check(12) === d[12] && check(13) === d[13];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE_BR = /^\+55\d{10,11}$/;
const RANDOM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A PIX key: a CPF or CNPJ (punctuation allowed), an e-mail, a +55 phone, or a random key. */
export function isPixKey(value: string): boolean {
  const v = value.trim();
  if (EMAIL.test(v) && v.length <= 77) return true;
  if (PHONE_BR.test(v.replace(/[\s()-]/g, ""))) return true;
  if (RANDOM_KEY.test(v)) return true;
  if (/^[\d.\-/\s]+$/.test(v)) {
    const digits = v.replace(/\D/g, "");
    return isCpf(digits) || isCnpj(digits);
  }
  return false;
}

/** "bank / branch / account": three parts of digits (the account may end in "-" and a check digit). */
export function isBankBranchAccount(value: string): boolean {
  const parts = value.split("/").map((p) => p.trim());
  return (
    parts.length === 3 &&
    /^\d{1,5}$/.test(parts[0]) &&
    /^\d{1,6}(-[\dXx])?$/.test(parts[1]) &&
    /^\d{1,20}(-[\dXx])?$/.test(parts[2])
  );
}

/** Spaces and dashes people type inside long numbers, taken out. */
const compact = (value: string) => value.replace(/[\s-]/g, "");

/** Checks a member's account by its country (ISO 3166 alpha-2). */
export function checkBankDetails(country: string, account: string | null): BankDetailsCheck {
  const value = (account ?? "").trim();
  if (value === "") return { ok: false, problem: "missing" };
  switch (country.toUpperCase()) {
    case "MX":
      return isClabe(compact(value))
        ? { ok: true, kind: "clabe" }
        : { ok: false, problem: "clabe_invalid" };
    case "AR":
      return isCbu(compact(value))
        ? { ok: true, kind: "cbu" }
        : { ok: false, problem: "cbu_invalid" };
    case "BR":
      if (isBankBranchAccount(value)) return { ok: true, kind: "bank_branch_account" };
      return isPixKey(value) ? { ok: true, kind: "pix" } : { ok: false, problem: "pix_invalid" };
    default:
      if (/^[A-Za-z]{2}\d{2}/.test(compact(value))) {
        return isIban(compact(value))
          ? { ok: true, kind: "iban" }
          : { ok: false, problem: "iban_invalid" };
      }
      return isBankBranchAccount(value)
        ? { ok: true, kind: "bank_branch_account" }
        : { ok: false, problem: "account_invalid" };
  }
}
