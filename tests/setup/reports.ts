// Uploading supplier reports over the API and waiting for their processing to finish.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { apiAs, type ApiClient, type Json } from "./http";

export function reportForm(path: string, period: string, supplierId?: number): FormData {
  const form = new FormData();
  form.set("period", period);
  if (supplierId !== undefined) form.set("supplierId", String(supplierId));
  form.set("file", new Blob([readFileSync(path)]), basename(path));
  return form;
}

export function uploadReport(api: ApiClient, path: string, period: string, supplierId?: number) {
  return api.post("/api/v1/reports", reportForm(path, period, supplierId));
}

/** Polls the report until its processing is over; returns it as the API shows it. */
export async function waitForReport(api: ApiClient, id: number, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/api/v1/reports/${id}`);
    if (res.status !== 200)
      throw new Error(`report ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (!["queued", "processing"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads and waits; fails the test unless the upload was accepted for processing. */
export async function ingest(api: ApiClient, path: string, period: string, supplierId?: number) {
  const res = await uploadReport(api, path, period, supplierId);
  if (res.status !== 202)
    throw new Error(`upload ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForReport(api, res.body.id);
}

export const AXION_USER = { email: "s@axion.example", password: "axion-password-1" };

/**
 * Over the admin's API: a USD supplier "Axion", one member per tax id in `keys` (joined 2020),
 * and Axion's user; returns the supplier's id and its user's API client.
 */
export async function axionWithMembers(
  base: string,
  admin: ApiClient,
  keys: readonly string[],
): Promise<{ supplierId: number; supplier: ApiClient }> {
  const supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" }))
    .body.id as number;
  const members = keys.map((taxId, i) => ({
    name: `Member ${i}`,
    taxId,
    country: "MX",
    joinedOn: "2020-01-01",
  }));
  const created = await admin.post("/api/v1/members", members);
  if (created.body?.length !== keys.length)
    throw new Error(`members: ${created.status} ${JSON.stringify(created.body)}`);
  await admin.post("/api/v1/users", { ...AXION_USER, role: "supplier", supplierId });
  return { supplierId, supplier: await apiAs(base, AXION_USER.email, AXION_USER.password) };
}
