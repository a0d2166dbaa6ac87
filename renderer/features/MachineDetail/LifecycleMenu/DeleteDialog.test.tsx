import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DeletePlan } from '../../../../shared/contract/vm-lifecycle';
import { createTestBackend, installBackend } from '../../../test/test-backend';
import { DeleteDialog } from './DeleteDialog';

const UUID = '11111111-2222-3333-4444-555555555555';
const plan = (over: Partial<DeletePlan> = {}): DeletePlan => ({
  name: 'web-1',
  uuid: UUID,
  running: false,
  persistent: true,
  volumes: [{ target: 'vda', path: '/pool/web-1.qcow2', pool: 'default', volume: 'web-1.qcow2', capacity: 10 * 1024 ** 3 }],
  kept: [{ target: 'sda', path: '/iso/debian.iso', reason: 'a CD-ROM image' }],
  nvram: null,
  snapshots: 2,
  managedSave: false,
  ...over,
});

function renderDialog(p: DeletePlan) {
  const backend = createTestBackend({
    'vms.deletePlan': () => p,
    'vms.delete': (i) => ({ name: 'web-1', deletedVolumes: i.volumes, failedVolumes: [] }),
  });
  installBackend(backend);
  const onDeleted = vi.fn();
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <DeleteDialog connectionId="c1" uuid={UUID} name="web-1" host="kvm01" onClose={() => undefined} onDeleted={onDeleted} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { backend, onDeleted };
}

describe('DeleteDialog', () => {
  it('lists exactly the volumes that go and those kept with their reasons; deletes with the plan’s paths', async () => {
    const { backend, onDeleted } = renderDialog(plan());
    const planEl = await screen.findByTestId('delete-plan');
    expect(within(planEl).getByTestId('delete-volume-web-1.qcow2').textContent).toContain('vda, pool default, 10.0 GiB');
    expect(within(planEl).getByTestId('delete-kept-sda').textContent).toContain('a CD-ROM image');
    expect(planEl.textContent).toContain('the metadata of 2 snapshots');
    expect(planEl.textContent).toContain('kept (tick the box');
    fireEvent.click(screen.getByTestId('delete-with-storage'));
    expect(planEl.textContent).toContain('These volumes are deleted');
    expect(screen.getByTestId('delete-confirm').textContent).toBe('Delete web-1 and its storage');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(backend.callsTo('vms.delete')).toEqual([
      { connectionId: 'c1', uuid: UUID, withStorage: true, volumes: ['/pool/web-1.qcow2'], force: false },
    ]);
  });

  it('without the box, deletes no volume', async () => {
    const { backend } = renderDialog(plan());
    await screen.findByTestId('delete-plan');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    await waitFor(() => expect(backend.callsTo('vms.delete')).toHaveLength(1));
    expect(backend.callsTo('vms.delete')[0]).toMatchObject({ withStorage: false, volumes: [] });
  });

  it('a running machine needs "force it off first" before Delete is possible', async () => {
    renderDialog(plan({ running: true }));
    await screen.findByTestId('delete-plan');
    const button = screen.getByTestId('delete-confirm') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('delete-force'));
    expect(button.disabled).toBe(false);
  });
});
