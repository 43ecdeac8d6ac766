import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { formFailure } from "~/http/forms.server";
import { resubmitRejectedReport } from "~/http/report-upload.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import {
  mappingForm,
  mappingPreview,
  removeMappingEntry,
  saveMappingFromPreview,
  savedMapping,
  type MappingPreview,
} from "~/models/column-mapping.server";
import { FIELDS, REQUIRED_FIELDS } from "@imports/headers";
import reportStyles from "~/styles/reports.css?url";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.mappingTitle");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplierId = actor.supplierId!;
  return {
    saved: savedMapping(supplierId),
    preview: mappingPreview(supplierId),
    fields: [...FIELDS] as string[],
    required: [...REQUIRED_FIELDS] as string[],
  };
}

const removeForm = z.object({ header: z.string().min(1).max(500) });

/** Columns come as `col.<index>` = field ("" = ignore). */
function pickedColumns(form: Record<string, FormDataEntryValue>) {
  const columns: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = /^col\.(\d{1,3})$/.exec(key);
    if (m && typeof value === "string") columns[m[1]] = value;
  }
  return columns;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplierId = actor.supplierId!;
  const ip = context.ip as string | undefined;
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "remove") {
      const { header } = removeForm.parse(form);
      removeMappingEntry(actor, supplierId, header, ip);
      return Response.json({ removed: header });
    }
    const input = mappingForm.parse({ ...form, columns: pickedColumns(form) });
    const outcome = saveMappingFromPreview(actor, supplierId, input, ip);
    if ("issues" in outcome) return Response.json({ issues: outcome.issues }, { status: 400 });
    if (form.then === "reprocess") {
      const report = await resubmitRejectedReport(request, actor, input.reportId, ip);
      return redirect(`/supplier/reports/${report.id}`);
    }
    return Response.json({ saved: true });
  } catch (error) {
    return formFailure(request, error, {});
  }
}

type Issue = { path: string; message: string; field?: string };
type ActionData = { saved?: boolean; removed?: string; issues?: Issue[]; message?: string };

/** A date cell of the file arrives as an ISO timestamp; at midnight its day says it all. */
const displayCell = (text: string | undefined) =>
  text && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(text) ? text.slice(0, 10) : (text ?? "");

const fieldKey = (field: string) => `reports.field.${field}` as MessageKey;
const issueKey = (code: string) => `reports.mapping.issue.${code}` as MessageKey;

export default function Mapping() {
  const { saved, preview, fields, required } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const { t } = useI18n();
  return (
    <>
      <h1>{t("reports.mappingTitle")}</h1>
      <p>{t("reports.mappingIntro")}</p>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.removed ? (
        <p className="notice" role="status" data-testid="mapping-removed">
          {t("reports.mappingRemoved", { header: result.removed })}
        </p>
      ) : null}
      {result?.saved ? (
        <p className="notice" role="status" data-testid="mapping-saved">
          {t("reports.mappingSaved")}{" "}
          {preview ? (
            <Link to={`/supplier/reports/new?period=${preview.period}`}>
              {t("reports.uploadAgain")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {preview ? (
        <PreviewForm
          key={preview.reportId}
          preview={preview}
          fields={fields}
          required={required}
          issues={result?.issues ?? []}
          busy={busy}
        />
      ) : (
        <p className="muted">{t("reports.mappingNothingRefused")}</p>
      )}
      <h2>{t("reports.mappingSavedTitle")}</h2>
      {saved.length ? (
        <table data-testid="saved-mapping">
          <thead>
            <tr>
              <th>{t("reports.mappingHeaderText")}</th>
              <th>{t("reports.mappingField")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {saved.map((m) => (
              <tr key={m.header}>
                <td>{m.header}</td>
                <td>{t(fieldKey(m.field))}</td>
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="header" value={m.header} />
                    <button type="submit" className="secondary" disabled={busy}>
                      {t("reports.mappingRemove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("reports.mappingNoneSaved")}</p>
      )}
    </>
  );
}

function PreviewForm({
  preview,
  fields,
  required,
  issues,
  busy,
}: {
  preview: MappingPreview;
  fields: string[];
  required: string[];
  issues: Issue[];
  busy: boolean;
}) {
  const { t, month } = useI18n();
  const [headerRow, setHeaderRow] = useState(preview.headerRow);
  const width = Math.max(...preview.rows.map((r) => r.cells.length));
  const columnIssues = new Map(
    issues.filter((i) => i.path.startsWith("col.")).map((i) => [i.path, i]),
  );
  const formIssues = issues.filter((i) => i.path === "form");
  const label = (field: string) =>
    `${t(fieldKey(field))}${required.includes(field) ? ` (${t("reports.requiredMark")})` : ""}`;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">
        {t("reports.mappingForFile", { file: preview.fileName, month: month(preview.period) })}
      </h2>
      <p>
        {t("reports.mappingHowTo", {
          missing: preview.missing.map((f) => t(fieldKey(f))).join(", "),
        })}
      </p>
      {issues.length ? (
        <div className="alert" role="alert" data-testid="mapping-issues">
          <p>{t("reports.mappingFix")}</p>
          <ul>
            {formIssues.map((i) => (
              <li key={`${i.message}-${i.field}`}>
                {t(issueKey(i.message), { field: t(fieldKey(i.field ?? "")) })}
              </li>
            ))}
            {[...columnIssues.values()].map((i) => (
              <li key={i.path}>
                {t("reports.mappingColumn", { column: Number(i.path.slice(4)) + 1 })}:{" "}
                {t(issueKey(i.message), { field: i.field ? t(fieldKey(i.field)) : "" })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="reportId" value={preview.reportId} />
        <div className="mapping-preview">
          <table data-testid="mapping-preview">
            <thead>
              <tr>
                <th>{t("reports.mappingHeaderRow")}</th>
                {Array.from({ length: width }, (_, i) => (
                  <th key={i} aria-invalid={columnIssues.has(`col.${i}`) ? true : undefined}>
                    <select
                      name={`col.${i}`}
                      defaultValue={preview.guess[i] ?? ""}
                      aria-label={t("reports.mappingColumn", { column: i + 1 })}
                    >
                      <option value="">{t("reports.mappingIgnore")}</option>
                      {fields.map((f) => (
                        <option key={f} value={f}>
                          {label(f)}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row} className={r.row === headerRow ? "header-row" : undefined}>
                  <td>
                    <label>
                      <input
                        type="radio"
                        name="headerRow"
                        value={r.row}
                        defaultChecked={r.row === preview.headerRow}
                        onChange={() => setHeaderRow(r.row)}
                      />{" "}
                      {t("reports.row")} {r.row}
                    </label>
                  </td>
                  {Array.from({ length: width }, (_, i) => (
                    <td key={i}>{displayCell(r.cells[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="toolbar">
          <button type="submit" name="then" value="reprocess" disabled={busy}>
            {t("reports.mappingSaveAndProcess")}
          </button>
          <button type="submit" name="then" value="save" className="secondary" disabled={busy}>
            {t("reports.mappingSaveOnly")}
          </button>
        </p>
      </Form>
    </section>
  );
}
