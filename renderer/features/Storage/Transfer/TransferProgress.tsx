/** A transfer's progress: bar with percent, bytes done of the total, MB/s, and Cancel. */
import { Button, Group, Progress as Bar, Stack, Text } from '@mantine/core';
import { formatBytes } from '../format';
import { formatMBps, type Progress } from './rate';

interface Props {
  verb: string;
  progress: Progress;
  onCancel?: () => void;
  cancelling?: boolean;
  testId: string;
}

export function TransferProgress({ verb, progress, onCancel, cancelling, testId }: Props) {
  const pct = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={6} data-testid={testId} data-percent={pct}>
      <Bar.Root size="lg" aria-label={`${pct}%`}>
        <Bar.Section value={pct} animated={pct < 100}>
          <Bar.Label data-testid={`${testId}-percent`}>{pct}%</Bar.Label>
        </Bar.Section>
      </Bar.Root>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" data-testid={`${testId}-text`}>
          {verb} {formatBytes(progress.done)} of {formatBytes(progress.total)} ·{' '}
          <span data-testid={`${testId}-rate`}>{formatMBps(progress.rate)}</span>
        </Text>
        {onCancel && (
          <Button size="xs" color="red" variant="light" onClick={onCancel} loading={cancelling} data-testid={`${testId}-cancel`}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  );
}
