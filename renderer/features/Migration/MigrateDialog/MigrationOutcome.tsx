/** How a migration ended, in words: where the machine runs now (with a way there), or why it did not move and where it still is. */
import { Alert, Text } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import type { Job } from '../../../../shared/contract/jobs';
import { formatMs } from '../format';

interface Props {
  job: Job;
  machine: string;
  source: string;
  target: string;
}

export function MigrationOutcome({ job, machine, source, target }: Props) {
  const offline = job.result?.mode === 'offline' || job.detail?.mode === 'offline';
  if (job.state === 'running') return null;
  if (job.state === 'succeeded') {
    const downtime = typeof job.result?.downtimeMs === 'number' ? job.result.downtimeMs : null;
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} />}
        data-testid="migrate-done"
        title={offline ? `Now on ${target}` : `Now running on ${target}`}
      >
        <Text size="sm">
          {offline
            ? `${machine} is defined on ${target} (shut off) with its disks; the source’s volumes are kept on ${source}.`
            : `${machine} moved from ${source}${downtime !== null ? ` with a pause of ${formatMs(downtime)}` : ''}.`}
        </Text>
      </Alert>
    );
  }
  const cancelled = job.state === 'cancelled';
  return (
    <Alert
      color={cancelled ? 'gray' : 'red'}
      variant="light"
      icon={cancelled ? <IconInfoCircle size={18} /> : <IconX size={18} />}
      title={cancelled ? 'Migration cancelled' : 'Migration failed'}
      data-testid="migrate-failed"
      data-state={job.state}
    >
      <Text size="sm" data-testid="migrate-error">
        {job.error?.message ?? (cancelled ? 'Stopped on request.' : 'No reason given.')}
      </Text>
      {/* Said once: the backend's own words often say it already. */}
      {!job.error?.message.includes(source) && (
        <Text size="sm" mt={4} fw={500}>
          {offline ? `${machine} is still on ${source}.` : `${machine} still runs on ${source}.`}
        </Text>
      )}
    </Alert>
  );
}
