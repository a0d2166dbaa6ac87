/** A big number with its label, for the dashboard's counts. */
import { Paper, Text } from '@mantine/core';
import { numberFormat } from '../../Machines/format';

export function Stat({ label, value, color, testId }: { label: string; value: number; color: string; testId?: string }) {
  return (
    <Paper withBorder radius="sm" px="sm" py={6} data-testid={testId} data-count={value}>
      <Text fz={22} fw={700} c={value > 0 ? color : 'dimmed'} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {numberFormat.format(value)}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {label}
      </Text>
    </Paper>
  );
}
