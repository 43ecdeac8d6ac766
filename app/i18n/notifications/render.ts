// A notification's words in one language: the portal's one line, and the e-mail's subject, text
// and HTML. Stored params are raw values; amounts (`…Minor` with `currency`), months and rates
// (`…Bps`) are formatted here, for the reader, so a change of language changes every line.
import type { NotificationKind } from "~/mail/kinds";
import { mailHtml, mailText, type MailBody } from "~/mail/layout";
import type { RenderedMail } from "~/mail/templates";
import {
  formatBps,
  formatMoney,
  formatMonth,
  translate,
  type Locale,
  type MessageKey,
} from "../locale";

export type NotificationParams = Record<string, string | number>;

/**
 * The text of an event: its kind, or its kind and a `variant` param when one event speaks to two
 * audiences or ends two ways (a report accepted or rejected; a run told to members or supplier).
 */
function textId(kind: NotificationKind, params: NotificationParams): string {
  return typeof params.variant === "string" && params.variant ? `${kind}.${params.variant}` : kind;
}

/** The values a message's placeholders take: amounts, months and rates in the reader's format. */
export function displayValues(params: NotificationParams, locale: Locale): Record<string, string> {
  const values: Record<string, string> = {};
  const number = new Intl.NumberFormat(locale);
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith("Minor") && typeof value === "number" && typeof params.currency === "string")
      values[name.slice(0, -"Minor".length)] = formatMoney(value, params.currency, locale);
    else if (name.endsWith("Bps") && typeof value === "number")
      values[name.slice(0, -"Bps".length)] = formatBps(value, locale);
    else if (name === "month" && typeof value === "string" && /^\d{4}-\d{2}$/.test(value))
      values.month = formatMonth(value, locale);
    else values[name] = typeof value === "number" ? number.format(value) : value;
  }
  return values;
}

const message = (key: string, locale: Locale, values: Record<string, string>) =>
  translate(locale, key as MessageKey, values);

/** The portal's line for a notification. */
export function notificationTitle(
  kind: NotificationKind,
  params: NotificationParams,
  locale: Locale,
): string {
  return message(
    `notifications.${textId(kind, params)}.title`,
    locale,
    displayValues(params, locale),
  );
}

/** The name of a kind, for filters and preferences. */
export function kindName(kind: NotificationKind, locale: Locale): string {
  return translate(locale, `notifications.kind.${kind}` as MessageKey);
}

/**
 * The e-mail of a notification, in the frame of every e-mail (app/mail/layout): the portal's line
 * as subject and heading, a paragraph saying more, the link to the screen, and where to choose
 * what comes by e-mail (the sender adds the kind's unsubscribe link). `url` makes a path absolute.
 */
export function notificationMail(
  kind: NotificationKind,
  params: NotificationParams,
  link: string,
  locale: Locale,
  url: (path: string) => string,
): RenderedMail {
  const values = displayValues(params, locale);
  const id = textId(kind, params);
  const subject = message(`notifications.${id}.title`, locale, values);
  const body: MailBody = {
    heading: subject,
    paragraphs: [
      message(`notifications.${id}.body`, locale, values),
      translate(locale, "notifications.mailPreferences", {
        preferences: url("/account/notifications"),
      }),
    ],
    action: { label: translate(locale, "notifications.open"), url: url(link) },
  };
  return { subject, text: mailText(body), html: mailHtml(body, locale) };
}
