// Input schemas for API tokens: exchanging an e-mail and password for one, naming one on a screen.
import { z } from "zod";

/** The longest (and default) life of an API token, in days (SPEC 8; decision 041). */
export const TOKEN_DAYS_MAX = 90;
/** The lifetimes the tokens screens offer. */
export const TOKEN_DAYS_CHOICES = [7, 30, 90] as const;

const lifetime = z.number().int().min(1).max(TOKEN_DAYS_MAX);

export const tokenRequest = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  name: z.string().max(100).optional(),
  /** Shorter than the default 90 days if the caller wants. */
  expiresInDays: lifetime.optional(),
});

/** The tokens screen's form: a name, and a lifetime (90 days when left out). */
export const tokenForm = z.object({
  name: z.string().trim().min(1, "token_name_required").max(80, "at_most_characters"),
  days: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().pipe(lifetime).optional(),
  ),
});
