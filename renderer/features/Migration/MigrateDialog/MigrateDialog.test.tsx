import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/contract/jobs';
import type { MigrationPlan } from '../../../../shared/contract/migration';
import { connection } from '../../../test/fixtures';
import { createTestBackend, installBackend } from '../../../test/test-backend';
import { applyJobs } from '../../Jobs/cache-sync';
import type { MigrationSubject } from '../dialogs';
import { MigrateDialog } from './MigrateDialog';

const UUID = '11111111-2222-3333-4444-555555555555';
const subject: MigrationSubject = { connectionId: 'a', uuid: UUID, name: 'web-1', host: 'kvm01', state: 'running', memoryKiB: 1024 * 1024 };

const plan = (over: Partial<MigrationPlan> = {}): MigrationPlan => ({
  name: 'web-1',
  uuid: UUID,
  source: { connectionId: 'a', name: 'kvm01', hostname: null },
  target: { connectionId: 'b', name: 'kvm02', hostname: 'kvm02.lan', freeMemoryKiB: 8 * 1024 * 1024 },
  mode: 'live',
  memoryKiB: 1024 * 1024,
  disks: [{ target: 'vda', path: '/pool/web-1.qcow2', pool: 'default', capacity: 10 * 1024 ** 3, handling: 'copy', targetPool: 'default' }],
  blockers: [],
  warnings: ['the CPU models differ'],
  ...over,
});

const job = (over: Partial<Job> = {}): Job => ({
  id: 'j1',
  kind: 'migrate',
  connectionId: 'a',
  subject: { uuid: UUID, name: 'web-1' },
  title: 'Migrate web-1 to kvm02',
  progress: null,
  phase: 'setting up the transfer',
  state: 'running',
  startedAt: 1,
  finishedAt: null,
  cancellable: true,
  cancelRequested: false,
  result: null,
  detail: null,
  steps: [],
  error: null,
  ...over,
});

function renderDialog(p: MigrationPlan) {
  const backend = createTestBackend({
    'connections.list': () => [
      connection({ id: 'a', name: 'kvm01', state: 'connected' }),
      connection({ id: 'b', name: 'kvm02', state: 'connected' }),
      connection({ id: 'c', name: 'kvm03', state: 'connected', maintenance: true }),
      connection({ id: 'd', name: 'kvm04', state: 'disconnected' }),
    ],
    'migration.plan': () => p,
    'migration.start': () => job(),
    'jobs.list': () => [],
  });
  installBackend(backend);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <ModalsProvider>
          <MigrateDialog subject={subject} onClose={() => undefined} />
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { backend, client, user: userEvent.setup() };
}

async function pickTarget(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByTestId('migrate-target'));
  await user.click(await screen.findByRole('option', { name, hidden: true }));
}

