/**
 * Migrate… from a machine's page: pick a connected host, read what
 * migration.plan says would happen (mode, memory, disks, blockers,
 * warnings), set the options, Start. The dialog then follows the job
 * (job.changed keeps the Jobs cache fresh): bar, phase, figures, Cancel and
 * "Switch to post-copy"; at the end where the machine runs, with a way to its
 * page there.
 */
import { Alert, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, invoke } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import { applyJobs } from '../../Jobs/cache-sync';
import { isActive, type MigrationSubject } from '../dialogs';
import { useCancelJob, useConnectionName, useJob, useTargetHosts } from '../hooks';
import { MigrationOptionsFields } from '../MigrationOptionsFields/MigrationOptionsFields';
import { MigrationProgress } from '../MigrationProgress/MigrationProgress';
import { defaultOptions, optionProblems, toMigrationOptions, type OptionsForm } from '../options';
import { PlanView } from '../PlanView/PlanView';
import { migrationQueries } from '../queries';
import { MigrationOutcome } from './MigrationOutcome';
import { TargetHostSelect } from '../TargetHostSelect/TargetHostSelect';

export function MigrateDialog({ subject, onClose }: { subject: MigrationSubject; onClose: () => void }) {
  const client = useQueryClient();
  const targets = useTargetHosts([subject.connectionId]);
  const [target, setTarget] = useState<string | null>(null);
  const [form, setForm] = useState<OptionsForm>(defaultOptions);
  const [copyTouched, setCopyTouched] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const plan = useQuery({
    ...migrationQueries.plan(subject.connectionId, subject.uuid, target ?? ''),
    enabled: target !== null && jobId === null,
  });
  const p = target !== null ? plan.data : undefined;
  const live = p ? p.mode === 'live' : isActive(subject.state);
  const hasCopyDisk = !!p?.disks.some((d) => d.handling === 'copy');
  // On by default when the plan has a disk to copy and the machine runs; the user's own choice sticks.
  const options: OptionsForm = { ...form, copyStorage: copyTouched ? form.copyStorage : live && hasCopyDisk };
  const problems = optionProblems(options);

  const start = useMutation({
    mutationFn: () =>
      invoke('migration.start', {
        connectionId: subject.connectionId,
        uuid: subject.uuid,
        targetConnectionId: target!,
        options: toMigrationOptions(options),
      }),
    onSuccess: (job) => {
      applyJobs(client, [job]);
      setJobId(job.id);
    },
  });
  const job = useJob(jobId) ?? start.data;
  const targetId = typeof job?.result?.targetConnectionId === 'string' ? job.result.targetConnectionId : target;
  const targetName = useConnectionName(targetId) ?? p?.target.name ?? 'the target';

  const cancel = useCancelJob();
  const postcopy = useMutation({
    mutationFn: (id: string) => invoke('migration.postcopy', { jobId: id }),
    onSuccess: () =>
      notifications.show({
        color: 'blue',
        title: `${subject.name}: post-copy`,
        message: `It now runs on ${targetName}; its memory follows.`,
      }),
    onError: (e) => notifications.show({ color: 'red', title: 'Could not switch to post-copy', message: errorMessage(e) }),
  });
  const confirmCancel = (id: string) =>
    modals.openConfirmModal({
      title: <Text fw={600}>Cancel the migration of {subject.name}?</Text>,
      children: (
        <Text size="sm">
          libvirt aborts the transfer and {subject.name} keeps running on {subject.host}; what was copied to {targetName} is dropped.
        </Text>
      ),
      labels: { confirm: 'Cancel migration', cancel: 'Keep migrating' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () =>
        cancel.mutate(id, { onError: (e) => notifications.show({ color: 'red', title: 'Cancel failed', message: errorMessage(e) }) }),
    });

  const close = () => {
    if (job?.state === 'running')
      notifications.show({
        color: 'blue',
        title: job.title,
        message: 'Still running: follow it under Jobs (closing stops nothing).',
        autoClose: 4000,
      });
    onClose();
  };

  const blocked = (p?.blockers.length ?? 0) > 0;
  const canStart = target !== null && !!p && !blocked && Object.keys(problems).length === 0;

  let body;
  if (job) {
    const running = job.state === 'running';
    body = (
      <Stack gap="md" data-testid="migrate-running" data-state={job.state}>
        <Text size="sm">
          {subject.name}: {subject.host} <IconArrowRight size={12} style={{ verticalAlign: 'middle' }} /> {targetName}
        </Text>
        <MigrationProgress job={job} />
        <MigrationOutcome job={job} machine={subject.name} source={subject.host} target={targetName} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            {running && options.postcopy && live && !postcopy.isSuccess && (
              <Button
                variant="light"
                loading={postcopy.isPending}
                disabled={job.cancelRequested}
                onClick={() => postcopy.mutate(job.id)}
                data-testid="migrate-postcopy"
              >
                Switch to post-copy
              </Button>
            )}
            {running && job.cancellable && (
              <Button
                variant="light"
                color="red"
                loading={cancel.isPending}
                disabled={job.cancelRequested}
                onClick={() => confirmCancel(job.id)}
                data-testid="migrate-cancel"
              >
                Cancel migration
              </Button>
            )}
          </Group>
          <Group gap="xs">
            <Button variant={job.state === 'succeeded' ? 'default' : 'filled'} onClick={close} data-testid="migrate-close">
              Close
            </Button>
            {job.state === 'succeeded' && targetId && (
              <Button
                rightSection={<IconArrowRight size={16} />}
                onClick={() => {
                  onClose();
                  go(machinePath(targetId, subject.uuid));
                }}
                data-autofocus
                data-testid="migrate-open-target"
              >
                Open on {targetName}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="md" data-testid="migrate-form">
        <TargetHostSelect items={targets.items} value={target} onChange={setTarget} />
        {!targets.isPending && targets.items.length === 0 && (
          <Alert color="gray" variant="light" data-testid="migrate-no-target">
            Connect another host (Connections) to move {subject.name} there.
          </Alert>
        )}
        {target !== null &&
          (plan.isPending ? (
            <Skeleton h={96} data-testid="migrate-plan-loading" />
          ) : plan.isError ? (
            <Alert color="red" variant="light" title="No plan" data-testid="migrate-plan-error">
              {errorMessage(plan.error)}
            </Alert>
          ) : p ? (
            <PlanView plan={p} copyStorage={options.copyStorage} />
          ) : null)}
        {p && !blocked && (
          <MigrationOptionsFields
            value={options}
            onChange={(next) => {
              if (next.copyStorage !== options.copyStorage) setCopyTouched(true);
              setForm(next);
            }}
            running={live}
            offerCopyStorage={hasCopyDisk}
          />
        )}
        {start.isError && (
          <Alert color="red" variant="light" title="Not started" data-testid="migrate-start-error">
            {errorMessage(start.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="migrate-dismiss">
            Cancel
          </Button>
          <Button disabled={!canStart} loading={start.isPending} onClick={() => start.mutate()} data-testid="migrate-start">
            Start migration
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Modal opened onClose={close} size="lg" title={<Text fw={600}>Migrate {subject.name}</Text>}>
      <div data-testid="migrate-dialog">{body}</div>
    </Modal>
  );
}
