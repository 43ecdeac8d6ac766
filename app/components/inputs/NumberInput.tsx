// What AmountInput and PercentInput share: a text box typed in the reader's number format, a line
// under it saying what the text means (or why it is not readable), and a hidden field carrying
// the exact integer the server's schemas read (minor units, basis points).
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/context";
import type { NumberReason } from "~/i18n/numbers";

/** The BCP 47 tag numbers are read and written in: the reader's format region ("es-CO"). */
export function useNumberLocale(): string {
  return useI18n().numberLocale;
}

export type Reading = { ok: true; value: number } | { ok: false; reason: NumberReason };

export function NumberInput({
  name,
  label,
  defaultText,
  read,
  show,
  why,
  error,
  required,
  onValue,
}: {
  /** The hidden field's name; none for a box that only informs (a what-if). */
  name?: string;
  label: string;
  defaultText: string;
  read: (text: string) => Reading;
  show: (value: number) => string;
  why: (reason: NumberReason) => string;
  error?: string;
  required?: boolean;
  onValue?: (value: number | null) => void;
}) {
  const id = useId();
  const [text, setText] = useState(defaultText);
  const box = useRef<HTMLInputElement>(null);
  const reading = read(text);
  const blank = !reading.ok && reading.reason === "empty";
  // A blank box says nothing under it (a required one is the browser's to flag on sending).
  const problem = reading.ok || blank ? null : why(reading.reason);
  const value = reading.ok ? reading.value : null;
  // The browser keeps the form from being sent while the text is unreadable.
  useEffect(() => {
    box.current?.setCustomValidity(problem ?? "");
  }, [problem]);
  const report = useRef(onValue);
  report.current = onValue;
  useEffect(() => {
    report.current?.(value);
  }, [value]);
  return (
    <label className="field number-input">
      <span>{label}</span>
      <input
        ref={box}
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        required={required}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={problem || error ? true : undefined}
        aria-describedby={`${id}-means`}
        data-name={name}
      />
      {name ? (
        <input type="hidden" name={name} value={value === null ? "" : String(value)} />
      ) : null}
      <small id={`${id}-means`} className={problem ? "error" : "means"} aria-live="polite">
        {problem ?? (value === null ? "" : show(value))}
      </small>
      {error ? <em className="error">{error}</em> : null}
    </label>
  );
}
