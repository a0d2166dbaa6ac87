/**
 * A migrate or evacuate job as it runs: the bar, the phase sentence, the
 * live figures with their units, and an evacuation's machines one per line.
 * `compact` is the Jobs panel's form: one line of figures and small steps.
 */
import { Badge, Group, Loader, Progress, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconClock, IconX } from '@tabler/icons-react';
import type { Job, JobStep } from '../../../../shared/contract/jobs';
import { finishedFigures, migrationFigures, migrationSummary } from '../format';

const STEP_COLOR: Record<JobStep['state'], string> = { pending: 'gray', running: 'blue', succeeded: 'teal', failed: 'red' };

function StepIcon({ state }: { state: JobStep['state'] }) {
  if (state === 'running') return <Loader size={14} />;
  const Icon = state === 'succeeded' ? IconCheck : state === 'failed' ? IconX : IconClock;
  return (
    <ThemeIcon size={18} radius="xl" variant="light" color={STEP_COLOR[state]}>
      <Icon size={12} stroke={2.2} />
    </ThemeIcon>
  );
}

export function MigrationSteps({ steps, compact = false }: { steps: readonly JobStep[]; compact?: boolean }) {
  if (steps.length === 0) return null;
  return (
    <Stack gap={compact ? 4 : 6} data-testid="migration-steps">
      {steps.map((s, i) => (
        <Group key={`${i}-${s.label}`} gap="xs" wrap="nowrap" align="flex-start" data-testid={`migration-step-${i}`} data-state={s.state}>
          <StepIcon state={s.state} />
          <Stack gap={0} miw={0} style={{ flex: 1 }}>
            <Group gap={6} wrap="nowrap" justify="space-between">
              <Text size={compact ? 'xs' : 'sm'} fw={500} truncate title={s.label}>
                {s.label}
              </Text>
              {!compact && (
                <Badge size="xs" variant="light" color={STEP_COLOR[s.state]} style={{ textTransform: 'none', flexShrink: 0 }}>
                  {s.state}
                </Badge>
              )}
            </Group>
            {s.message && (
              <Text size="xs" c={s.state === 'failed' ? 'red' : 'dimmed'} lineClamp={compact ? 1 : 3} title={s.message}>
                {s.message}
              </Text>
            )}
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

export function MigrationFigures({ job }: { job: Job }) {
  const all = migrationFigures(job.detail);
  const figures = job.state === 'running' ? all : finishedFigures(all, job.detail, job.state === 'succeeded');
  if (figures.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" verticalSpacing={8} data-testid="migration-figures">
      {figures.map((f) => (
        <Stack key={f.key} gap={0} data-testid={`migration-figure-${f.key}`}>
          <Text size="xs" c="dimmed">
            {f.label}
          </Text>
          <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {f.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** The Jobs panel's extra lines for a migrate/evacuate job (its row already has the bar and phase). */
export function MigrationJobSummary({ job }: { job: Job }) {
  const line = job.kind === 'migrate' ? migrationSummary(job.detail, job.state) : '';
  return (
    <>
      {line && (
        <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="job-figures">
          {line}
        </Text>
      )}
      <MigrationSteps steps={job.steps} compact />
    </>
  );
}

export function MigrationProgress({ job }: { job: Job }) {
  const running = job.state === 'running';
  const pct = job.progress === null ? null : Math.round(job.progress * 100);
  return (
    <Stack gap="sm" data-testid="migration-progress" data-state={job.state}>
      {running ? (
        pct === null ? (
          <Progress value={100} animated striped size="lg" aria-label="In progress (no measure yet)" />
        ) : (
          <Progress value={pct} animated size="lg" aria-label={`${pct}%`} data-testid="migration-bar" />
        )
      ) : (
        <Progress value={100} size="lg" color={job.state === 'succeeded' ? 'teal' : job.state === 'failed' ? 'red' : 'gray'} />
      )}
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" data-testid="migration-phase" lineClamp={2}>
          {job.cancelRequested && running ? 'cancelling…' : job.phase || 'starting'}
        </Text>
        {running && pct !== null && (
          <Text size="sm" c="dimmed" style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }} data-testid="migration-percent">
            {pct}%
          </Text>
        )}
      </Group>
      <MigrationFigures job={job} />
      <MigrationSteps steps={job.steps} />
    </Stack>
  );
}
