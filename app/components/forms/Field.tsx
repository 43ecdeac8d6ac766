// A labelled input with its validation message.
export function Field({
  label,
  name,
  error,
  ...input
}: { label: string; name: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input name={name} aria-invalid={error ? true : undefined} {...input} />
      {error ? <em className="error">{error}</em> : null}
    </label>
  );
}

export type FieldErrors = Record<string, string>;

/** Zod-style issues as a field → message map. */
export function fieldErrors(details: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(details)) {
    for (const d of details as { path: string; message: string }[]) out[d.path] ??= d.message;
  }
  return out;
}