describe('MigrateDialog', () => {
  it('offers the other connected hosts, one in maintenance disabled; shows the plan; starts with the options; follows the job', async () => {
    const { backend, client, user } = renderDialog(plan());
    await user.click(screen.getByTestId('migrate-target'));
    expect(await screen.findByRole('option', { name: 'kvm02', hidden: true })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'kvm03 — in maintenance', hidden: true }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.queryByRole('option', { name: /kvm01|kvm04/, hidden: true })).toBeNull();
    await user.click(screen.getByRole('option', { name: 'kvm02', hidden: true }));

    const planEl = await screen.findByTestId('migrate-plan');
    expect(within(planEl).getByTestId('migrate-plan-mode').textContent).toBe('live');
    expect(within(planEl).getByTestId('migrate-plan-memory').textContent).toContain('1 GiB of 8 GiB free on kvm02');
    expect(within(planEl).getByTestId('migrate-disk-vda').textContent).toContain('copied live (NBD) into pool default');
    expect(screen.getByTestId('migrate-warnings').textContent).toContain('the CPU models differ');
    // A disk to copy and a running machine: copy storage is on by default.
    expect((screen.getByTestId('migrate-opt-copy-storage') as HTMLInputElement).checked).toBe(true);
    // Tunnelled only with peer-to-peer, under Advanced.
    await user.click(screen.getByTestId('migrate-opt-advanced'));
    expect((screen.getByTestId('migrate-opt-tunnelled') as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByTestId('migrate-opt-p2p'));
    await user.click(screen.getByTestId('migrate-opt-tunnelled'));
    await user.click(screen.getByTestId('migrate-opt-postcopy'));
    await user.type(screen.getByTestId('migrate-opt-bandwidth'), '200');

    await user.click(screen.getByTestId('migrate-start'));
    await screen.findByTestId('migrate-running');
    expect(backend.callsTo('migration.start')).toEqual([
      {
        connectionId: 'a',
        uuid: UUID,
        targetConnectionId: 'b',
        options: {
          live: true,
          copyStorage: true,
          compression: 'none',
          bandwidthMiBps: 200,
          autoConverge: false,
          postcopy: true,
          p2p: true,
          tunnelled: true,
        },
      },
    ]);
    expect(screen.getByTestId('migrate-postcopy')).toBeTruthy();

    // The jobs list the dialog reads is settled (its own fetch answered) before job.changed-like updates come.
    await waitFor(() => expect(client.isFetching()).toBe(0));
    const MiB = 1024 * 1024;
    act(() =>
      applyJobs(client, [
        job({
          progress: 0.5,
          phase: 'copying memory, pass 2',
          detail: { dataProcessed: 512 * MiB, dataTotal: 1024 * MiB, memoryBps: 100 * MiB },
        }),
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('migration-phase').textContent).toBe('copying memory, pass 2'));
    expect(screen.getByTestId('migration-figure-data').textContent).toContain('512 MiB of 1 GiB');
    expect(screen.getByTestId('migration-figure-memoryBps').textContent).toContain('100 MiB/s');

    act(() =>
      applyJobs(client, [
        job({
          state: 'succeeded',
          progress: 1,
          phase: 'done',
          finishedAt: 2,
          result: { targetConnectionId: 'b', mode: 'live', downtimeMs: 21 },
        }),
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('migrate-done').textContent).toContain('Now running on kvm02'));
    expect(screen.getByTestId('migrate-open-target').textContent).toBe('Open on kvm02');
    expect(screen.queryByTestId('migrate-cancel')).toBeNull();
  });

  it('refuses to start while the plan has blockers', async () => {
    const { user } = renderDialog(plan({ blockers: ['network "lan" is missing on kvm02'] }));
    await pickTarget(user, 'kvm02');
    expect((await screen.findByTestId('migrate-blockers')).textContent).toContain('network "lan" is missing on kvm02');
    expect((screen.getByTestId('migrate-start') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('migrate-options')).toBeNull();
  });

  it('a failed migration says why and where the machine still runs; cancel asks first', async () => {
    const { backend, client, user } = renderDialog(plan());
    await pickTarget(user, 'kvm02');
    await screen.findByTestId('migrate-plan');
    await user.click(screen.getByTestId('migrate-start'));
    await screen.findByTestId('migrate-running');
    await waitFor(() => expect(client.isFetching()).toBe(0));
    await user.click(screen.getByTestId('migrate-cancel'));
    expect(await screen.findByText('Cancel the migration of web-1?')).toBeTruthy();
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(backend.callsTo('jobs.cancel')).toEqual([]);
    act(() =>
      applyJobs(client, [
        job({ state: 'failed', finishedAt: 2, error: { code: 'libvirt', message: 'the target refused: no room for the disk' } }),
      ]),
    );
    const failed = await screen.findByTestId('migrate-failed');
    expect(failed.textContent).toContain('the target refused: no room for the disk');
    expect(failed.textContent).toContain('web-1 still runs on kvm01');
    expect(screen.queryByTestId('migrate-cancel')).toBeNull();
  });
});
