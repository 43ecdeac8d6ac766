// The demo's member claims (SPEC 5.2), through the real workflow: suppliers' tax ids, members'
// CFDI uploads over the demo months (one invoice the report already holds, purchases it missed),
// the suppliers accepting and rejecting some, one left past its deadline (escalated), so every
// claim screen shows something real.
import { randomUUID } from "node:crypto";
import { getDb } from "@db/client.server";
import type { Actor } from "~/auth/authorize.server";
import { decideClaim, escalateOverdue } from "~/models/claim-decisions.server";
import { processClaimUpload, queueClaimUpload } from "~/models/claim-uploads.server";
import { setSupplierTaxIds } from "~/models/supplier-tax-ids.server";
import { zipSync } from "./demo-zip";

type Party = { id: number; key?: string; name: string; taxId?: string };

const TAX_IDS: Record<string, string[]> = {
  axion: ["ASD040512JH5", "ASM110308KR8"],
  norte: ["NCA980317QWA"],
  paulista: ["61.432.118/0001-83"],
  andes: ["900482316-4"],
};

type Concept = { sku: string; description: string; quantity: number; amount: string };

/** A CFDI 4.0 as a member downloads it from the SAT (only what the readers read, and the stamp). */
function cfdi(o: {
  serie: string;
  folio: string;
  date: string;
  currency: string;
  issuer: string;
  receiver: string;
  concepts: Concept[];
}): Buffer {
  const subtotal = o.concepts.reduce((s, c) => s + Math.round(Number(c.amount) * 100), 0);
  const money = (minor: number) => (minor / 100).toFixed(2);
  const concepts = o.concepts
    .map(
      (c) =>
        `<cfdi:Concepto ClaveProdServ="46171610" NoIdentificacion="${c.sku}" Cantidad="${c.quantity}" ClaveUnidad="H87" Descripcion="${c.description}" ValorUnitario="${money(Math.round((Number(c.amount) * 100) / c.quantity))}" Importe="${c.amount}" ObjetoImp="02"/>`,
    )
    .join("\n    ");
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="4.0" Serie="${o.serie}" Folio="${o.folio}" Fecha="${o.date}T11:00:00" SubTotal="${money(subtotal)}" Moneda="${o.currency}" Total="${money(Math.round(subtotal * 1.16))}" TipoDeComprobante="I" Exportacion="01" LugarExpedicion="64000">
  <cfdi:Emisor Rfc="${o.issuer}" Nombre="EMISOR" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="${o.receiver}" Nombre="RECEPTOR" DomicilioFiscalReceptor="08919" RegimenFiscalReceptor="601" UsoCFDI="G01"/>
  <cfdi:Conceptos>
    ${concepts}
  </cfdi:Conceptos>
  <cfdi:Complemento>
    <tfd:TimbreFiscalDigital Version="1.1" UUID="${randomUUID().toUpperCase()}" FechaTimbrado="${o.date}T12:00:00" RfcProvCertif="SAT970701NN3" NoCertificadoSAT="00001000000505211329"/>
  </cfdi:Complemento>
</cfdi:Comprobante>`);
}

/** A user of the supplier, as the actor deciding its claims. */
function supplierActor(supplierId: number): Actor {
  const user = getDb()
    .$client.prepare(`SELECT id, email, name FROM users WHERE supplier_id = ? ORDER BY id LIMIT 1`)
    .get(supplierId) as { id: number; email: string; name: string };
  return { ...user, role: "supplier", supplierId, memberId: null, locale: null, via: "session" };
}

async function upload(actor: Actor, memberId: number, name: string, bytes: Buffer) {
  const queued = queueClaimUpload(actor, memberId, name);
  await processClaimUpload(queued.id, bytes);
  return getDb()
    .$client.prepare(`SELECT claim_id FROM claim_upload_items WHERE upload_id = ? ORDER BY id`)
    .pluck()
    .all(queued.id) as (number | null)[];
}

export async function seedDemoClaims(
  admin: Actor,
  suppliers: Party[],
  members: Party[],
): Promise<void> {
  const db = getDb();
  const supplier = (key: string) => suppliers.find((s) => s.key === key)!;
  db.$client.transaction(() => {
    for (const s of suppliers) setSupplierTaxIds(db, s.id, TAX_IDS[s.key!] ?? []);
  })();
  const [seguridad, vigilancia] = members;
  const axion = supplier("axion");
  const norte = supplier("norte");
  // An invoice Axion already reported to Seguridad 97: the member sees it `reported`.
  const reported = db.$client
    .prepare(
      `SELECT l.invoice_number AS n, l.invoice_date AS d, l.sku, l.amount_minor AS a, l.quantity AS q
         FROM report_lines l JOIN reports r ON r.id = l.report_id AND r.status = 'active'
        WHERE l.supplier_id = ? AND l.member_id = ? AND l.currency = 'USD'
          AND l.invoice_date >= '2026-05-01' ORDER BY l.id LIMIT 1`,
    )
    .get(axion.id, seguridad.id) as
    { n: string; d: string; sku: string | null; a: number; q: number | null } | undefined;
  const files: [string, Buffer][] = [];
  if (reported) {
    const [serie, ...folio] = reported.n.split("-");
    files.push([
      `${reported.n}.xml`,
      cfdi({
        serie,
        folio: folio.join("-"),
        date: reported.d,
        currency: "USD",
        issuer: TAX_IDS.axion[0],
        receiver: seguridad.taxId!,
        concepts: [
          {
            sku: reported.sku ?? "AX-CAM-01",
            description: "Equipo reportado",
            quantity: Math.max(1, Math.round(reported.q ?? 1)),
            amount: (reported.a / 100).toFixed(2),
          },
        ],
      }),
    ]);
  }
  const missed = (
    serie: string,
    folio: string,
    date: string,
    currency: string,
    issuer: string,
    amount: string,
    sku: string,
  ) =>
    cfdi({
      serie,
      folio,
      date,
      currency,
      issuer,
      receiver: seguridad.taxId!,
      concepts: [{ sku, description: "Compra no reportada", quantity: 4, amount }],
    });
  files.push(
    [
      "AX-90101.xml",
      missed("AX", "90101", "2026-08-14", "USD", TAX_IDS.axion[0], "6420.00", "AX-CAM-4K"),
    ],
    [
      "AX-90102.xml",
      missed("AX", "90102", "2026-09-03", "USD", TAX_IDS.axion[1], "2180.50", "AX-NVR-16"),
    ],
    [
      "AX-90103.xml",
      missed("AX", "90103", "2026-10-07", "USD", TAX_IDS.axion[0], "980.00", "AX-CAM-4K"),
    ],
    [
      "NO-90201.xml",
      missed("NO", "90201", "2026-09-22", "MXN", TAX_IDS.norte[0], "48250.00", "NC-UTP-305"),
    ],
    [
      "NO-90202.xml",
      missed("NO", "90202", "2026-10-11", "MXN", TAX_IDS.norte[0], "15300.00", "NC-PC6-2M"),
    ],
  );
  const claimIds = await upload(admin, seguridad.id, "sat-descarga-2026.zip", zipSync(files));
  const [, ax1, ax2, ax3, no1, no2] = reported ? claimIds : [null, ...claimIds];
  const axionUser = supplierActor(axion.id);
  const norteUser = supplierActor(norte.id);
  if (ax1) decideClaim(axionUser, ax1, { decision: "accept" });
  if (ax2) decideClaim(axionUser, ax2, { decision: "reject", reason: "returned" });
  if (no1) decideClaim(norteUser, no1, { decision: "accept" });
  // One claim Norte never answered: past its deadline, the consortium decides it.
  if (no2) {
    db.$client.prepare(`UPDATE claims SET due_on = '2026-10-20' WHERE id = ?`).run(no2);
    escalateOverdue();
  }
  void ax3; // left pending in Axion's queue
  // Vigilancia's own invoice from Norte, still pending.
  if (vigilancia?.taxId)
    await upload(
      admin,
      vigilancia.id,
      "NO-90301.xml",
      cfdi({
        serie: "NO",
        folio: "90301",
        date: "2026-10-15",
        currency: "MXN",
        issuer: TAX_IDS.norte[0],
        receiver: vigilancia.taxId,
        concepts: [
          { sku: "NC-UTP-305", description: "Bobina UTP", quantity: 2, amount: "8900.00" },
        ],
      }),
    );
}
