/** A pool's usage bar (allocation of capacity) and its health line, with the grading thresholds in the tooltip. */
import { Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { POOL_HEALTH, type HealthLevel, type Pool } from '../../../../shared/contract/storage';
import { formatBytes, percent } from '../format';

const COLOR: Record<HealthLevel, string> = { green: 'teal', amber: 'yellow', red: 'red' };
const LABEL: Record<HealthLevel, string> = { green: 'Healthy', amber: 'Needs attention', red: 'Critical' };

const pct = (r: number) => `${Math.round(r * 100)}%`;
const hours = (h: number) => (h === 24 ? 'a day' : h % 24 === 0 ? `${h / 24} days` : `${h} h`);

/** The thresholds as the backend applies them (shared/contract/storage.ts). */
export const HEALTH_RULES = [
  `Red: inaccessible or degraded, under ${pct(POOL_HEALTH.redFreeRatio)} free, or full within ${hours(POOL_HEALTH.redHoursToFull)}.`,
  `Amber: stopped, under ${pct(POOL_HEALTH.amberFreeRatio)} free, full within ${hours(POOL_HEALTH.amberHoursToFull)}, or its last refresh failed.`,
  `The fill rate is fitted over the last hour of allocation samples (one a minute).`,
];

export function UsageBar({ pool, testId = 'pool-usage' }: { pool: Pool; testId?: string }) {
  if (pool.state !== 'running' || pool.capacity <= 0)
    return (
      <Text size="xs" c="dimmed" data-testid={testId}>
        {pool.state === 'running' ? 'no capacity reported' : 'sizes unknown while stopped'}
      </Text>
    );
  const used = percent(pool.allocation, pool.capacity);
  return (
    <Stack gap={4} data-testid={testId}>
      <Progress
        value={used}
        color={COLOR[pool.health.level]}
        size="md"
        radius="sm"
        aria-label={`${pool.name}: ${Math.round(used)}% used`}
      />
      <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatBytes(pool.allocation)} of {formatBytes(pool.capacity)} · {formatBytes(pool.available)} free
      </Text>
    </Stack>
  );
}

export function HealthLine({ pool, testId = 'pool-health' }: { pool: Pool; testId?: string }) {
  const h = pool.health;
  return (
    <Tooltip
      multiline
      w={340}
      withArrow
      // Keyboard users reach it with Tab: the line is focusable and shows its details on focus.
      events={{ hover: true, focus: true, touch: true }}
      label={
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {LABEL[h.level]}
          </Text>
          <Stack gap={2}>
            {h.reasons.map((r) => (
              <Group key={r.text} gap={6} wrap="nowrap" align="flex-start">
                <Box mt={6} w={6} h={6} bg={`var(--mantine-color-${COLOR[r.level]}-5)`} style={{ borderRadius: '50%', flex: 'none' }} />
                <Text size="xs">{r.text}</Text>
              </Group>
            ))}
          </Stack>
          <Stack gap={0}>
            {HEALTH_RULES.map((rule) => (
              <Text key={rule} size="xs" c="dimmed">
                {rule}
              </Text>
            ))}
          </Stack>
        </Stack>
      }
    >
      <Group
        gap={6}
        wrap="nowrap"
        tabIndex={0}
        aria-label={`Health: ${LABEL[h.level]}. ${h.reasons.map((r) => r.text).join('. ')}`}
        data-testid={testId}
        data-level={h.level}
        style={{ cursor: 'help', minWidth: 0 }}
      >
        <Box
          w={9}
          h={9}
          bg={`var(--mantine-color-${COLOR[h.level]}-6)`}
          style={{ borderRadius: '50%', flex: 'none', alignSelf: 'flex-start', marginTop: 4 }}
        />
        <Text size="xs" c="dimmed" lineClamp={2}>
          {h.summary}
        </Text>
      </Group>
    </Tooltip>
  );
}
