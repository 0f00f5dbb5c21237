import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FIGURE_EXPLANATIONS } from '../../../../shared/insights/figure-explanations';
import type { InsightsReport } from '../../../../shared/insights/insights-report';
import { hoursText, percentText } from '../../../../shared/insights/insights-format';
import {
  DRIFT_OUTCOMES,
  deploymentRows,
  deploymentSummary,
  driftRows,
  driftSummary,
  type DurationScale,
  failureRows,
  failureSummary,
  leadTimeRows,
  leadTimeSummary,
  seriesColour,
  stackedRow,
  stageRows,
  stageSummary,
} from './insights-model';

/*
 * The pictures of the report. Each chart is drawn for the eye only (aria-hidden, not focusable):
 * its heading names it, a sentence under the heading says what it shows, and the same numbers are
 * a table one click away, so a screen reader or keyboard loses nothing.
 */

const HEIGHT = 240;
const STAGE_EXPLANATION = [
  FIGURE_EXPLANATIONS.leadTimeAuthoring,
  FIGURE_EXPLANATIONS.leadTimeApproval,
  FIGURE_EXPLANATIONS.leadTimeWaiting,
  FIGURE_EXPLANATIONS.leadTimePromotion,
].join(' ');
const AXIS = { fill: 'var(--muted)', fontSize: 12 } as const;
const TOOLTIP_STYLE = {
  background: 'var(--panel)',
  border: '1px solid var(--line)',
  color: 'var(--text)',
} as const;

