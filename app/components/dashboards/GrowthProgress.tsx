// A growth program's next-tier figures (SPEC 3.7): growth over last year's same months, a bar to
// the next growth tier, what it takes to reach it and what it would add for the member.
import { useI18n } from "~/i18n/context";
import type { ProgramCard } from "~/models/member-dashboard.server";

export function GrowthProgress({ card }: { card: ProgramCard }) {
  const { t, money, month, bps } = useI18n();
  const { program, growth, run } = card;
  if (!growth || !run) return null;
  const fmt = (minor: number) => money(minor, program.currency);
  const growthBps = growth.growthBps ?? 0;
  const next = growth.nextTier;
  return (
    <>
      <p className="tier-now">
        <span className="figure" data-testid="tier-rate">
          {bps(growth.rateBps)}
        </span>{" "}
        <span className="muted">
          {growth.tierIndex === null
            ? t("comp.noGrowthTier")
            : t("comp.growthTierReached", { tier: growth.tierIndex + 1 })}
        </span>
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={1000}
        aria-valuenow={growth.progressPermille}
        aria-valuetext={t("comp.growthProgressText", {
          growth: bps(Math.max(0, growthBps)),
          threshold: bps(next?.thresholdBps ?? growthBps),
        })}
      >
        <div className="fill" style={{ width: `${growth.progressPermille / 10}%` }} />
      </div>
      <p data-testid="growth-now">
        {growth.growthBps === null
          ? t("comp.noBaseline")
          : t(growthBps >= 0 ? "comp.growthAbove" : "comp.growthBelow", {
              growth: bps(Math.abs(growthBps)),
              volume: fmt(growth.pooledVolumeMinor),
              baseline: fmt(growth.baselineMinor),
              month: month(run.month),
            })}
      </p>
      <dl className="tier-figures">
        <div>
          <dt>{t("dash.pooledVolumeThrough", { month: month(run.month) })}</dt>
          <dd data-testid="pooled-volume">{fmt(growth.pooledVolumeMinor)}</dd>
        </div>
        <div>
          <dt>{t("comp.baseline")}</dt>
          <dd data-testid="baseline">{fmt(growth.baselineMinor)}</dd>
        </div>
        <div>
          <dt>{t("dash.yourVolume")}</dt>
          <dd data-testid="member-volume">{fmt(run.memberVolumeMinor)}</dd>
        </div>
        <div>
          <dt>{t("dash.earnedInProgram")}</dt>
          <dd data-testid="program-earned">{fmt(card.earnedMinor)}</dd>
        </div>
      </dl>
      {next ? (
        <p className="tier-next" data-testid="next-tier">
          {t("comp.growthNext", {
            threshold: bps(next.thresholdBps),
            amount: fmt(next.volumeNeededMinor),
            supplier: program.supplierName,
            rate: bps(next.rateBps),
          })}{" "}
          {run.memberVolumeMinor > 0 ? (
            <strong data-testid="member-extra">
              {t("comp.growthGain", {
                threshold: bps(next.thresholdBps),
                amount: fmt(growth.extraForMemberMinor),
              })}
            </strong>
          ) : (
            <span className="muted">{t("dash.noOwnVolume")}</span>
          )}
        </p>
      ) : growth.tierIndex !== null ? (
        <p className="tier-next" data-testid="next-tier">
          {t("comp.growthTop", { rate: bps(growth.rateBps) })}
        </p>
      ) : null}
    </>
  );
}
