/**
 * The Machines table's bulk "Migrate…": one target for the selection, the
 * options, then one migration.start per machine (each its own job, running
 * side by side in the backend). Each machine's line follows its job; once all
 * are done the outcome is summarised like the other bulk actions'.
 */
import { Alert, Badge, Button, Group, List, Modal, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Job } from '../../../../shared/contract/jobs';
import { errorMessage, invoke } from '../../../api';
import { applyJobs } from '../../Jobs/cache-sync';
import { BulkResultList } from '../../Machines/Bulk/BulkResultDialog';
import type { BulkResult } from '../../Machines/Bulk/run-bulk';
import { isActive, type MigrationSubject } from '../dialogs';
import { useConnectionName, useJobs, useTargetHosts } from '../hooks';
import { MigrationOptionsFields } from '../MigrationOptionsFields/MigrationOptionsFields';
import { defaultOptions, optionProblems, toMigrationOptions, type OptionsForm } from '../options';
import { TargetHostSelect } from '../TargetHostSelect/TargetHostSelect';

type Started = { subject: MigrationSubject; jobId: string } | { subject: MigrationSubject; error: string };

const keyOf = (s: MigrationSubject) => `${s.connectionId}/${s.uuid}`;

function outcome(s: Started, job: Job | undefined, target: string): { state: Job['state'] | 'starting'; message: string } {
  if ('error' in s) return { state: 'failed', message: s.error };
  if (!job) return { state: 'starting', message: 'starting' };
  if (job.state === 'succeeded') return { state: 'succeeded', message: `now on ${target}` };
  if (job.state === 'running') return { state: 'running', message: job.phase };
  return { state: job.state, message: job.error?.message ?? job.state };
}

const COLOR = { starting: 'gray', running: 'blue', succeeded: 'teal', failed: 'red', cancelled: 'gray' } as const;

export function BulkMigrateDialog({ subjects, onClose }: { subjects: MigrationSubject[]; onClose: () => void }) {
  const client = useQueryClient();
  const sources = [...new Set(subjects.map((s) => s.connectionId))];
  // A host that holds every selected machine is no target; one holding some is: those are skipped.
  const targets = useTargetHosts(sources.length === 1 ? sources : []);
  const [target, setTarget] = useState<string | null>(null);
  const [form, setForm] = useState<OptionsForm>(() => defaultOptions({ copyStorage: true }));
  const [started, setStarted] = useState<Started[] | null>(null);
  const [starting, setStarting] = useState(false);
  const jobs = useJobs((started ?? []).flatMap((s) => ('jobId' in s ? [s.jobId] : [])));
  const targetName = useConnectionName(target) ?? 'the target';

  const moving = subjects.filter((s) => s.connectionId !== target);
  const already = subjects.filter((s) => s.connectionId === target);
  const anyLive = moving.some((s) => isActive(s.state));
  const problems = optionProblems(form);

  const run = async () => {
    if (!target) return;
    setStarting(true);
    const out: Started[] = [];
    // One after another: each start plans its machine first and refuses on its own.
    for (const s of moving) {
      try {
        const job = await invoke('migration.start', {
          connectionId: s.connectionId,
          uuid: s.uuid,
          targetConnectionId: target,
          options: toMigrationOptions(form),
        });
        applyJobs(client, [job]);
        out.push({ subject: s, jobId: job.id });
      } catch (e) {
        out.push({ subject: s, error: errorMessage(e) });
      }
      setStarted([...out]);
    }
    setStarting(false);
  };

  let body;
  if (started) {
    const lines = started.map((s) => ({ s, ...outcome(s, 'jobId' in s ? jobs.get(s.jobId) : undefined, targetName) }));
    const done = !starting && lines.every((l) => l.state !== 'running' && l.state !== 'starting');
    const results: BulkResult[] = [
      ...lines.map((l) => ({
        key: keyOf(l.s.subject),
        connectionId: l.s.subject.connectionId,
        uuid: l.s.subject.uuid,
        name: l.s.subject.name,
        host: l.s.subject.host,
        ok: l.state === 'succeeded',
        message: l.message,
      })),
      ...already.map((s) => ({
        key: keyOf(s),
        connectionId: s.connectionId,
        uuid: s.uuid,
        name: s.name,
        host: s.host,
        ok: false,
        message: `already on ${targetName}`,
      })),
    ];
    body = (
      <Stack gap="md" data-testid="bulk-migrate-running" data-done={done}>
        {done ? (
          <BulkResultList results={results} />
        ) : (
          <ScrollArea.Autosize mah={360}>
            <Table verticalSpacing={6} data-testid="bulk-migrate-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Machine</Table.Th>
                  <Table.Th w={120}>From</Table.Th>
                  <Table.Th w="45%">Progress</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l) => {
                  const job = 'jobId' in l.s ? jobs.get(l.s.jobId) : undefined;
                  return (
                    <Table.Tr key={keyOf(l.s.subject)} data-testid={`bulk-migrate-${l.s.subject.name}`} data-state={l.state}>
                      <Table.Td fw={500}>{l.s.subject.name}</Table.Td>
                      <Table.Td c="dimmed">{l.s.subject.host}</Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {l.state === 'running' ? (
                            <Progress
                              size="sm"
                              value={job?.progress == null ? 100 : job.progress * 100}
                              animated
                              striped={job?.progress == null}
                            />
                          ) : (
                            <Badge size="sm" variant="light" color={COLOR[l.state]} style={{ textTransform: 'none' }}>
                              {l.state}
                            </Badge>
                          )}
                          <Text size="xs" c={l.state === 'failed' ? 'red' : 'dimmed'} lineClamp={2}>
                            {l.message}
                          </Text>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose} variant={done ? 'filled' : 'default'} data-testid="bulk-migrate-close">
            {done ? 'Close' : 'Close (they keep running under Jobs)'}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm" data-testid="bulk-migrate-form">
        <TargetHostSelect items={targets.items} value={target} onChange={setTarget} />
        <List size="sm" spacing={0} style={{ maxHeight: 140, overflow: 'auto' }}>
          {subjects.slice(0, 50).map((s) => (
            <List.Item key={keyOf(s)}>
              {s.name}{' '}
              <Text span size="xs" c="dimmed">
                on {s.host}
                {s.connectionId === target ? ' — already there, skipped' : isActive(s.state) ? '' : ' — shut off, moves offline'}
              </Text>
            </List.Item>
          ))}
          {subjects.length > 50 && <List.Item>… and {subjects.length - 50} more</List.Item>}
        </List>
        <Text size="xs" c="dimmed">
          Each machine is planned and started as its own job; one that cannot move (a missing network, no room) is reported and the others
          go on.
        </Text>
        <MigrationOptionsFields value={form} onChange={setForm} running={anyLive || moving.length === 0} offerCopyStorage compact />
        {target !== null && moving.length === 0 && (
          <Alert color="gray" variant="light">
            Every selected machine is on {targetName} already.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={target === null || moving.length === 0 || Object.keys(problems).length > 0}
            loading={starting}
            onClick={() => void run()}
            data-testid="bulk-migrate-start"
          >
            Migrate {moving.length} machine{moving.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text fw={600}>
          {started ? `Migrating to ${targetName}` : `Migrate ${subjects.length} machine${subjects.length === 1 ? '' : 's'}`}
        </Text>
      }
    >
      <div data-testid="bulk-migrate-dialog">{body}</div>
    </Modal>
  );
}
