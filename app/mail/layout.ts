// The frame of every e-mail, in HTML and in text: a heading, paragraphs, one button-like link and
// a footer. Values are escaped here, so callers pass plain text.

export type MailBody = {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string[];
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function mailText(body: MailBody): string {
  const parts = [body.heading, "", ...body.paragraphs.flatMap((p) => [p, ""])];
  if (body.action) parts.push(`${body.action.label}: ${body.action.url}`, "");
  if (body.footer?.length) parts.push("--", ...body.footer);
  return parts.join("\n").trimEnd() + "\n";
}

export function mailHtml(body: MailBody, lang: string): string {
  const action = body.action
    ? `<p><a href="${escapeHtml(body.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(body.action.label)}</a></p>`
    : "";
  const footer = body.footer?.length
    ? `<hr><p style="color:#666;font-size:12px">${body.footer.map(escapeHtml).join("<br>")}</p>`
    : "";
  return [
    `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:sans-serif;max-width:600px">`,
    `<h1 style="font-size:20px">${escapeHtml(body.heading)}</h1>`,
    ...body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action,
    footer,
    "</body></html>",
  ].join("");
}

/** Adds the footer lines (an unsubscribe link) to a stored text and HTML body at sending time. */
export function withFooter(
  text: string,
  html: string,
  lines: { text: string; linkLabel?: string; url?: string }[],
): { text: string; html: string } {
  if (!lines.length) return { text, html };
  const plain = lines.map((l) => (l.url ? `${l.text} ${l.url}` : l.text)).join("\n");
  const rich = lines
    .map(
      (l) =>
        escapeHtml(l.text) +
        (l.url ? ` <a href="${escapeHtml(l.url)}">${escapeHtml(l.linkLabel ?? l.url)}</a>` : ""),
    )
    .join("<br>");
  const block = `<hr><p style="color:#666;font-size:12px">${rich}</p>`;
  return {
    text: `${text.trimEnd()}\n\n--\n${plain}\n`,
    html: html.includes("</body>") ? html.replace("</body>", `${block}</body>`) : html + block,
  };
}
