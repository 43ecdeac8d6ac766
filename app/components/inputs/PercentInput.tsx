// A rate typed as a percentage in the reader's format ("2,5"), posted as integer basis points.
import { useI18n } from "~/i18n/context";
import { formatPercent, parsePercent, percentText } from "~/i18n/numbers";
import { NumberInput, useNumberLocale, type Reading } from "./NumberInput";

/** Props: optional `name` of the hidden basis-points field, `label`, `defaultBps` (null: blank), optional `error`, `required`, `onBps(bps | null)`. */
export function PercentInput({
  name,
  label,
  defaultBps = null,
  error,
  required,
  onBps,
}: {
  name?: string;
  label: string;
  defaultBps?: number | null;
  error?: string;
  required?: boolean;
  onBps?: (bps: number | null) => void;
}) {
  const { t } = useI18n();
  const tag = useNumberLocale();
  const read = (text: string): Reading => {
    const r = parsePercent(text, tag);
    return r.ok ? { ok: true, value: r.bps } : r;
  };
  return (
    <NumberInput
      name={name}
      label={label}
      defaultText={defaultBps === null ? "" : percentText(defaultBps, tag)}
      read={read}
      show={(bps) => formatPercent(bps, tag)}
      why={(reason) =>
        t(
          reason === "too_many_decimals"
            ? "percent.too_many_decimals"
            : (`amount.${reason}` as const),
          {
            example: percentText(250, tag),
            currency: "",
            digits: 2,
          },
        )
      }
      error={error}
      required={required}
      onValue={onBps}
    />
  );
}
