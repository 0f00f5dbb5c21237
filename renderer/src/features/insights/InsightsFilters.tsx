import { useState, type FormEvent } from 'react';
import type { InsightsReport } from '../../../../shared/insights/insights-report';
import {
  defaultCustomDates,
  FIX_WINDOW_CHOICES,
  isChosen,
  PERIOD_PRESETS,
  presetLabel,
} from './insights-period';
import { useInsightsStore } from './insights-store';

/** Which period and environments the figures are about, and how long a follow-up fix may take. */
export function InsightsFilters({ report }: { report: InsightsReport | null }) {
  const period = useInsightsStore((state) => state.period);
  const setPeriod = useInsightsStore((state) => state.setPeriod);
  const fixWindowDays = useInsightsStore((state) => state.fixWindowDays);
  const setFixWindowDays = useInsightsStore((state) => state.setFixWindowDays);
  const toggleEnvironment = useInsightsStore((state) => state.toggleEnvironment);
  const problem = useInsightsStore((state) => state.periodProblem);
  const loading = useInsightsStore((state) => state.loading);
  // The custom dates being typed: asked for only when applied, so a half-typed date asks nothing.
  const [{ from, to }, setDates] = useState(() =>
    period.kind === 'custom' ? { from: period.from, to: period.to } : defaultCustomDates(new Date()),
  );
  const chosen = useInsightsStore((state) => state.environments);
  const chosenCount = chosen?.length ?? report?.environments.length ?? 0;

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    void setPeriod({ kind: 'custom', from, to });
  }

  return (
    <section
      className="card insights-filters"
      aria-label="What to measure"
      data-testid="insights-filters"
      aria-busy={loading}
    >
      <fieldset className="insights-period">
        <legend>Period</legend>
        <div className="insights-chips" role="group" aria-label="Quick periods">
          {PERIOD_PRESETS.map((days) => {
            const active = period.kind === 'preset' && period.days === days;
            return (
              <button
                key={days}
                type="button"
                className={active ? 'insights-chip active' : 'insights-chip'}
                aria-pressed={active}
                data-testid="period-preset"
                data-days={days}
                onClick={() => void setPeriod({ kind: 'preset', days })}
              >
                {presetLabel(days)}
              </button>
            );
          })}
        </div>
        <form className="insights-custom" onSubmit={applyCustom} aria-label="Custom period">
          <label>
            From{' '}
            <input
              type="date"
              value={from}
              onChange={(event) => setDates({ from: event.target.value, to })}
              aria-invalid={problem !== null}
              aria-describedby={problem === null ? undefined : 'insights-period-problem'}
              data-testid="period-from"
            />
          </label>
          <label>
            To (inclusive){' '}
            <input
              type="date"
              value={to}
              onChange={(event) => setDates({ from, to: event.target.value })}
              aria-invalid={problem !== null}
              aria-describedby={problem === null ? undefined : 'insights-period-problem'}
              data-testid="period-to"
            />
          </label>
          <button type="submit" aria-pressed={period.kind === 'custom'} data-testid="period-apply">
            Show these dates
          </button>
        </form>
        {problem && (
          <p className="field-error" role="alert" id="insights-period-problem" data-testid="period-problem">
            {problem}
          </p>
        )}
      </fieldset>
      {report !== null && report.environments.length > 0 && (
        <fieldset className="insights-environments">
          <legend>Environments</legend>
          <p className="muted small insights-hint">
            Every figure counts the environments ticked; at least one stays ticked.
          </p>
          <div className="insights-chips">
            {report.environments.map((environment) => {
              const ticked = isChosen(chosen, environment.name);
              // The last one ticked stays ticked: measuring no environment would mean measuring all.
              const last = ticked && chosenCount === 1;
              return (
                <label key={environment.name} className={ticked ? 'insights-chip active' : 'insights-chip'}>
                  <input
                    type="checkbox"
                    checked={ticked}
                    disabled={last}
                    onChange={() => void toggleEnvironment(environment.name)}
                    data-testid="environment-filter"
                    data-environment={environment.name}
                  />
                  {environment.name}
                  {environment.tier !== null && <span className="muted small"> ({environment.tier})</span>}
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      <fieldset className="insights-fix-window">
        <legend>Follow-up fix window</legend>
        <label>
          A later change to the same object within{' '}
          <select
            value={fixWindowDays}
            onChange={(event) => void setFixWindowDays(Number(event.target.value))}
            data-testid="fix-window"
          >
            {FIX_WINDOW_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} {days === 1 ? 'day' : 'days'}
              </option>
            ))}
          </select>{' '}
          counts as fixing a failed change
        </label>
      </fieldset>
    </section>
  );
}
