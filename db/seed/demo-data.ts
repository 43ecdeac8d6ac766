// The demo consortium's parties: a dozen integrators in three countries and four suppliers.

export const DEMO_PASSWORD = "tierpool-demo";

export const DEMO_SUPPLIERS = [
  {
    key: "axion",
    name: "Axion Security Distribution",
    currency: "USD",
    dateOrder: "dmy",
    language: "en",
  },
  { key: "norte", name: "Norte Cableado", currency: "MXN", dateOrder: "dmy", language: "es" },
  {
    key: "paulista",
    name: "Paulista Automação",
    currency: "BRL",
    dateOrder: "dmy",
    language: "pt-BR",
  },
  { key: "andes", name: "Andes Networks", currency: "USD", dateOrder: "dmy", language: "es" },
] as const;

export const DEMO_MEMBERS = [
  { name: "Seguridad Acceso 97", taxId: "XPY714465W4B", country: "MX", joinedOn: "2020-01-01" },
  { name: "Vigilancia Domótica 10", taxId: "OPU927128K5W", country: "MX", joinedOn: "2026-02-15" },
  {
    name: "Redes Integrales del Bajío",
    taxId: "RIB0901122A1",
    country: "MX",
    joinedOn: "2021-03-01",
  },
  { name: "Sistemas Vigilancia 31", taxId: "CQU724713P9G", country: "MX", joinedOn: "2022-06-01" },
  { name: "Control Total Bogotá", taxId: "900.123.456-7", country: "CO", joinedOn: "2021-01-01" },
  { name: "Integradores Andinos", taxId: "901.555.222-1", country: "CO", joinedOn: "2023-05-10" },
  { name: "Cableado Domótica 78", taxId: "OTW808210K6V", country: "MX", joinedOn: "2020-01-01" },
  {
    name: "Segurança Paulista Integrações",
    taxId: "12.345.678/0001-90",
    country: "BR",
    joinedOn: "2021-09-01",
  },
  { name: "Automação Carioca", taxId: "23.456.789/0001-01", country: "BR", joinedOn: "2022-02-01" },
  {
    name: "Redes Minas Gerais",
    taxId: "34.567.890/0001-12",
    country: "BR",
    joinedOn: "2023-01-01",
  },
  { name: "Tecnologia Domótica 99", taxId: "970.428.058-0", country: "CO", joinedOn: "2020-01-01" },
  {
    name: "Accesos del Pacífico",
    taxId: "APA150301KQ2",
    country: "MX",
    joinedOn: "2020-01-01",
    leftOn: "2026-03-01",
  },
] as const;
