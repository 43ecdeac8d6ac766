// A program's next-tier card: pooled volume against the next threshold as a progress bar, what the
// group still has to buy, what reaching it would add for this member, and the year-end projection;
// with components (SPEC 3.7) also growth over last year, unmet mix conditions and the member's
// share of each component.
import { useI18n } from "~/i18n/context";
import { ComponentShares } from "./ComponentShares";
import { GrowthProgress } from "./GrowthProgress";
import { MixConditions } from "./MixConditions";
import type { ProgramCard } from "~/models/member-dashboard.server";

export function TierProgressCard({ card }: { card: ProgramCard }) {
  const { t, money, month, bps } = useI18n();
  const { program, progress, run } = card;
  const fmt = (minor: number) => money(minor, program.currency);
  return (
    <section
      className="tier-card"
      data-testid={`tier-card-${program.id}`}
      aria-labelledby={`tier-card-${program.id}-title`}
    >
      <header>
        <h3 id={`tier-card-${program.id}-title`}>{program.name}</h3>
        <span className="muted">{program.supplierName}</span>
      </header>
      {card.growth && run ? (
        <GrowthProgress card={card} />
      ) : !progress || !run ? (
        <p className="muted">{t("dash.noRunYet")}</p>
      ) : (
        <>
          <p className="tier-now">
            <span className="figure" data-testid="tier-rate">
              {bps(progress.rateBps)}
            </span>{" "}
            <span className="muted">{t("dash.tierReached", { tier: progress.tierIndex + 1 })}</span>
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={1000}
            aria-valuenow={progress.progressPermille}
            aria-valuetext={t("dash.progressText", {
              volume: fmt(progress.pooledVolumeMinor),
              threshold: fmt(progress.nextTier?.thresholdMinor ?? progress.pooledVolumeMinor),
            })}
          >
            <div className="fill" style={{ width: `${progress.progressPermille / 10}%` }} />
            {progress.nextTier && progress.currentThresholdPermille > 0 ? (
              <div
                className="mark"
                style={{ left: `${progress.currentThresholdPermille / 10}%` }}
              />
            ) : null}
          </div>
          <dl className="tier-figures">
            <div>
              <dt>{t("dash.pooledVolumeThrough", { month: month(run.month) })}</dt>
              <dd data-testid="pooled-volume">{fmt(progress.pooledVolumeMinor)}</dd>
            </div>
            {progress.nextTier ? (
              <div>
                <dt>{t("dash.nextThreshold", { rate: bps(progress.nextTier.rateBps) })}</dt>
                <dd data-testid="next-threshold">{fmt(progress.nextTier.thresholdMinor)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("dash.yourVolume")}</dt>
              <dd data-testid="member-volume">
                {fmt(run.memberVolumeMinor)}{" "}
                <span className="muted">
                  ({t("dash.shareOfGroup", { share: bps(progress.memberShareBps) })})
                </span>
              </dd>
            </div>
            <div>
              <dt>{t("dash.earnedInProgram")}</dt>
              <dd data-testid="program-earned">{fmt(card.earnedMinor)}</dd>
            </div>
          </dl>
          {progress.nextTier ? (
            <p className="tier-next" data-testid="next-tier">
              {t("dash.nextTierNeeded", {
                amount: fmt(progress.nextTier.volumeNeededMinor),
                supplier: program.supplierName,
                rate: bps(progress.nextTier.rateBps),
              })}{" "}
              {run.memberVolumeMinor > 0 ? (
                <strong data-testid="member-extra">
                  {t("dash.nextTierGain", { amount: fmt(progress.extraForMemberMinor) })}
                </strong>
              ) : (
                <span className="muted">{t("dash.noOwnVolume")}</span>
              )}
            </p>
          ) : (
            <p className="tier-next" data-testid="next-tier">
              {t("dash.topTier", { rate: bps(progress.rateBps) })}
            </p>
          )}
          <p className="muted" data-testid="projection">
            {t("dash.projection", {
              amount: fmt(progress.projection.projectedVolumeMinor),
              rate: bps(progress.projection.rateBps),
              elapsed: progress.monthsElapsed,
              months: progress.monthsInProgram,
            })}
          </p>
        </>
      )}
      <MixConditions mixes={card.mixes} currency={program.currency} />
      <ComponentShares
        components={card.components}
        currency={program.currency}
        growthBasis={card.growth !== null}
      />
    </section>
  );
}
