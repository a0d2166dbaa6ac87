/**
 * One chart card of a machine's or host's metrics: its series as lines, the
 * latest value of each with its unit, for the range chosen. Live appends the
 * sweeps; the other ranges ask the history for as many points as the chart
 * is wide in pixels. The detector's anomalies of these series are marks on
 * their lines (live ones arrive with anomaly.detected); with `forecast` on,
 * each series' forecast is drawn after now.
 */
import { Group, Paper, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage } from '../../../api';
import { Chart } from '../../../components/Chart/Chart';
import { analyticsQueries } from '../../Analytics/queries';
import { CHART_COLORS } from '../../../components/Chart/chart-theme';
import type { ChartGroup } from '../chart-groups';
import { formatValue, seriesLabel } from '../format';
import { hostSubject, vmSubject } from '../live-store';
import { metricsQueries, rangeMs, type RangeId } from '../queries';
import { buildLineOption, type AnomalyMark, type LineData } from './line-option';
import { useLiveLines } from './use-live-lines';
import classes from './MetricChart.module.css';

interface Props {
  group: ChartGroup;
  connectionId: string;
  uuid?: string;
  range: RangeId;
  height?: number;
  /** Draw each series' forecast (analytics.forecast) after now. */
  forecast?: boolean;
}

/** How far ahead a forecast looks: a quarter of the window shown, at least a minute. */
export const forecastHorizon = (windowMs: number): number => Math.max(60_000, Math.round(windowMs / 4 / 60_000) * 60_000);

/** Pixels to points: steps of 50 px so a resize does not refetch at every pixel. */
export const pointsForWidth = (width: number): number => (width <= 0 ? 0 : Math.max(50, Math.round(width / 50) * 50));

export function MetricChart({ group, connectionId, uuid, range, height = 190, forecast = false }: Props) {
  const { ref, width } = useElementSize();
  const maxPoints = pointsForWidth(width);
  const scheme = useComputedColorScheme('light');
  const colors = CHART_COLORS[scheme];
  const live = range === 'live';
  const windowMs = rangeMs(range);

  const results = useQueries({
    queries: group.series.map((s) => ({
      ...metricsQueries.series(connectionId, uuid, s, range, live ? 300 : maxPoints),
      // The live window is a few hundred points whatever the width; the other ranges wait for it.
      enabled: live || maxPoints > 0,
    })),
  });
  const data = results.map((r) => r.data);
  // A placeholder is the previous range's answer: never a seed for the live window.
  const seeds = results.map((r) => (r.isPlaceholderData ? undefined : r.data));
  const subject = uuid ? vmSubject(connectionId, uuid) : hostSubject(connectionId);
  const { buffers, version } = useLiveLines(live, subject, group.series, seeds, windowMs);

  // The subject's anomalies in the window (the feed's query, kept live by the analytics cache sync).
  const anomalies = useQuery(analyticsQueries.anomalies({ connectionId, uuid, backMs: windowMs, limit: 1000 }));
  const horizonMs = forecastHorizon(windowMs);
  const forecasts = useQueries({
    queries: group.series.map((s) => ({ ...analyticsQueries.forecast(connectionId, uuid, s, horizonMs), enabled: forecast })),
  });
  const fcData = forecasts.map((f) => (forecast ? f.data : undefined));

  const stepMs = data.find((d) => d)?.stepMs ?? 2000;
  const lines: LineData[] = useMemo(
    () =>
      group.series.map((s, i) => {
        const marks: AnomalyMark[] = (anomalies.data ?? [])
          .filter((a) => a.series === s && a.uuid === uuid)
          .map((a) => ({ t: a.t, stepMs: a.stepMs, value: a.value, score: a.score }));
        const f = fcData[i];
        const extra = {
          ...(marks.length > 0 ? { anomalies: marks } : {}),
          ...(f ? { forecast: { t: f.t, mean: f.mean, low: f.low, high: f.high, level: f.level } } : {}),
        };
        if (live) {
          const b = buffers[i] ?? { t: [], v: [] };
          return { id: s, label: seriesLabel(s), t: b.t, avg: b.v, ...extra };
        }
        const d = data[i];
        const rolled = d && d.tier !== 'raw';
        return { id: s, label: seriesLabel(s), t: d?.t ?? [], avg: d?.avg ?? [], ...(rolled ? { min: d.min, max: d.max } : {}), ...extra };
      }),
    // `version` moves when the live buffers grow; `data` entries are stable query results.
    [group.series, live, buffers, version, anomalies.data, uuid, ...data, ...fcData],
  );

  const to = live ? Math.max(Date.now(), lines[0]?.t.at(-1) ?? 0) : Date.now();
  const option = useMemo(
    () => buildLineOption({ lines, unit: group.unit, colors, stepMs, from: to - windowMs, to, yMax: group.max }),
    // `to` follows the data; recomputing it alone would redraw for nothing.
    [lines, group.unit, group.max, colors, stepMs, windowMs],
  );

  const first = lines[0];
  const points = first?.t.length ?? 0;
  const latest = first?.avg.at(-1);
  const loading = results.some((r) => r.isPending && r.fetchStatus !== 'idle');
  const failed = results.find((r) => r.isError)?.error;
  const marksShown = lines.reduce((n, l) => n + (l.anomalies?.length ?? 0), 0);
  const fcFailed = forecast ? forecasts.find((f) => f.isError)?.error : undefined;
  const fcShown = forecast && fcData.some((f) => f && f.t.length > 0);

  return (
    <Paper withBorder radius="sm" p="sm" className={classes.card} data-testid={`chart-card-${group.id}`}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm">
            {group.title}
          </Text>
          <Group gap="md" wrap="wrap" justify="flex-end">
            {lines.map((l, i) => {
              const v = l.avg.at(-1);
              return (
                <Group key={l.id} gap={6} wrap="nowrap" className={classes.readout}>
                  <span className={classes.swatch} style={{ background: colors.series[i % colors.series.length] }} />
                  <Text size="xs" c="dimmed">
                    {l.label}
                  </Text>
                  <Text size="xs" fw={600} className={classes.value} data-testid={`chart-latest-${l.id}`} data-value={v ?? ''}>
                    {formatValue(v, group.unit)}
                  </Text>
                </Group>
              );
            })}
          </Group>
        </Group>
        <div ref={ref} className={classes.plot}>
          <Chart
            option={option}
            replace={['series']}
            height={height}
            testId={`chart-${group.id}`}
            ariaLabel={`${group.title}: latest ${formatValue(latest, group.unit)}`}
            data={{
              'data-points': points,
              'data-latest': latest,
              'data-range': range,
              'data-tier': live ? 'live' : (data[0]?.tier ?? ''),
              'data-max-points': maxPoints,
              'data-anomalies': marksShown,
              'data-forecast': forecast ? (fcShown ? 'shown' : fcFailed ? 'unavailable' : 'loading') : 'off',
            }}
          />
          {!loading && points === 0 && (
            <Text size="xs" c={failed ? 'red' : 'dimmed'} className={classes.empty}>
              {failed ? `Could not read the history: ${failed.message}` : live ? 'Waiting for the next sweep…' : 'No samples in this range'}
            </Text>
          )}
        </div>
        {fcFailed && !fcShown && (
          <Text size="xs" c="dimmed" data-testid={`forecast-note-${group.id}`}>
            No forecast: {/not enough history/i.test(errorMessage(fcFailed)) ? 'not enough history yet' : errorMessage(fcFailed)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
