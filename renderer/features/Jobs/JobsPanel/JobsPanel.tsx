/** The header's jobs button (running count) and the activity drawer: progress, phase, cancel where allowed. */
import { Badge, Button, Drawer, Group, Indicator, Loader, Progress, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconActivity } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '../../../../shared/contract/jobs';
import { errorMessage, invoke } from '../../../api';
import { machinePath } from '../../../app/paths';
import { MigrationJobSummary } from '../../Migration/MigrationProgress/MigrationProgress';
import { applyJobs } from '../cache-sync';
import { jobQueries } from '../queries';

const STATE_COLOR = { running: 'blue', succeeded: 'teal', failed: 'red', cancelled: 'gray' } as const;
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function JobRow({ job }: { job: Job }) {
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => invoke('jobs.cancel', { id: job.id }),
    onSuccess: (j) => applyJobs(client, [j]),
    onError: (e) => notifications.show({ color: 'red', title: 'Cancel failed', message: errorMessage(e) }),
  });
  const running = job.state === 'running';
  const created =
    (job.kind === 'clone' || job.kind === 'create') && job.state === 'succeeded' && typeof job.result?.uuid === 'string'
      ? job.result.uuid
      : null;
  // A migrated machine is opened where it went (same UUID, the target's connection).
  const movedTo =
    job.kind === 'migrate' && job.state === 'succeeded' && typeof job.result?.targetConnectionId === 'string'
      ? job.result.targetConnectionId
      : null;
  const migration = job.kind === 'migrate' || job.kind === 'evacuate';
  return (
    <Stack
      gap={6}
      p="sm"
      data-testid={`job-${job.id}`}
      data-state={job.state}
      data-kind={job.kind}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500} truncate title={job.title}>
          {job.title}
        </Text>
        <Badge
          size="sm"
          variant="light"
          color={STATE_COLOR[job.state]}
          style={{ textTransform: 'none', flexShrink: 0 }}
          data-testid="job-state"
        >
          {job.cancelRequested && running ? 'cancelling' : job.state}
        </Badge>
      </Group>
      {running &&
        (job.progress === null ? (
          <Progress value={100} animated striped size="sm" aria-label="In progress (no measure)" />
        ) : (
          <Progress value={job.progress * 100} size="sm" aria-label={`${Math.round(job.progress * 100)}%`} data-testid="job-progress" />
        ))}
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed" truncate>
          {job.error ? job.error.message : job.phase}
          {running && job.progress !== null ? ` · ${Math.round(job.progress * 100)}%` : ''}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {time.format(job.startedAt)}
        </Text>
      </Group>
      {migration && <MigrationJobSummary job={job} />}
      {(running || created || movedTo) && (
        <Group gap="xs" justify="flex-end">
          {created && (
            <Button size="compact-xs" variant="default" component="a" href={machinePath(job.connectionId, created)}>
              Open {String(job.result?.name ?? 'machine')}
            </Button>
          )}
          {movedTo && (
            <Button
              size="compact-xs"
              variant="default"
              component="a"
              href={machinePath(movedTo, job.subject.uuid)}
              data-testid="job-open-moved"
            >
              Open {job.subject.name}
            </Button>
          )}
          {running &&
            (job.cancellable ? (
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                loading={cancel.isPending}
                disabled={job.cancelRequested}
                onClick={() => cancel.mutate()}
                data-testid="job-cancel"
              >
                Cancel
              </Button>
            ) : (
              <Tooltip label="libvirt cannot stop this job once it runs">
                <Text size="xs" c="dimmed">
                  cannot be cancelled
                </Text>
              </Tooltip>
            ))}
        </Group>
      )}
    </Stack>
  );
}

export function JobsButton() {
  const [opened, { open, close }] = useDisclosure(false);
  const jobs = useQuery(jobQueries.list());
  const list = jobs.data ?? [];
  const running = list.filter((j) => j.state === 'running').length;
  return (
    <>
      <Tooltip label={running ? `${running} job${running === 1 ? '' : 's'} running` : 'Jobs'}>
        <UnstyledButton onClick={open} aria-label="Jobs" data-testid="jobs-button" data-running={running} px={6} py={4}>
          <Indicator label={running} disabled={running === 0} size={16} offset={2} color="blue">
            {running > 0 ? <Loader size={18} type="dots" /> : <IconActivity size={20} stroke={1.6} />}
          </Indicator>
        </UnstyledButton>
      </Tooltip>
      <Drawer opened={opened} onClose={close} position="right" size="md" title={<Text fw={600}>Jobs</Text>} data-testid="jobs-panel">
        <Stack gap="sm" data-testid="jobs-list">
          <Text size="xs" c="dimmed">
            Long operations run in NovaCron's backend: closing this panel or a page cancels nothing.
          </Text>
          {list.length === 0 && (
            <Text size="sm" c="dimmed">
              No jobs yet.
            </Text>
          )}
          {list.map((j) => (
            <JobRow key={j.id} job={j} />
          ))}
        </Stack>
      </Drawer>
    </>
  );
}
