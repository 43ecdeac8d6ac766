// The code of the domain error a call throws (undefined when it returns); anything else rethrows.
import { DomainError } from "~/refunds/errors";

export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}
