// What the claim screens show (SPEC 5.2): an upload's outcomes, a list of claims with their lines,
// the decision form of the supplier and admin, and the reconciliation of a supplier's month.
import { Form, useSearchParams } from "@remix-run/react";
import { ListFilters } from "~/components/tables/ListFilters";
import { SortChoice } from "~/components/tables/SortChoice";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { CLAIM_SORTS } from "~/schemas/claim-lists";

export const CLAIM_STATUSES = [
  "pending",
  "escalated",
  "accepted",
  "rejected",
  "reported",
  "reported_later",
] as const;
const REASONS = [
  "not_our_invoice",
  "cancelled",
  "returned",
  "already_reported",
  "outside_program",
  "other",
] as const;

export type ClaimRow = {
  id: number;
  memberName: string;
  supplierName: string;
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  amountMinor: number;
  status: string;
  reason: string | null;
  comment: string | null;
  reportedAmountMinor: number | null;
  dueOn: string;
  hasProof: boolean;
  lines: {
    id: number;
    sku: string | null;
    description: string | null;
    category: string | null;
    quantity: number | null;
    amountMinor: number;
  }[];
};

export type UploadView = {
  id: number;
  fileName: string;
  status: string;
  progress: { read: number; total: number | null };
  counts: { reported: number; pending: number; notPreferred: number; refused: number };
  message?: string;
  invoices: {
    file: string;
    outcome: string;
    invoiceNumber?: string;
    currency?: string;
    amountMinor?: number;
    reportedAmountMinor?: number;
    message?: string;
  }[];
};

const statusKey = (s: string) => `claims.status.${s}` as MessageKey;

