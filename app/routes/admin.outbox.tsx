// The Outbox (SPEC 11): every e-mail the portal wrote, its state, attempts, the SMTP server's last
// reply and its text; filtered by state, kind and recipient, a page at a time. Without SMTP_URL
// this is where the messages are read.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { OUTBOX_STATES } from "@db/schema";
import { authorize } from "~/auth/authorize.server";
import { Pager } from "~/components/tables/Pager";
import { oneOf, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import type { MessageKey } from "~/i18n/locale";
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import { listOutbox } from "~/models/outbox.server";
import styles from "~/styles/outbox.css?url";

const PAGE_SIZE = 50;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page } = pageParams(request, PAGE_SIZE);
  const to = url.searchParams.get("to")?.trim().slice(0, 320) || undefined;
  const filter = {
    state: oneOf(url.searchParams.get("state"), OUTBOX_STATES),
    kind: oneOf(url.searchParams.get("kind"), NOTIFICATION_KINDS),
    to,
  };
  const { rows, total } = listOutbox(filter, page, PAGE_SIZE);
  return {
    smtp: Boolean(process.env.SMTP_URL?.trim()),
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      to: r.toAddress,
      kind: r.kind,
      locale: r.locale,
      subject: r.subject,
      text: r.text,
      state: r.state,
      attempts: r.attempts,
      lastReply: r.lastReply,
      sentAt: r.sentAt,
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

export default function Outbox() {
  const { smtp, rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const kindName = (kind: string) => t(`notifications.kind.${kind}` as MessageKey);
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      {smtp ? null : (
        <p className="notice" role="status">
          {t("outbox.noSmtp")}
        </p>
      )}
      <Form method="get" className="toolbar">
        <select
          name="state"
          aria-label={t("outbox.state")}
          defaultValue={params.get("state") ?? ""}
        >
          <option value="">
            {t("outbox.state")}: {t("outbox.all")}
          </option>
          {OUTBOX_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`outbox.state.${s}`)}
            </option>
          ))}
        </select>
        <select name="kind" aria-label={t("outbox.kind")} defaultValue={params.get("kind") ?? ""}>
          <option value="">
            {t("outbox.kind")}: {t("outbox.all")}
          </option>
          {NOTIFICATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindName(k)}
            </option>
          ))}
        </select>
        <input
          name="to"
          type="email"
          placeholder={t("outbox.to")}
          aria-label={t("outbox.to")}
          defaultValue={params.get("to") ?? ""}
        />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {rows.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t("outbox.created")}</th>
              <th>{t("outbox.to")}</th>
              <th>{t("outbox.kind")}</th>
              <th>{t("outbox.subject")}</th>
              <th>{t("outbox.state")}</th>
              <th className="num">{t("outbox.attempts")}</th>
              <th>{t("outbox.reply")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-outbox-id={r.id}>
                <td>{r.createdAt.replace("T", " ").slice(0, 16)}</td>
                <td>{r.to}</td>
                <td>{kindName(r.kind)}</td>
                <td className="outbox-subject">
                  <details>
                    <summary>
                      {r.subject} <small>({r.locale})</small>
                    </summary>
                    <pre className="mail-text">{r.text}</pre>
                  </details>
                </td>
                <td>{t(`outbox.state.${r.state}`)}</td>
                <td className="num">{r.attempts}</td>
                <td className="outbox-reply">{r.lastReply ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
