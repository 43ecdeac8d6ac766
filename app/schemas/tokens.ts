// Input schema for exchanging an e-mail and password for an API token.
import { z } from "zod";

export const tokenRequest = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  name: z.string().max(100).optional(),
});
