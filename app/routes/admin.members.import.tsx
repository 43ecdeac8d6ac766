import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { formFailure } from "~/http/forms.server";
import { readerLocale } from "~/http/reader.server";
import { MEMBER_IMPORT_MAX_BYTES, withUpload } from "~/http/upload.server";
import { useI18n } from "~/i18n/context";
import { importMembers, type MemberImportResult } from "~/models/member-import.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.import");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  try {
    return await withUpload(request, MEMBER_IMPORT_MAX_BYTES, [], async (upload) =>
      Response.json(await importMembers(actor, upload.path, upload.name, readerLocale(request))),
    );
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function ImportMembers() {
  const result = useActionData<MemberImportResult & { message?: string }>();
  const busy = useNavigation().state === "submitting";
  const { t } = useI18n();
  return (
    <>
      <h1>{t("members.import")}</h1>
      <Form method="post" encType="multipart/form-data" className="toolbar">
        <input type="file" name="file" accept=".xlsx" required aria-label="file" />
        <button type="submit" disabled={busy}>
          {t("common.upload")}
        </button>
      </Form>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result && !result.message ? (
        <p className={result.problems.length ? "alert" : "notice"} role="status">
          {t("members.importResult", {
            created: result.created,
            updated: result.updated,
            rejected: result.problems.length,
          })}
        </p>
      ) : null}
      {result?.problems?.length ? (
        <table>
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row}</td>
                <td>{p.column}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
