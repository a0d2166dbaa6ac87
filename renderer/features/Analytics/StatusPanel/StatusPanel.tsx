/** The detector's state (analytics.status): where it runs, how many series, what it scored and dropped. */
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AnalyticsStatus } from '../../../../shared/contract/analytics';
import { analyticsQueries } from '../queries';
import { QueryFallback } from '../QueryFallback';

const MODE: Record<AnalyticsStatus['mode'], { label: string; color: string; note: string }> = {
  worker: { label: 'Worker thread', color: 'teal', note: 'Scored on its own thread: the collector never waits for it.' },
  'in-process': {
    label: 'In process',
    color: 'orange',
    note: 'The worker script was not found (running from sources): points are scored on the main thread.',
  },
  off: { label: 'Off', color: 'gray', note: 'Anomaly detection is not running.' },
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="sm" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

const n = (v: number) => v.toLocaleString('en');

export function StatusPanel() {
  const q = useQuery(analyticsQueries.status());
  if (!q.isSuccess) return <QueryFallback query={q} height={160} />;
  const s = q.data;
  const mode = MODE[s.mode];
  const dropped = s.droppedBatches > 0 || s.droppedPoints > 0;
  return (
    <Stack gap="sm" data-testid="analytics-status">
      <Group gap="sm">
        <Text size="sm" fw={500}>
          Detector
        </Text>
        <Badge color={mode.color} variant="light" data-testid="analytics-mode" data-mode={s.mode}>
          {mode.label}
        </Badge>
        <Text size="sm" c="dimmed">
          {mode.note}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label="Series watched" value={n(s.series)} testId="analytics-series" />
        <Stat label="Points scored" value={n(s.scoredPoints)} testId="analytics-scored" />
        <Stat label="Anomalies kept" value={n(s.anomalies)} testId="analytics-anomalies" />
        <Stat
          label="Step scored"
          value={s.stepMs >= 60_000 ? `${s.stepMs / 60_000} min` : `${s.stepMs / 1000} s`}
          testId="analytics-step"
        />
        <Stat label="Batches queued" value={n(s.queuedBatches)} testId="analytics-queued" />
        <Stat label="Batches dropped" value={n(s.droppedBatches)} testId="analytics-dropped-batches" />
        <Stat label="Points dropped" value={n(s.droppedPoints)} testId="analytics-dropped-points" />
        <Stat
          label="Last batch took"
          value={
            s.lastBatchMs === undefined
              ? '—'
              : s.lastBatchMs < 1000
                ? `${s.lastBatchMs.toFixed(1)} ms`
                : `${(s.lastBatchMs / 1000).toFixed(1)} s`
          }
          testId="analytics-last-batch"
        />
      </SimpleGrid>
      {dropped && (
        <Alert color="orange" variant="light" title="The detector fell behind">
          Some points were not scored because the detector was busy; the charts and the history keep them.
        </Alert>
      )}
      {s.lastError && (
        <Alert color="red" variant="light" title="Last error" data-testid="analytics-error">
          {s.lastError}
        </Alert>
      )}
    </Stack>
  );
}
