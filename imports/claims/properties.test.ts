// Properties of the pure parts of the claim readers: SPEC 5.2's invoice-number normalization,
// exact decimal amounts and quantities, and the NF-e access key's check digit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cfdiXml, nfeXml } from "@tests/setup/claim-invoices";
import { ImportError } from "../errors";
import { netMinor, parseQuantity } from "./decimal";
import {
  accessKeyCheckDigit,
  isValidAccessKey,
  normalizeInvoiceNumber,
  readInvoiceFile,
} from "./index";

/** Invoice numbers as suppliers write them: letters, digits, separators, leading zeros. */
const numberText = fc
  .array(fc.constantFrom(..."AXNO0123456789-/ .#_".split("")), { maxLength: 24 })
  .map((chars) => chars.join(""));
const separator = fc.constantFrom("-", "/", " ", ".", "#", "_", "\u2013", "\u00a0");

describe("normalizeInvoiceNumber", () => {
  it("follows SPEC 5.2's examples", () => {
    expect(normalizeInvoiceNumber("001-0123")).toBe("10123");
    expect(normalizeInvoiceNumber("AX-7001")).toBe("AX7001");
    expect(normalizeInvoiceNumber("ax 007001")).toBe("AX7001");
    expect(normalizeInvoiceNumber("NF 000.045.001")).toBe("NF45001");
    expect(normalizeInvoiceNumber("A-000")).toBe("A0");
    expect(normalizeInvoiceNumber("Ｆ－００１２")).toBe("F12");
    expect(normalizeInvoiceNumber("--")).toBe("");
  });

  it("is idempotent and keeps only uppercase letters and digits, no run of digits led by 0", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const once = normalizeInvoiceNumber(raw);
        expect(normalizeInvoiceNumber(once)).toBe(once);
        expect(once).toMatch(/^[\p{L}\p{Nd}]*$/u);
        expect(once).not.toMatch(/(?<![0-9])0[0-9]/);
      }),
    );
  });

  it("ignores separators anywhere, and case", () => {
    fc.assert(
      fc.property(numberText, numberText, separator, (a, b, sep) => {
        expect(normalizeInvoiceNumber(a + sep + b)).toBe(normalizeInvoiceNumber(a + b));
        expect(normalizeInvoiceNumber((a + b).toLowerCase())).toBe(normalizeInvoiceNumber(a + b));
      }),
    );
  });

  it("drops zeros that lead a number, and only those", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{0,3}$/),
        fc.nat({ max: 5 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (letters, zeros, n) => {
          const raw = `${letters}${"0".repeat(zeros)}${n}`;
          expect(normalizeInvoiceNumber(raw)).toBe(`${letters}${n}`);
        },
      ),
    );
  });
});

/** The decimal text of `micro` millionths with `decimals` places (trailing zeros kept). */
function decimalOf(units: bigint, scale: number, decimals: number): string {
  const digits = units.toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits
    .slice(digits.length - scale)
    .padEnd(decimals, "0")
    .slice(0, decimals);
  return decimals === 0 ? int : `${int}.${frac}`;
}

/** Half away from zero, in exact integers: the reference the float-free parser must meet. */
function roundReference(units: bigint, scale: number, exponent: number): number {
  const factor = 10n ** BigInt(scale - exponent);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const rounded = (magnitude + factor / 2n) / factor;
  return Number(negative ? -rounded : rounded);
}

