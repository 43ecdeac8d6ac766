import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LOCALES } from "~/i18n/locale";
import { memberInput, password, userInput } from "./parties";
import { fxRatesInput, programInput } from "./programs";
import { supplierPaymentInput } from "./money";
import { isReasonKey, issueMessage, REASONS, reasonText, type ReasonKey } from "./reasons";

/** Params enough for any reason's text. */
const PARAMS = {
  min: 10,
  text: "abc",
  rate: 1,
  member: 1,
  id: 7,
  program: "Axion 2025",
  currency: "USD",
  given: "EUR",
  column: "taxId",
  taxId: "X1",
  row: 3,
  max: 80,
  part: "notes",
  expected: '"file", "period"',
};

const issuesOf = (schema: z.ZodTypeAny, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a refusal");
  return parsed.error.issues;
};

describe("REASONS", () => {
  it("has a non-empty text in en, es and pt-BR for every key, es and pt-BR not the English", () => {
    const keys = Object.keys(REASONS) as ReasonKey[];
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      expect(key).toMatch(/^[a-z]+(_[a-z]+)*$/);
      const [en, es, pt] = (["en", "es", "pt-BR"] as const).map((l) => reasonText(key, PARAMS, l));
      for (const text of [en, es, pt]) {
        expect(text.trim(), key).not.toBe("");
        expect(text, key).not.toMatch(/undefined|\[object/);
      }
      expect(es, key).not.toBe(en);
      expect(pt, key).not.toBe(en);
    }
  });

  it("keeps the API's English word for word", () => {
    expect(reasonText("month_format", {}, "en")).toBe("must be a month written YYYY-MM");
    expect(reasonText("tax_id_repeated", { member: 1 }, "en")).toBe(
      "repeats the tax id of member 1",
    );
    expect(reasonText("fx_rate_repeated", { rate: 1 }, "en")).toBe(
      "repeats the month and currencies of rate 1",
    );
    expect(reasonText("left_before_joined", {}, "en")).toBe("must be after the joining date");
    expect(reasonText("supplier_unknown", { id: 99999 }, "en")).toBe("there is no supplier 99999.");
    expect(reasonText("supplier_id_required", {}, "en")).toBe(
      'Say which supplier the report is for in "supplierId".',
    );
    expect(reasonText("program_paid_in", PARAMS, "en")).toBe(
      "the program Axion 2025 is paid in USD, not EUR.",
    );
  });

  it("says the wrong password as the account page does", () => {
    expect(LOCALES.map((l) => reasonText("wrong_password", {}, l))).toEqual([
      "La contraseña actual es incorrecta.",
      "A senha atual está incorreta.",
      "The current password is wrong.",
    ]);
  });

  it("knows its keys", () => {
    expect(isReasonKey("required")).toBe(true);
    expect(isReasonKey("Required")).toBe(false);
    expect(isReasonKey("toString")).toBe(false);
    expect(isReasonKey(undefined)).toBe(false);
  });
});