export function ClaimStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge claim-${status}`} data-status={status}>
      {t(statusKey(status))}
    </span>
  );
}

/** An upload: its progress while it is read, then each invoice's outcome and the counts. */
export function UploadOutcome({ upload }: { upload: UploadView }) {
  const { t, money, number } = useI18n();
  const busy = upload.status === "queued" || upload.status === "processing";
  return (
    <section aria-labelledby={`upload-${upload.id}`} data-testid="claim-upload">
      <h2 id={`upload-${upload.id}`}>
        {t("claims.uploadN", { id: upload.id, file: upload.fileName })}
      </h2>
      {busy ? (
        <p role="status" data-testid="claim-progress">
          {upload.progress.total
            ? t("claims.progress", {
                read: number(upload.progress.read),
                total: number(upload.progress.total),
              })
            : t("claims.progressUnknown")}
          <progress
            max={upload.progress.total ?? 1}
            value={upload.progress.total ? upload.progress.read : undefined}
          />
        </p>
      ) : null}
      {upload.status === "failed" ? (
        <p className="alert" role="alert" data-testid="claim-upload-failed">
          {t("claims.uploadFailed", { message: upload.message ?? "" })}
        </p>
      ) : null}
      {upload.status === "done" ? (
        <>
          <p role="status" data-testid="claim-counts">
            {t("claims.counts", upload.counts)}
          </p>
          <div className="table-wrap">
            <table data-testid="claim-outcomes">
              <thead>
                <tr>
                  <th>{t("claims.invoiceNumber")}</th>
                  <th>{t("claims.outcome")}</th>
                  <th className="num">{t("claims.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {upload.invoices.map((i, n) => (
                  <tr key={n} data-outcome={i.outcome}>
                    <td>
                      {i.invoiceNumber ?? i.file}
                      <br />
                      <small>{i.file}</small>
                    </td>
                    <td>
                      {t(`claims.outcome.${i.outcome}` as MessageKey)}
                      {i.message ? (
                        <>
                          <br />
                          <small>{i.message}</small>
                        </>
                      ) : null}
                    </td>
                    <td className="num">
                      {i.amountMinor !== undefined && i.currency
                        ? money(i.amountMinor, i.currency)
                        : ""}
                      {i.reportedAmountMinor !== undefined && i.currency ? (
                        <>
                          <br />
                          <small>
                            {t("claims.reportedAmount", {
                              amount: money(i.reportedAmountMinor, i.currency),
                            })}
                          </small>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

/**
 * The list's filters (status, invoice month, search; supplier for the admin) and its order: claims
 * are cards, so the order is chosen here rather than by column headers (shared list toolkit).
 */
export function ClaimFilters({ suppliers }: { suppliers?: { id: number; name: string }[] }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const sorts = suppliers
    ? CLAIM_SORTS
    : CLAIM_SORTS.filter((k) => k !== "member" && k !== "supplier");
  return (
    <ListFilters keep={[]} testId="claim-filters">
      <label className="field">
        <span>{t("claims.status")}</span>
        <select name="status" defaultValue={params.get("status") ?? ""}>
          <option value="">{t("claims.all")}</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey(s))}
            </option>
          ))}
        </select>
      </label>
      {suppliers ? (
        <label className="field">
          <span>{t("claims.supplier")}</span>
          <select name="supplierId" defaultValue={params.get("supplierId") ?? ""}>
            <option value="">{t("claims.all")}</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="field">
        <span>{t("claims.month")}</span>
        <input type="month" name="month" defaultValue={params.get("month") ?? ""} />
      </label>
      <label className="field">
        <span>{t("claims.search")}</span>
        <input type="search" name="q" maxLength={100} defaultValue={params.get("q") ?? ""} />
      </label>
      <SortChoice sorts={sorts} label={(k) => `claims.sort.${k}` as const} />
    </ListFilters>
  );
}

/**
 * Claims as cards (they read on a phone): invoice, member or supplier, amount, status with its
 * reason, the lines, the proof; and the decision form where `decide` allows one.
 */
export function ClaimList({
  claims,
  show,
  decide,
}: {
  claims: ClaimRow[];
  show: "member" | "supplier" | "both";
  decide?: (claim: ClaimRow) => "decide" | "override" | null;
}) {
  const { t, money, date } = useI18n();
  if (claims.length === 0) return <p>{t("claims.none")}</p>;
  return (
    <ul className="claim-list" data-testid="claims">
      {claims.map((c) => {
        const mode = decide?.(c) ?? null;
        return (
          <li key={c.id} className="card" data-claim={c.invoiceNumber} data-status={c.status}>
            <h3>
              {c.invoiceNumber} · {date(c.invoiceDate)}
            </h3>
            <p>
              {show !== "member" ? <>{c.supplierName} · </> : null}
              {show !== "supplier" ? <>{c.memberName} · </> : null}
              <strong>{money(c.amountMinor, c.currency)}</strong> <ClaimStatus status={c.status} />
            </p>
            {c.reason ? (
              <p data-testid="claim-reason">
                {t("claims.reason")}: {t(`claims.reason.${c.reason}` as MessageKey)}
                {c.comment ? ` — ${c.comment}` : ""}
              </p>
            ) : c.comment ? (
              <p>{c.comment}</p>
            ) : null}
            {c.reportedAmountMinor !== null ? (
              <p>
                {t("claims.reportedAmount", { amount: money(c.reportedAmountMinor, c.currency) })}
              </p>
            ) : null}
            {c.status === "pending" ? <p>{t("claims.dueOn", { date: date(c.dueOn) })}</p> : null}
            {c.hasProof ? (
              <p>
                <a href={`/claims/${c.id}/proof`} download>
                  {t("claims.proofLink")}
                </a>
              </p>
            ) : null}
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("claims.sku")}</th>
                    <th>{t("claims.category")}</th>
                    <th className="num">{t("claims.quantity")}</th>
                    <th className="num">{t("claims.amount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.lines.map((l) => (
                    <tr key={l.id}>
                      <td>
                        {l.sku ?? ""}
                        {l.description ? (
                          <>
                            <br />
                            <small>{l.description}</small>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {mode ? (
                          <input
                            form={`decide-${c.id}`}
                            name={`category:${l.sku ?? ""}`}
                            defaultValue={l.category ?? ""}
                            aria-label={`${t("claims.category")} ${l.sku ?? ""}`}
                            maxLength={500}
                          />
                        ) : (
                          (l.category ?? "")
                        )}
                      </td>
                      <td className="num">{l.quantity ?? ""}</td>
                      <td className="num">{money(l.amountMinor, c.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {mode ? <DecisionForm claimId={c.id} override={mode === "override"} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function DecisionForm({ claimId, override }: { claimId: number; override: boolean }) {
  const { t } = useI18n();
  return (
    <Form method="post" id={`decide-${claimId}`} className="decision" data-testid="decision">
      <input type="hidden" name="claimId" value={claimId} />
      {override ? <p>{t("claims.overturnHelp")}</p> : null}
      <label className="field">
        <span>{t("claims.reason")}</span>
        <select name="reason" defaultValue="">
          <option value="" />
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`claims.reason.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("claims.comment")}</span>
        <input name="comment" maxLength={1000} required={override} />
      </label>
      <div className="field">
        <button type="submit" name="decision" value="accept">
          {t("claims.accept")}
        </button>{" "}
        <button type="submit" name="decision" value="reject" className="secondary">
          {t("claims.reject")}
        </button>
      </div>
    </Form>
  );
}

export type ReconciliationView = {
  month: string;
  report: { id: number; version: number; lines: number } | null;
  reported: Record<string, number>;
  byStatus: { status: string; count: number; amounts: Record<string, number> }[];
  accepted: Record<string, number>;
  missedBps: Record<string, number>;
};

export function Reconciliation({ data }: { data: ReconciliationView }) {
  const { t, money, bps, number } = useI18n();
  const amounts = (a: Record<string, number>) =>
    Object.entries(a)
      .map(([c, m]) => money(m, c))
      .join(" · ") || "—";
  return (
    <dl className="recon" data-testid="reconciliation">
      <dt>{t("claims.linesReported")}</dt>
      <dd data-testid="recon-lines">{number(data.report?.lines ?? 0)}</dd>
      <dt>{t("claims.reportedVolume")}</dt>
      <dd>{amounts(data.reported)}</dd>
      <dt>{t("claims.byStatus")}</dt>
      <dd>
        <ul>
          {data.byStatus.map((s) => (
            <li key={s.status}>
              <ClaimStatus status={s.status} /> {number(s.count)} · {amounts(s.amounts)}
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t("claims.acceptedVolume")}</dt>
      <dd data-testid="recon-accepted">{amounts(data.accepted)}</dd>
      <dt>{t("claims.missedShare")}</dt>
      <dd data-testid="recon-missed">
        {Object.entries(data.missedBps)
          .map(([c, b]) => `${c} ${bps(b)}`)
          .join(" · ") || "—"}
      </dd>
    </dl>
  );
}
