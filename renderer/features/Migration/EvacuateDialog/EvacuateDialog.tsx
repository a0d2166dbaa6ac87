/**
 * Evacuate… from a host's page: every running machine with where it would
 * go (hosts.evacuationPlan: the user's pick, else the host with the most free
 * memory), a target per machine, the options, and "Put host in maintenance"
 * (on by default). Confirmed, hosts.evacuate runs them one after another as
 * one job; its steps show each machine's outcome as it comes.
 */
import { Alert, Button, Checkbox, Divider, Group, Modal, ScrollArea, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, invoke } from '../../../api';
import { applyJobs } from '../../Jobs/cache-sync';
import { useCancelJob, useConnectionName, useJob, useTargetHosts } from '../hooks';
import { MigrationOptionsFields } from '../MigrationOptionsFields/MigrationOptionsFields';
import { MigrationProgress } from '../MigrationProgress/MigrationProgress';
import { defaultOptions, optionProblems, toMigrationOptions, type OptionsForm } from '../options';
import { migrationQueries } from '../queries';

type Pick = { uuid: string; targetConnectionId: string };

export function EvacuateDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const client = useQueryClient();
  const hostName = useConnectionName(connectionId) ?? 'this host';
  const targets = useTargetHosts([connectionId]);
  const [picks, setPicks] = useState<Pick[]>([]);
  const [form, setForm] = useState<OptionsForm>(() => defaultOptions({ copyStorage: true }));
  const [maintenance, setMaintenance] = useState(true);
  const [jobId, setJobId] = useState<string | null>(null);
  const plan = useQuery({
    ...migrationQueries.evacuation(connectionId, picks),
    enabled: jobId === null,
    placeholderData: keepPreviousData,
  });
  const items = plan.data ?? [];
  const movable = items.filter((i) => i.targetConnectionId !== null).length;
  const problems = optionProblems(form);

  const pick = (uuid: string, target: string | null) => {
    if (!target) return;
    setPicks((prev) => [...prev.filter((p) => p.uuid !== uuid), { uuid, targetConnectionId: target }]);
  };

  const start = useMutation({
    mutationFn: async () => {
      // First, so nothing new starts there while the machines leave.
      if (maintenance) await invoke('hosts.setMaintenance', { connectionId, maintenance: true });
      return invoke('hosts.evacuate', {
        connectionId,
        // Exactly what the dialog shows: every machine with its target.
        targets: items.flatMap((i) => (i.targetConnectionId ? [{ uuid: i.uuid, targetConnectionId: i.targetConnectionId }] : [])),
        options: toMigrationOptions(form),
      });
    },
    onSuccess: (job) => {
      applyJobs(client, [job]);
      setJobId(job.id);
    },
  });
  const job = useJob(jobId) ?? start.data;
  const cancel = useCancelJob();

  const confirmStart = () =>
    modals.openConfirmModal({
      title: <Text fw={600}>Evacuate {hostName}?</Text>,
      children: (
        <Text size="sm">
          {items.length} running machine{items.length === 1 ? '' : 's'} move{items.length === 1 ? 's' : ''} off {hostName}, one after
          another
          {maintenance ? `; ${hostName} goes into maintenance first, so nothing new starts there` : ''}. A machine that fails to move keeps
          running where it is, and the next one goes on.
        </Text>
      ),
      labels: { confirm: 'Evacuate', cancel: 'Back' },
      confirmProps: { color: 'orange', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () => start.mutate(),
    });
  const confirmCancel = (id: string) =>
    modals.openConfirmModal({
      title: <Text fw={600}>Stop the evacuation of {hostName}?</Text>,
      children: (
        <Text size="sm">The machine moving now is brought back (it keeps running on {hostName}); the ones not started stay there.</Text>
      ),
      labels: { confirm: 'Stop evacuation', cancel: 'Keep going' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () =>
        cancel.mutate(id, { onError: (e) => notifications.show({ color: 'red', title: 'Cancel failed', message: errorMessage(e) }) }),
    });

  const close = () => {
    if (job?.state === 'running')
      notifications.show({ color: 'blue', title: job.title, message: 'Still running: follow it under Jobs (closing stops nothing).' });
    onClose();
  };

  let body;
  if (job) {
    const running = job.state === 'running';
    const moved = job.steps.filter((s) => s.state === 'succeeded').length;
    body = (
      <Stack gap="md" data-testid="evacuate-running" data-state={job.state}>
        <MigrationProgress job={job} />
        {!running && (
          <Alert
            color={job.state === 'succeeded' ? 'teal' : job.state === 'cancelled' ? 'gray' : 'red'}
            variant="light"
            icon={job.state === 'succeeded' ? <IconCircleCheck size={18} /> : <IconX size={18} />}
            title={`${moved} of ${job.steps.length} moved`}
            data-testid="evacuate-outcome"
          >
            <Text size="sm">
              {job.state === 'succeeded'
                ? `Every machine it ran has moved; ${hostName} can be serviced.`
                : (job.error?.message ?? 'Cancelled.') + ' The machines not moved still run on ' + hostName + '.'}
            </Text>
          </Alert>
        )}
        <Group justify="space-between">
          {running && job.cancellable ? (
            <Button
              variant="light"
              color="red"
              loading={cancel.isPending}
              disabled={job.cancelRequested}
              onClick={() => confirmCancel(job.id)}
              data-testid="evacuate-cancel"
            >
              Stop evacuation
            </Button>
          ) : (
            <span />
          )}
          <Button onClick={close} data-testid="evacuate-close">
            Close
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm" data-testid="evacuate-form">
        {plan.isPending ? (
          <Skeleton h={80} />
        ) : plan.isError ? (
          <Alert color="red" variant="light" title="No plan" data-testid="evacuate-plan-error">
            {errorMessage(plan.error)}
          </Alert>
        ) : items.length === 0 ? (
          <Alert color="gray" variant="light" data-testid="evacuate-empty">
            No machine runs on {hostName}: nothing to move.
          </Alert>
        ) : (
          <ScrollArea.Autosize mah={260}>
            <Table verticalSpacing={4} data-testid="evacuate-plan">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Machine</Table.Th>
                  <Table.Th w={220}>Goes to</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.uuid} data-testid={`evacuate-item-${i.name}`}>
                    <Table.Td fw={500}>{i.name}</Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`Target for ${i.name}`}
                        placeholder="no host can take it"
                        data={targets.items}
                        value={i.targetConnectionId}
                        onChange={(v) => pick(i.uuid, v)}
                        allowDeselect={false}
                        error={i.targetConnectionId === null}
                        data-testid={`evacuate-target-${i.name}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c={i.targetConnectionId === null ? 'red' : 'dimmed'}>
                        {i.reason}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Divider label="Options" labelPosition="left" />
        <MigrationOptionsFields value={form} onChange={setForm} running offerCopyStorage compact />
        <Checkbox
          label={`Put ${hostName} in maintenance first (nothing new starts there)`}
          checked={maintenance}
          onChange={(e) => setMaintenance(e.currentTarget.checked)}
          data-testid="evacuate-maintenance"
        />
        {start.isError && (
          <Alert color="red" variant="light" title="Not started" data-testid="evacuate-start-error">
            {errorMessage(start.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="evacuate-dismiss">
            Cancel
          </Button>
          <Button
            color="orange"
            disabled={movable === 0 || plan.isFetching || Object.keys(problems).length > 0}
            loading={start.isPending}
            onClick={confirmStart}
            data-testid="evacuate-start"
          >
            Evacuate {movable} machine{movable === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Modal opened onClose={close} size="lg" title={<Text fw={600}>Evacuate {hostName}</Text>}>
      <div data-testid="evacuate-dialog">{body}</div>
    </Modal>
  );
}