describe("issueMessage", () => {
  it("writes the schemas' reasons with their params, in each locale", () => {
    const [repeated] = issuesOf(fxRatesInput, [
      { month: "2026-01", from: "USD", to: "MXN", rate: "17.1" },
      { month: "2026-01", from: "usd", to: "mxn", rate: "17.2" },
    ]);
    expect(repeated.path).toEqual([1, "month"]);
    expect(issueMessage(repeated, "en")).toBe("repeats the month and currencies of rate 1");
    expect(issueMessage(repeated, "es")).toBe("repite el mes y las monedas del tipo de cambio 1");
    expect(issueMessage(repeated, "pt-BR")).toBe("repete o mês e as moedas da taxa 1");

    const [long] = issuesOf(z.string().max(80, "at_most_characters"), "x".repeat(81));
    expect(issueMessage(long, "en")).toBe("At most 80 characters.");
    expect(issueMessage(long, "es")).toBe("Como máximo 80 caracteres.");

    const [short] = issuesOf(password, "short");
    expect(issueMessage(short, "en")).toBe("must have at least 10 characters");
    expect(issueMessage(short, "pt-BR")).toBe("deve ter pelo menos 10 caracteres");

    const [month] = issuesOf(fxRatesInput, [
      { month: "2026-13", from: "USD", to: "MXN", rate: "1" },
    ]);
    expect(`${month.path.join(".")}: ${issueMessage(month, "en")}`).toBe(
      "0.month: must be a month written YYYY-MM",
    );
  });

  it("keeps the refusals and paths of the schemas", () => {
    const member = {
      name: "Ana",
      taxId: "X1",
      country: "mx",
      joinedOn: "2026-02-30",
      leftOn: "",
    };
    expect(issuesOf(memberInput, member).map((i) => [i.path.join("."), i.message])).toEqual([
      ["joinedOn", "date_not_real"],
    ]);
    const left = issuesOf(memberInput, { ...member, joinedOn: "2026-02-01", leftOn: "2026-01-01" });
    expect(left.map((i) => [i.path.join("."), issueMessage(i, "en")])).toEqual([
      ["leftOn", "must be after the joining date"],
    ]);
    const user = issuesOf(userInput, {
      email: "ana@example.com",
      password: "0123456789",
      role: "member",
    });
    expect(user.map((i) => [i.path.join("."), issueMessage(i, "es")])).toEqual([
      ["memberId", "es obligatorio para un usuario de miembro"],
    ]);
    const payment = issuesOf(supplierPaymentInput, {
      programId: 1,
      amountMinor: "12",
      receivedOn: "2026-01-01",
      reference: " ",
    });
    expect(payment.map((i) => [i.path.join("."), issueMessage(i, "en")])).toEqual([
      ["amountMinor", "must be a whole number of minor units"],
      ["reference", "is required"],
    ]);
    const program = issuesOf(programInput, {
      supplierId: 1,
      name: "P",
      currency: "USD",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 0,
      tiers: [],
    });
    expect(program.map((i) => `${i.path.join(".")}: ${issueMessage(i, "en")}`)).toEqual([
      "tiers: needs at least one tier",
    ]);
  });

  it("keeps zod's own English in en and writes its issues in es and pt-BR", () => {
    const [missing] = issuesOf(z.object({ name: z.string() }), {});
    expect(issueMessage(missing, "en")).toBe("Required");
    expect(issueMessage(missing, "es")).toBe("es obligatorio");
    expect(issueMessage(missing, "pt-BR")).toBe("é obrigatório");

    const [wrongType] = issuesOf(z.number(), "12");
    expect(issueMessage(wrongType, "en")).toBe("Expected number, received string");
    expect(issueMessage(wrongType, "es")).toBe("debe ser un número");
    expect(issueMessage(wrongType, "pt-BR")).toBe("deve ser um número");

    const [big] = issuesOf(z.number().int().max(10000), 10001);
    expect(issueMessage(big, "es")).toBe("debe ser menor o igual que 10000");
    const [long] = issuesOf(z.string().max(2), "abc");
    expect(issueMessage(long, "pt-BR")).toBe("deve ter no máximo 2 caracteres");
    const [one] = issuesOf(z.string().min(1), "");
    expect(issueMessage(one, "es")).toBe("debe tener al menos 1 carácter");
    const [few] = issuesOf(z.array(z.number()).min(1), []);
    expect(issueMessage(few, "es")).toBe("debe tener al menos 1 elemento");
    const [role] = issuesOf(z.enum(["admin", "member"]), "boss");
    expect(issueMessage(role, "es")).toBe("debe ser uno de: admin, member");
    const [mail] = issuesOf(z.string().email(), "nope");
    expect(issueMessage(mail, "pt-BR")).toBe("não é um endereço de e-mail");
    const [step] = issuesOf(z.number().multipleOf(5), 7);
    expect(issueMessage(step, "es")).toBe("debe ser múltiplo de 5");
    const [custom] = issuesOf(
      z.string().refine(() => false, "plain text"),
      "x",
    );
    expect(LOCALES.map((l) => issueMessage(custom, l))).toEqual([
      "plain text",
      "plain text",
      "plain text",
    ]);
  });
});
