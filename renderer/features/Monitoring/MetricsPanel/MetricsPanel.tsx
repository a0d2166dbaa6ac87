/** A subject's charts (a machine's or a host's), with the range picker: live, 1 h, 24 h, 7 d, 90 d. */
import { Group, SegmentedControl, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ChartGroup } from '../chart-groups';
import { MetricChart } from '../MetricChart/MetricChart';
import { RANGES, type RangeId } from '../queries';

interface Props {
  connectionId: string;
  uuid?: string;
  groups: readonly ChartGroup[];
  title?: string;
  /** Shown next to the title (e.g. "the machine is shut off"). */
  note?: string;
}

const RANGE_KEY = 'novacron-metrics-range';

function storedRange(): RangeId {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(RANGE_KEY);
  return RANGES.some((r) => r.id === v) ? (v as RangeId) : 'live';
}

export function MetricsPanel({ connectionId, uuid, groups, title = 'Metrics', note }: Props) {
  const [range, setRange] = useState<RangeId>(storedRange);
  const [forecast, setForecast] = useState(false);
  const choose = (v: string) => {
    const next = RANGES.find((r) => r.id === v)?.id ?? 'live';
    setRange(next);
    localStorage.setItem(RANGE_KEY, next);
  };
  return (
    <Stack gap="sm" data-testid="metrics-panel">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" align="baseline">
          <Title order={3} fz="md">
            {title}
          </Title>
          {note && (
            <Text size="sm" c="dimmed">
              {note}
            </Text>
          )}
        </Group>
        <Group gap="md" wrap="wrap">
          <Switch
            size="xs"
            label="Forecast"
            checked={forecast}
            onChange={(e) => setForecast(e.currentTarget.checked)}
            data-testid="metrics-forecast"
          />
          <SegmentedControl
            size="xs"
            value={range}
            onChange={choose}
            data={RANGES.map((r) => ({ value: r.id, label: r.label }))}
            aria-label="Time range"
            data-testid="metrics-range"
          />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        {groups.map((g) => (
          <MetricChart key={g.id} group={g} connectionId={connectionId} uuid={uuid} range={range} forecast={forecast} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
