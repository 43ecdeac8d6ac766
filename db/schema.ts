// The whole database schema, one module per aggregate under db/schema/.
export * from "./schema/parties";
export * from "./schema/accounts";
export * from "./schema/programs";
export * from "./schema/reports";
export * from "./schema/ledger";
export * from "./schema/audit";
export * from "./schema/claims";
export * from "./schema/notifications";
export * from "./schema/outbox";
export * from "./schema/program-cells";
