// notify and its readers on a database file of their own: once per key, disabled users skipped,
// e-mail only as each user chose and in their language, and nobody reads or marks another's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@db/client.server";
import { setEmailPreference } from "./notification-prefs.server";
import {
  listNotifications,
  markRead,
  notify,
  openNotification,
  portalUrl,
  unreadCount,
} from "./notifications.server";

let scratch: string;
let db: Db;
const user = {} as Record<"ana" | "bea" | "off" | "staff", number>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-notify-"));
  vi.stubEnv("DATABASE_PATH", join(scratch, "notify.db"));
  vi.stubEnv("PUBLIC_URL", "https://portal.example");
  db = getDb();
  const sql = db.$client;
  const supplier = sql
    .prepare(
      `INSERT INTO suppliers (name, currency, language) VALUES ('Paulista', 'BRL', 'pt-BR') RETURNING id`,
    )
    .get() as { id: number };
  const insert = sql.prepare(
    `INSERT INTO users (email, password_hash, role, supplier_id, locale, disabled_at)
     VALUES (?, 'x', ?, ?, ?, ?) RETURNING id`,
  );
  const add = (
    email: string,
    role: string,
    supplierId: number | null,
    locale: string | null,
    off = false,
  ) =>
    (
      insert.get(email, role, supplierId, locale, off ? "2026-01-01T00:00:00Z" : null) as {
        id: number;
      }
    ).id;
  user.ana = add("ana@x.example", "admin", null, "en");
  user.bea = add("bea@x.example", "admin", null, null);
  user.off = add("off@x.example", "admin", null, "en", true);
  user.staff = add("staff@x.example", "supplier", supplier.id, null);
});

afterAll(() => {
  db?.$client.close();
  vi.unstubAllEnvs();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const outbox = (key: string) =>
  db.$client
    .prepare(
      `SELECT to_address "to", locale, subject, text FROM outbox WHERE key LIKE ? ORDER BY id`,
    )
    .all(`${key}:%`) as { to: string; locale: string; subject: string; text: string }[];

const event = (key: string, userIds: number[]) =>
  notify({
    kind: "batch_paid",
    userIds,
    key,
    params: { reference: "PAY-1", amountMinor: 12_345, currency: "USD" },
    link: "/member/statement",
  });

describe("notify", () => {
  it("tells each enabled user once per key, by e-mail in their language", () => {
    event("paid:1", [user.ana, user.bea, user.off, user.staff, user.ana]);
    event("paid:1", [user.ana, user.bea, user.staff]);
    const rows = db.$client
      .prepare(`SELECT user_id userId FROM notifications WHERE key = 'paid:1' ORDER BY user_id`)
      .all();
    expect(rows).toEqual([{ userId: user.ana }, { userId: user.bea }, { userId: user.staff }]);
    // Ana reads English; Bea set nothing (Spanish); the staff's supplier writes Portuguese.
    expect(
      outbox("paid:1").map((m) => [m.to, m.locale, m.subject.replace(/\u00a0/g, " ")]),
    ).toEqual([
      ["ana@x.example", "en", "You were paid $123.45 (payout PAY-1)"],
      ["bea@x.example", "es", "Recibió un pago de USD 123.45 (pago PAY-1)"],
      ["staff@x.example", "pt-BR", "Você recebeu US$ 123,45 (pagamento PAY-1)"],
    ]);
    expect(outbox("paid:1")[0].text).toContain("https://portal.example/member/statement");
  });

  it("keeps a kind in the portal when the user chose so, and for that kind only", () => {
    setEmailPreference(user.bea, "batch_paid", false);
    event("paid:2", [user.ana, user.bea]);
    expect(outbox("paid:2").map((m) => m.to)).toEqual(["ana@x.example"]);
    expect(unreadCount(user.bea)).toBe(2);
    setEmailPreference(user.bea, "batch_paid", true);
    event("paid:3", [user.bea]);
    expect(outbox("paid:3").map((m) => m.to)).toEqual(["bea@x.example"]);
  });
});

describe("reading and marking", () => {
  it("lists, opens and marks only one's own", () => {
    const bea = listNotifications(user.bea, {}, 1, 10, "en").rows;
    const ana = listNotifications(user.ana, { unread: true }, 1, 10, "en").rows;
    expect(ana).toHaveLength(2);
    expect(markRead(user.ana, { ids: bea.map((n) => n.id) })).toBe(0);
    expect(() => openNotification(user.ana, bea[0].id)).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    expect(unreadCount(user.bea)).toBe(3);
    expect(openNotification(user.bea, bea[0].id)).toBe("/member/statement");
    expect(unreadCount(user.bea)).toBe(2);
    expect(markRead(user.bea, { all: true })).toBe(2);
    expect(listNotifications(user.bea, { unread: true }, 1, 10, "en").total).toBe(0);
    expect(unreadCount(user.ana)).toBe(2);
  });
});

describe("links in e-mails", () => {
  it("keep PUBLIC_URL's sub-path, with or without its trailing slash", () => {
    for (const base of ["https://x.example/portal", "https://x.example/portal/"]) {
      vi.stubEnv("PUBLIC_URL", base);
      expect(portalUrl("/member/claims")).toBe("https://x.example/portal/member/claims");
      expect(portalUrl("/member/statement?from=2026-03&to=2026-03")).toBe(
        "https://x.example/portal/member/statement?from=2026-03&to=2026-03",
      );
      expect(portalUrl("/unsubscribe/7.run_posted.abc")).toBe(
        "https://x.example/portal/unsubscribe/7.run_posted.abc",
      );
      expect(portalUrl("/reset-password/tok")).toBe("https://x.example/portal/reset-password/tok");
      expect(portalUrl("/invite/tok")).toBe("https://x.example/portal/invite/tok");
      // A path cannot leave the portal's address, even one written as another host's.
      expect(portalUrl("//evil.example/x")).toBe("https://x.example/portal/evil.example/x");
    }
    vi.stubEnv("PUBLIC_URL", "https://portal.example");
    expect(portalUrl("/member")).toBe("https://portal.example/member");
    vi.stubEnv("PUBLIC_URL", "");
    vi.stubEnv("PORT", "4321");
    expect(portalUrl("/member")).toBe("http://localhost:4321/member");
    vi.stubEnv("PUBLIC_URL", "https://portal.example");
  });

  it("write every link of a notification's e-mail under the sub-path", () => {
    vi.stubEnv("PUBLIC_URL", "https://x.example/portal");
    try {
      event("paid:sub", [user.ana]);
      const [mail] = db.$client
        .prepare(`SELECT text, html FROM outbox WHERE key = ?`)
        .all(`paid:sub:${user.ana}`) as { text: string; html: string }[];
      const links = (body: string) => [...body.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
      expect(links(mail.text)).toEqual([
        "https://x.example/portal/account/notifications",
        "https://x.example/portal/member/statement",
      ]);
      expect(links(mail.html)).toEqual([
        "https://x.example/portal/account/notifications",
        "https://x.example/portal/member/statement",
      ]);
    } finally {
      vi.stubEnv("PUBLIC_URL", "https://portal.example");
    }
  });
});
