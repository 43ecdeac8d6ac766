// An amount typed in the reader's format ("5.303,21"), posted as integer minor units.
import { useI18n } from "~/i18n/context";
import { amountText, currencyDigits, formatAmount, parseAmount } from "~/i18n/numbers";
import { NumberInput, useNumberLocale, type Reading } from "./NumberInput";

/** Props: optional `name` of the hidden minor-units field, `label`, `currency` (ISO), `defaultMinor` (null: blank), optional `error`, `required`, `onMinor(minor | null)`. */
export function AmountInput({
  name,
  label,
  currency,
  defaultMinor = null,
  error,
  required,
  onMinor,
}: {
  name?: string;
  label: string;
  currency: string;
  defaultMinor?: number | null;
  error?: string;
  required?: boolean;
  onMinor?: (minor: number | null) => void;
}) {
  const { t } = useI18n();
  const tag = useNumberLocale();
  const known = currencyDigits(currency) !== null;
  const read = (text: string): Reading => {
    const r = parseAmount(text, tag, currency);
    return r.ok ? { ok: true, value: r.minor } : r;
  };
  return (
    <NumberInput
      name={name}
      label={label}
      defaultText={
        defaultMinor === null ? "" : amountText(defaultMinor, tag, known ? currency : "USD")
      }
      read={read}
      show={(minor) => formatAmount(minor, tag, currency)}
      why={(reason) =>
        t(`amount.${reason}` as const, {
          example: amountText(530_321, tag, known ? currency : "USD"),
          currency,
          digits: currencyDigits(currency) ?? 2,
        })
      }
      error={error}
      required={required}
      onValue={onMinor}
    />
  );
}
