// THE authorization helper: every loader, action and API route asks it who may do what.
// Pages authenticate by session cookie (with a CSRF check on mutations), /api/ by bearer token.
import { redirect } from "@remix-run/node";
import type { Role } from "@db/schema";
import { jsonError, toAnswer } from "~/http/errors.server";
import { readerLocale, rememberReader } from "~/http/reader.server";
import { assertSameOrigin } from "./csrf.server";
import { AuthError } from "./errors";
import { sessionUser } from "./session.server";
import { userForToken } from "~/models/api-tokens.server";

export type Actor = {
  id: number;
  email: string;
  name: string;
  role: Role;
  supplierId: number | null;
  memberId: number | null;
  locale: string | null;
  via: "session" | "token";
};

export type AccessRule = {
  roles: readonly Role[];
  /** The supplier whose data is asked for: a supplier user must be that supplier. */
  supplierId?: number | null;
  /** The member whose data is asked for: a member user must be that member. */
  memberId?: number | null;
};

const isApi = (request: Request) => new URL(request.url).pathname.startsWith("/api/");

/** Returns the actor allowed by `rule`, or throws the Response that refuses the request. */
export async function authorize(request: Request, rule: AccessRule): Promise<Actor> {
  const actor = await authenticate(request);
  if (!actor) {
    if (isApi(request)) throw refusal(request, new AuthError("unauthorized", { via: "token" }));
    const here = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(here.pathname + here.search)}`);
  }
  rememberReader(request, actor);
  try {
    if (actor.via === "session") assertSameOrigin(request);
    assertAllowed(actor, rule);
  } catch (error) {
    throw refusal(request, error);
  }
  return actor;
}

/** The signed-in actor or null, without refusing: for pages anyone may open (login, home). */
export async function currentActor(request: Request): Promise<Actor | null> {
  return authenticate(request);
}

/** For checks after loading a record: does `actor` own the supplier or member it belongs to? */
export function assertOwns(request: Request, actor: Actor, owner: Omit<AccessRule, "roles">) {
  try {
    assertAllowed(actor, { roles: [actor.role], ...owner });
  } catch (error) {
    throw refusal(request, error);
  }
}

function assertAllowed(actor: Actor, rule: AccessRule) {
  if (!rule.roles.includes(actor.role)) throw forbidden();
  if (actor.role === "admin") return;
  if (
    rule.supplierId !== undefined &&
    (actor.role !== "supplier" || actor.supplierId !== rule.supplierId)
  ) {
    throw forbidden();
  }
  if (
    rule.memberId !== undefined &&
    (actor.role !== "member" || actor.memberId !== rule.memberId)
  ) {
    throw forbidden();
  }
}

function refusal(request: Request, error: unknown): Response {
  const locale = readerLocale(request);
  if (isApi(request)) return jsonError(error, locale);
  const e = toAnswer(error instanceof AuthError ? error : forbidden(), locale);
  return new Response(e.message, { status: e.status, statusText: e.code });
}

const forbidden = () => new AuthError("forbidden");

async function authenticate(request: Request): Promise<Actor | null> {
  if (isApi(request)) {
    const header = request.headers.get("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? userForToken(match[1]) : null;
    return user ? toActor(user, "token") : null;
  }
  const user = await sessionUser(request);
  return user ? toActor(user, "session") : null;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof sessionUser>>>;

function toActor(user: UserRow, via: Actor["via"]): Actor {
  const { id, email, name, role, supplierId, memberId, locale } = user;
  return { id, email, name, role, supplierId, memberId, locale, via };
}
