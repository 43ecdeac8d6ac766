// The API tokens screen of every role (/supplier/tokens, /account/tokens): create one (name and
// lifetime; the secret is shown once), see each with its last use and expiry, revoke. The list
// sorts by its headers, searches by name, narrows by status and downloads (decision 081).
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { fieldErrors } from "~/components/forms/Field";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { SortHeader } from "~/components/tables/SortHeader";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import type { TokenRow, TokenSort } from "~/models/token-list.server";

export type TokensScreenData = {
  tokens: TokenRow[];
  sorted: { sort: TokenSort; dir: "asc" | "desc" };
  choices: readonly number[];
  defaultDays: number;
};

const STATUS_TEXT = {
  active: "reports.tokenActive",
  expired: "tokenList.expired",
  revoked: "tokenList.revoked",
} as const;

type ActionData = {
  created?: { id: number; name: string; token: string; expiresAt: string };
  revoked?: number;
  message?: string;
  details?: unknown;
};

export function TokensScreen({
  data: { tokens, sorted, choices, defaultDays },
  intro,
  exportPath,
}: {
  data: TokensScreenData;
  intro: MessageKey;
  /** The list's download route (`/account/tokens/export`, `/supplier/tokens/export`). */
  exportPath: string;
}) {
  const [params] = useSearchParams();
  const result = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const { t, date } = useI18n();
  const errors = fieldErrors(result?.details);
  return (
    <>
      <h1>{t("reports.tokensTitle")}</h1>
      <p>{t(intro)}</p>
      {/* A new key after each creation empties the name field. */}
      <Form method="post" className="toolbar" key={result?.created?.id ?? "new"}>
        <input type="hidden" name="intent" value="create" />
        <label className="field">
          <span>{t("reports.tokenName")}</span>
          <input
            name="name"
            required
            maxLength={80}
            aria-invalid={errors.name ? true : undefined}
          />
          {errors.name ? <em className="error">{errors.name}</em> : null}
        </label>
        <label className="field">
          <span>{t("tokens.lifetime")}</span>
          <select name="days" defaultValue={String(defaultDays)}>
            {choices.map((days) => (
              <option key={days} value={days}>
                {t("tokens.days", { days })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t("reports.tokenCreate")}
        </button>
      </Form>
      {result?.message && !errors.name ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.created ? (
        <div className="notice" role="status" data-testid="new-token">
          <p>
            {t("reports.tokenShownOnce", { name: result.created.name })}{" "}
            {t("tokens.validUntil", { date: date(result.created.expiresAt) })}
          </p>
          <code className="link token-once">{result.created.token}</code>
        </div>
      ) : null}
      {result?.revoked ? (
        <p className="notice" role="status">
          {t("reports.tokenRevoked")}
        </p>
      ) : null}
      <ListFilters>
        <label className="field">
          <span>{t("reports.tokenName")}</span>
          <input type="search" name="q" maxLength={100} defaultValue={params.get("q") ?? ""} />
        </label>
        <label className="field">
          <span>{t("lists.status")}</span>
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("lists.allStatuses")}</option>
            {(["active", "expired", "revoked"] as const).map((s) => (
              <option key={s} value={s}>
                {t(STATUS_TEXT[s])}
              </option>
            ))}
          </select>
        </label>
      </ListFilters>
      <Downloads path={exportPath} />
      <table data-testid="tokens">
        <thead>
          <tr>
            <SortHeader column="name" label={t("reports.tokenName")} sorted={sorted} />
            <SortHeader
              column="created"
              label={t("reports.tokenCreated")}
              sorted={sorted}
              first="desc"
            />
            <SortHeader
              column="lastUsed"
              label={t("reports.tokenLastUsed")}
              sorted={sorted}
              first="desc"
            />
            <th scope="col">{t("reports.status")}</th>
            <SortHeader column="expires" label={t("tokens.expires")} sorted={sorted} />
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token-id={token.id}>
              <td>{token.name || "—"}</td>
              <td>{date(token.createdAt)}</td>
              <td>{token.lastUsedAt ? date(token.lastUsedAt) : t("reports.tokenNeverUsed")}</td>
              <td>
                {token.revokedAt
                  ? t("reports.tokenRevokedOn", { date: date(token.revokedAt) })
                  : token.expired && token.expiresAt
                    ? t("tokens.expiredOn", { date: date(token.expiresAt) })
                    : t("reports.tokenActive")}
              </td>
              <td>{token.expiresAt ? date(token.expiresAt) : "—"}</td>
              <td>
                {token.revokedAt || token.expired ? null : (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="tokenId" value={token.id} />
                    <button type="submit" className="secondary" disabled={busy}>
                      {t("reports.tokenRevoke")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? <p>{t("common.none")}</p> : null}
    </>
  );
}
