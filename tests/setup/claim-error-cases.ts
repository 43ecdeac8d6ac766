// Realistic params for every cause of every claims refusal code (imports/claims/error-texts.ts),
// for the pipeline's text tests (imports/error-texts.test.ts spreads them into its cases).
import type { ClaimErrorCode, ClaimErrorParams } from "@imports/claims/error-texts";

const MIB = 1024 * 1024;
const file = "AX-7001.xml";

export const CLAIM_ERROR_CASES: { [C in ClaimErrorCode]: ClaimErrorParams[C][] } = {
  claims_upload_too_large: [{ maxBytes: 50 * MIB, actual: 62 * MIB }],
  claims_zip_refused: [
    { kind: "damaged" },
    { kind: "no_files" },
    { kind: "too_many_files", maxFiles: 10_000, actual: 10_412 },
    { kind: "unsafe_name", entry: "../../evil.xml" },
  ],
  claims_zip_bomb: [
    { cause: "ratio", part: "37A27AE7.xml", ratio: 11_742.3, maxRatio: 100 },
    { cause: "ratio", part: "37A27AE7.xml", ratio: Infinity, maxRatio: 100 },
    { cause: "total", part: "FC506E94.xml", maxBytes: 500 * MIB },
  ],
  zip_entry_refused: [
    { file, cause: "damaged" },
    { file, cause: "encrypted" },
    { file, cause: "method" },
    { file, cause: "declared", declaredBytes: 5_113 },
  ],
  invoice_not_xml: [
    { file, kind: "empty" },
    { file, kind: "pdf" },
    { file, kind: "image" },
    { file, kind: "zip" },
    { file, kind: "binary" },
    { file, kind: "encoding" },
    { file, kind: "text" },
  ],
  invoice_dtd: [{ file }],
  invoice_malformed: [
    { file, cutShort: true, line: 4, column: 5 },
    { file, cutShort: false, line: 2, column: 17 },
    { file, cutShort: false, line: 0, column: 0 },
  ],
  invoice_unsupported: [
    { file, kind: "root", root: "html" },
    { file, kind: "version", format: "CFDI", version: "3.2" },
  ],
  invoice_too_large: [
    { file, what: "bytes", max: 10 * MIB },
    { file, what: "lines", max: 10_000 },
  ],
  invoice_field: [
    { file, field: "Receptor@Rfc", problem: "missing" },
    { file, field: "Comprobante@SubTotal", problem: "invalid", value: "12,5" },
    { file, field: "Concepto[1]@NoIdentificacion", problem: "too_long", max: 500 },
  ],
  invoice_totals: [{ file, currency: "USD", total: "18539.50", lines: "18345.00" }],
  invoice_access_key: [
    { file, problem: "format", key: "NFe3526" },
    { file, problem: "check_digit", key: "35260261432118000183550010000450011366212591" },
    {
      file,
      problem: "mismatch",
      key: "35260261432118000183550010000450011366212590",
      field: "ide/nNF",
    },
  ],
  nfe_not_normal: [
    { file, finNFe: "4" },
    { file, finNFe: "2" },
  ],
};