function ChartFigure(props: {
  name: string;
  title: string;
  summary: string;
  /** What the figure means, when the cards above do not already say it. */
  explanation?: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const headingId = `insights-chart-${props.name}`;
  return (
    <figure
      className="card insights-chart"
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-summary`}
      data-testid="insights-chart"
      data-chart={props.name}
    >
      <h3 id={headingId}>{props.title}</h3>
      {props.explanation !== undefined && <p className="insights-explanation">{props.explanation}</p>}
      <p id={`${headingId}-summary`} className="muted small" data-testid="chart-summary">
        {props.summary}
      </p>
      <div className="insights-chart-canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT}>
          {props.chart}
        </ResponsiveContainer>
      </div>
      <details className="insights-chart-table">
        <summary>Show as a table</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** An axis tick: two significant digits at most, so a label stays on one line. */
function axisNumber(value: number): string {
  return String(Number(value.toPrecision(2)));
}

/** A tooltip's value, drawn in a scale's unit, said in words. */
function inWords(scale: DurationScale) {
  return (value: unknown) => (typeof value === 'number' ? hoursText(value * scale.hours) : '—');
}

function DataTable(props: { caption: string; headers: string[]; rows: (string | number)[][] }) {
  return (
    <table className="insights-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={index}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function InsightsCharts({ report }: { report: InsightsReport }) {
  const deployments = deploymentRows(report);
  const leadTimes = leadTimeRows(report);
  const failures = failureRows(report);
  const stages = stageRows(report);
  const drift = driftRows(report);
  const per = report.period.bucket;
  return (
    <section aria-labelledby="insights-charts-heading" className="insights-charts">
      <h2 id="insights-charts-heading">Over the period</h2>
      <div className="insights-chart-grid">
        <ChartFigure
          name="deployments"
          title={`Deployments per ${per}, by environment`}
          summary={deploymentSummary(report)}
          chart={
            <BarChart data={deployments.rows.map(stackedRow)} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--line)" vertical={false} />
              <XAxis dataKey="label" tick={AXIS} stroke="var(--line)" />
              <YAxis allowDecimals={false} tick={AXIS} stroke="var(--line)" width={36} />
              <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'var(--track)' }} />
              <Legend itemSorter={null} />
              {deployments.environments.map((environment, index) => (
                <Bar
                  key={environment}
                  dataKey={environment}
                  name={environment}
                  stackId="environments"
                  fill={seriesColour(index)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          }
          table={
            <DataTable
              caption={`Deployments per ${per}, by environment`}
              headers={[per, ...deployments.environments, 'total']}
              rows={deployments.rows.map((row) => [
                row.label,
                ...deployments.environments.map((environment) => row.counts[environment] ?? 0),
                row.total,
              ])}
            />
          }
        />
        <ChartFigure
          name="lead-time"
          title={`Lead time per ${per} (median)`}
          summary={leadTimeSummary(report)}
          chart={
            <LineChart data={leadTimes.rows} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--line)" vertical={false} />
              {/* Padded so a point in the first or last bucket is drawn whole, not cut by the edge. */}
              <XAxis dataKey="label" tick={AXIS} stroke="var(--line)" padding={{ left: 12, right: 12 }} />
              <YAxis
                tick={AXIS}
                stroke="var(--line)"
                width={72}
                unit={` ${leadTimes.scale.unit}`}
                tickFormatter={axisNumber}
              />
              <Tooltip contentStyle={TOOLTIP_STYLE} formatter={inWords(leadTimes.scale)} />
              <Line
                type="monotone"
                dataKey="median"
                name="Median lead time"
                stroke="var(--accent)"
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          }
          table={
            <DataTable
              caption={`Median lead time per ${per}`}
              headers={[per, 'deployments', 'median lead time']}
              rows={leadTimes.rows.map((row) => [row.label, row.count, hoursText(row.medianHours)])}
            />
          }
        />
        <ChartFigure
          name="failure-rate"
          title={`Change failure rate per ${per}`}
          summary={failureSummary(report)}
          chart={
            <BarChart data={failures} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--line)" vertical={false} />
              <XAxis dataKey="label" tick={AXIS} stroke="var(--line)" />
              <YAxis tick={AXIS} stroke="var(--line)" width={48} unit=" %" domain={[0, 100]} />
              <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'var(--track)' }} />
              <Bar
                dataKey="ratePercent"
                name="Failure rate (%)"
                fill="var(--danger)"
                isAnimationActive={false}
              />
            </BarChart>
          }
          table={
            <DataTable
              caption={`Change failure rate per ${per}`}
              headers={[per, 'promotions', 'failed', 'rate']}
              rows={failures.map((row) => [
                row.label,
                row.deployments,
                row.failures,
                row.ratePercent === null ? '—' : percentText(row.ratePercent / 100),
              ])}
            />
          }
        />
        <ChartFigure
          name="stages"
          title="Where lead time goes (median per stage)"
          summary={stageSummary(stages.rows)}
          explanation={STAGE_EXPLANATION}
          chart={
            <BarChart data={stages.rows} layout="vertical" accessibilityLayer={false}>
              <CartesianGrid stroke="var(--line)" horizontal={false} />
              <XAxis
                type="number"
                tick={AXIS}
                stroke="var(--line)"
                unit={` ${stages.scale.unit}`}
                tickFormatter={axisNumber}
              />
              <YAxis type="category" dataKey="stage" tick={AXIS} stroke="var(--line)" width={150} />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                cursor={{ fill: 'var(--track)' }}
                formatter={inWords(stages.scale)}
              />
              <Bar dataKey="median" name="Median" fill="var(--purple)" isAnimationActive={false} />
            </BarChart>
          }
          table={
            <DataTable
              caption="Median time per lead-time stage"
              headers={['stage', 'measured', 'median']}
              rows={stages.rows.map((row) => [row.stage, row.count, hoursText(row.medianHours)])}
            />
          }
        />
        <ChartFigure
          name="drift"
          title="Drift per week, and how it was triaged"
          summary={driftSummary(report)}
          explanation={FIGURE_EXPLANATIONS.drift}
          chart={
            <BarChart data={drift} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--line)" vertical={false} />
              <XAxis dataKey="label" tick={AXIS} stroke="var(--line)" />
              <YAxis allowDecimals={false} tick={AXIS} stroke="var(--line)" width={36} />
              <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'var(--track)' }} />
              <Legend itemSorter={null} />
              {DRIFT_OUTCOMES.map((outcome, index) => (
                <Bar
                  key={outcome}
                  dataKey={outcome}
                  name={outcome}
                  fill={seriesColour(index)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          }
          table={
            <DataTable
              caption="Drift per week"
              headers={['week of', 'checks', ...DRIFT_OUTCOMES]}
              rows={drift.map((row) => [
                row.label,
                row.checks,
                row.found,
                row.accepted,
                row.reverted,
                row.ignored,
              ])}
            />
          }
        />
      </div>
    </section>
  );
}
