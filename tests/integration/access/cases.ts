// The shapes of the access matrix: who asks, the ids they ask about, and one case per path.
export type Who = "admin" | "supplier" | "otherSupplier" | "member" | "otherMember" | "stranger";
export const EVERYONE: Who[] = [
  "admin",
  "supplier",
  "otherSupplier",
  "member",
  "otherMember",
  "stranger",
];
export const SIGNED_IN: Who[] = EVERYONE.filter((w) => w !== "stranger");

export type Ids = {
  supplierA: number;
  supplierB: number;
  memberA: number;
  memberB: number;
  programA: number;
  /** A report of supplier A. */
  reportA: number;
  /** An API token of a user none of the matrix's callers is: someone else's for everyone. */
  foreignToken: number;
};
export type PageCase = {
  file: string;
  path: (ids: Ids) => string;
  allowed: Who[];
  /** The id in the path does not exist: the allowed get 404, the others are refused first. */
  missing?: boolean;
};
export type ApiCase = {
  /** The id in the path does not exist: the allowed get 404, the others are refused first. */
  missing?: boolean;
  file: string;
  method: "GET" | "POST" | "PUT";
  path: (ids: Ids) => string;
  allowed: Who[];
  body?: unknown;
};