describe("amounts", () => {
  it("reads any decimal with up to 6 places and rounds once, half away from zero", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 17n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(0, 2, 3),
        (micro, decimals, exponent) => {
          const scaled = micro - (micro % 10n ** BigInt(6 - decimals)); // what `decimals` can say
          const text = decimalOf(scaled, 6, decimals);
          expect(netMinor(text, null, exponent)).toBe(roundReference(scaled, 6, exponent));
        },
      ),
    );
  });

  it("subtracts exactly before rounding: gross − discount", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 16n }),
        fc.bigInt({ min: 0n, max: 10n ** 16n }),
        (a, b) => {
          const [gross, discount] = a >= b ? [a, b] : [b, a];
          const result = netMinor(decimalOf(gross, 6, 6), decimalOf(discount, 6, 6), 2);
          expect(result).toBe(roundReference(gross - discount, 6, 2));
        },
      ),
    );
  });

  it("gives cents exactly for two-decimal texts, never through floats", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 15 }),
        fc.integer({ min: 0, max: 10 ** 15 }),
        (a, b) => {
          const [gross, discount] = a >= b ? [a, b] : [b, a];
          const text = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
          expect(netMinor(text(gross), text(discount), 2)).toBe(gross - discount);
        },
      ),
    );
    expect(netMinor("0.1", "0.2", 2)).toBe(-10);
    expect(netMinor("10000000000000.01", null, 2)).toBeNull(); // past MAX_AMOUNT_MINOR
    for (const bad of ["", "1e5", "1,5", "-1", "1.2.3", "0x10", " ", "١٢٣"])
      expect(netMinor(bad, null, 2)).toBeNull();
  });

  it("reads quantities as the nearest double to their decimal text", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 6 }),
        (n, decimals) => {
          const text = decimalOf(BigInt(n), decimals, decimals);
          expect(parseQuantity(text)).toBe(Number(text));
          expect(parseQuantity(`${text}${decimals > 0 ? "" : "."}0000`)).toBe(Number(text));
        },
      ),
    );
    expect(parseQuantity("1.0000001")).toBeNull();
  });
});

describe("NF-e access key", () => {
  it("knows real keys' check digits", () => {
    expect(isValidAccessKey("35260261432118000183550010000450011366212590")).toBe(true);
    expect(isValidAccessKey("35260361432118000183550010000450171619820139")).toBe(true);
    expect(isValidAccessKey("43180906929383000163550010000000261000010301")).toBe(true);
    expect(isValidAccessKey("35260261432118000183550010000450011366212591")).toBe(false);
    expect(isValidAccessKey("3526026143211800018355001000045001136621259")).toBe(false);
  });

  it("accepts exactly one last digit for every 43 digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{43}$/), (first43) => {
        const valid = [..."0123456789"].filter((d) => isValidAccessKey(first43 + d));
        expect(valid).toEqual([String(accessKeyCheckDigit(first43))]);
      }),
    );
  });

  it("catches a changed digit, unless the remainder only moves between 0 and 1", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{43}$/),
        fc.nat({ max: 42 }),
        fc.integer({ min: 1, max: 9 }),
        (first43, at, delta) => {
          const key = first43 + accessKeyCheckDigit(first43);
          const digit = (Number(key[at]) + delta) % 10;
          const changed = key.slice(0, at) + digit + key.slice(at + 1);
          const weight = ((42 - at) % 8) + 2;
          const sumShift = (weight * (digit - Number(key[at]))) % 11;
          // Remainders 0 and 1 share the digit 0: the only changes the module cannot see.
          const before = sumOf(first43) % 11;
          const after = (((before + sumShift) % 11) + 11) % 11;
          const blind = (before < 2 && after < 2) || before === after;
          expect(isValidAccessKey(changed)).toBe(blind);
        },
      ),
    );
  });
});

function sumOf(first43: string): number {
  let sum = 0;
  for (let i = 0; i < 43; i += 1) sum += Number(first43[i]) * (((42 - i) % 8) + 2);
  return sum;
}

describe("readInvoiceFile never throws", () => {
  /** What readInvoiceFile answers when something other than an ImportError was thrown. */
  const DEFECT = { line: 0, column: 0 };
  const samples = [cfdiXml(), cfdiXml({ type: "E", version: "3.3" }), nfeXml()];

  it("gives a reading or a coded refusal for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const reading = readInvoiceFile("x.xml", bytes);
        if (!reading.ok) {
          expect(reading.error).toBeInstanceOf(ImportError);
          expect(reading.error.params).not.toMatchObject(DEFECT); // no defect of ours caught
        }
      }),
    );
  });

  it("gives a reading or a coded refusal for any cut or edit of a real invoice", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 8 }),
        (xml, from, length, insert) => {
          const at = from % xml.length;
          const edited = xml.slice(0, at) + insert + xml.slice(at + (length % 12));
          const reading = readInvoiceFile("x.xml", Buffer.from(edited));
          if (reading.ok) {
            expect(Number.isSafeInteger(reading.invoice.netMinor)).toBe(true);
          } else {
            expect(reading.error).toBeInstanceOf(ImportError);
            expect(reading.error.message).toContain('"x.xml"');
            expect(reading.error.params).not.toMatchObject(DEFECT);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
