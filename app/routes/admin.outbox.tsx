// The Outbox (SPEC 11): every e-mail the portal wrote, its state, attempts, the SMTP server's last
// reply and its text; filtered by state, kind and recipient, a page at a time. Without SMTP_URL
// this is where the messages are read.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OUTBOX_STATES } from "@db/schema";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { outboxList } from "~/http/admin-lists.server";
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
  const { list, filter } = outboxList(request);
  const page = list.paging.page;
  const { rows, total } = listOutbox(filter, page, PAGE_SIZE, list.sorted);
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
    sorted: list.sorted,
  };
}

export default function Outbox() {
  const { smtp, rows, total, page, pageSize, sorted } = useLoaderData<typeof loader>();
  const { t, dateTime } = useI18n();
  const kindName = (kind: string) => t(`notifications.kind.${kind}` as MessageKey);
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      {smtp ? null : (
        <p className="notice" role="status">
          {t("outbox.noSmtp")}
        </p>
      )}
      <ListFilters>
        <ChoiceFilter
          name="state"
          label={t("outbox.state")}
          all={t("outbox.all")}
          choices={OUTBOX_STATES.map((s) => ({ value: s, label: t(`outbox.state.${s}`) }))}
        />
        <ChoiceFilter
          name="kind"
          label={t("outbox.kind")}
          all={t("outbox.all")}
          choices={NOTIFICATION_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
        />
        <TextFilter name="to" type="email" label={t("outbox.to")} />
      </ListFilters>
      <Downloads path="/admin/outbox/export" />
      {rows.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <SortHeader
                column="createdAt"
                label={t("outbox.created")}
                sorted={sorted}
                first="desc"
              />
              <SortHeader column="to" label={t("outbox.to")} sorted={sorted} />
              <SortHeader column="kind" label={t("outbox.kind")} sorted={sorted} />
              <th scope="col">{t("outbox.subject")}</th>
              <SortHeader column="state" label={t("outbox.state")} sorted={sorted} />
              <SortHeader
                column="attempts"
                label={t("outbox.attempts")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <th scope="col">{t("outbox.reply")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-outbox-id={r.id}>
                <td className="nowrap">{dateTime(r.createdAt)}</td>
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
