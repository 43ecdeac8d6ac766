import { beforeAll, describe, expect, it } from "vitest";
import { mailHtml, mailText, withFooter } from "./layout";
import { passwordResetMail } from "./templates";

beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-secret";
});

describe("unsubscribe tokens", async () => {
  const { readUnsubscribeToken, unsubscribeToken } = await import("./unsubscribe.server");

  it("reads back the user and kind it was signed for", () => {
    const token = unsubscribeToken(42, "run_posted");
    expect(token).toMatch(/^42\.run_posted\.[\w-]{32}$/);
    expect(readUnsubscribeToken(token)).toEqual({ userId: 42, kind: "run_posted" });
  });

  it("refuses another user's or kind's token made from a valid one, and garbage", () => {
    const signature = unsubscribeToken(42, "run_posted").split(".")[2];
    expect(readUnsubscribeToken(`43.run_posted.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`42.batch_paid.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`42.not_a_kind.${signature}`)).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
    expect(readUnsubscribeToken("42.run_posted")).toBeNull();
  });
});

describe("mail layout", () => {
  it("escapes what it is given in HTML and keeps the text plain", () => {
    const body = {
      heading: "Pago <ok> & listo",
      paragraphs: ['Monto: "1.234,56"'],
      action: { label: "Ver", url: "https://portal.test/a?b=1&c=2" },
    };
    expect(mailText(body)).toBe(
      'Pago <ok> & listo\n\nMonto: "1.234,56"\n\nVer: https://portal.test/a?b=1&c=2\n',
    );
    const html = mailHtml(body, "es");
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1 style="font-size:20px">Pago &lt;ok&gt; &amp; listo</h1>');
    expect(html).toContain("<p>Monto: &quot;1.234,56&quot;</p>");
    expect(html).toContain('href="https://portal.test/a?b=1&amp;c=2"');
  });

  it("adds a footer before the end of the HTML body and after the text", () => {
    const out = withFooter("Hola\n", "<html><body><p>Hola</p></body></html>", [
      { text: "Deje de recibirlos:", linkLabel: "aquí", url: "https://p.test/u/1" },
    ]);
    expect(out.text).toBe("Hola\n\n--\nDeje de recibirlos: https://p.test/u/1\n");
    expect(out.html).toBe(
      '<html><body><p>Hola</p><hr><p style="color:#666;font-size:12px">Deje de recibirlos: <a href="https://p.test/u/1">aquí</a></p></body></html>',
    );
  });

  it("writes the reset mail in the reader's language", () => {
    const mail = passwordResetMail("pt-BR", "ana@example.test", "https://p.test/reset-password/x");
    expect(mail.subject).toBe("Escolha uma nova senha do tierpool");
    expect(mail.text).toContain("Escolher uma nova senha: https://p.test/reset-password/x");
  });
});
