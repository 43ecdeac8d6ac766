// The e-mails this area writes itself, in the recipient's language: a password-reset link and an
// invitation (the notifications of SPEC 11's other events are written by app/models/notifications).
import { translate, type Locale } from "~/i18n/locale";
import { mailHtml, mailText, type MailBody } from "./layout";

export type RenderedMail = { subject: string; text: string; html: string };

function render(locale: Locale, subject: string, body: MailBody): RenderedMail {
  return { subject, text: mailText(body), html: mailHtml(body, locale) };
}

export function passwordResetMail(locale: Locale, email: string, url: string): RenderedMail {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) =>
    translate(locale, key, vars);
  return render(locale, t("mail.reset.subject"), {
    heading: t("mail.reset.subject"),
    paragraphs: [t("mail.reset.asked", { email }), t("mail.reset.once"), t("mail.reset.ignore")],
    action: { label: t("mail.reset.action"), url },
  });
}

export function invitationMail(
  locale: Locale,
  input: { inviter: string; role: "admin" | "supplier" | "member"; url: string },
): RenderedMail {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) =>
    translate(locale, key, vars);
  const role = t(`mail.role.${input.role}`);
  return render(locale, t("mail.invite.subject"), {
    heading: t("mail.invite.subject"),
    paragraphs: [t("mail.invite.body", { inviter: input.inviter, role }), t("mail.invite.once")],
    action: { label: t("mail.invite.action"), url: input.url },
  });
}
