// A labelled input with its validation message, and a line of help under it when it has a hint.
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: {
  label: string;
  name: string;
  error?: string;
  /** What the value means, said under the field and read with it (aria-describedby). */
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const hintId = `${name}-hint`;
  const field = (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? hintId : undefined}
        {...input}
      />
      {error ? <em className="error">{error}</em> : null}
    </label>
  );
  if (!hint) return field;
  return (
    <>
      {field}
      <p className="muted" id={hintId}>
        {hint}
      </p>
    </>
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
