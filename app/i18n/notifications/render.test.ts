import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import { LOCALES, MESSAGES } from "../locale";
import { displayValues, kindName, notificationMail, notificationTitle } from "./render";

/** Every text an event can take: kinds, and the variants the events send. */
const TEXTS = [
  "report_due",
  "report_processed.accepted",
  "report_processed.rejected",
  "claims_to_review",
  "claims_to_review.one",
  "claim_decided.accepted",
  "claim_decided.rejected",
  "claim_escalated",
  "run_posted",
  "run_posted.supplier",
  "run_posted.correction",
  "batch_awaiting_approval",
  "batch_paid",
  "near_next_tier",
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("notification texts", () => {
  it("exist for every event text in every language, with the same placeholders as English", () => {
    for (const id of TEXTS)
      for (const part of ["title", "body"]) {
        const key = `notifications.${id}.${part}`;
        const english = MESSAGES.en[key];
        expect(english, key).toBeTypeOf("string");
        for (const locale of LOCALES)
          expect(placeholders(MESSAGES[locale][key] ?? ""), `${locale} ${key}`).toEqual(
            placeholders(english),
          );
      }
    for (const kind of NOTIFICATION_KINDS)
      for (const locale of LOCALES)
        expect(kindName(kind, locale)).not.toBe(`notifications.kind.${kind}`);
  });

  it("formats amounts, rates and months for the reader, and leaves the rest as given", () => {
    const params = {
      program: "Axion 2026",
      month: "2026-03",
      amountMinor: 123_456,
      rateBps: 250,
      currency: "USD",
      lines: 1234,
    };
    expect(displayValues(params, "en")).toEqual({
      program: "Axion 2026",
      month: "March 2026",
      amount: "$1,234.56",
      rate: "2.5%",
      currency: "USD",
      lines: "1,234",
    });
    expect(displayValues(params, "pt-BR").amount.replace(/\u00a0/g, " ")).toBe("US$ 1.234,56");
  });

  it("writes a batch-paid line in each language", () => {
    const params = { reference: "PAY-7", amountMinor: 5_000, currency: "USD" };
    expect(notificationTitle("batch_paid", params, "en")).toBe(
      "You were paid $50.00 (payout PAY-7)",
    );
    expect(notificationTitle("batch_paid", params, "es").replace(/\u00a0/g, " ")).toBe(
      "Recibió un pago de USD 50.00 (pago PAY-7)",
    );
    expect(notificationTitle("batch_paid", params, "pt-BR").replace(/\u00a0/g, " ")).toBe(
      "Você recebeu US$ 50,00 (pagamento PAY-7)",
    );
  });

  it("makes an e-mail with the line as subject, the absolute link, and escaped HTML", () => {
    const mail = notificationMail(
      "report_processed",
      {
        variant: "rejected",
        supplier: "<Axion & Co>",
        month: "2026-01",
        version: 2,
        errors: 3,
        warnings: 0,
        lines: 0,
      },
      "/supplier/reports/9",
      "en",
      (path) => `https://portal.example${path}`,
    );
    expect(mail.subject).toBe("Report for January 2026 rejected (version 2, 3 errors)");
    expect(mail.text).toContain("Open in the portal: https://portal.example/supplier/reports/9");
    expect(mail.text).toContain(
      "To choose which notifications also come by e-mail: https://portal.example/account/notifications",
    );
    expect(mail.html).toContain("&lt;Axion &amp; Co&gt;");
    expect(mail.html).not.toContain("<Axion");
  });
});
