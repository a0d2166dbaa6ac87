import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dbPrimaryUuid, nameAtHost, names, renderMachines, rowOf, rows, stateOf } from '../../../test/machines';
import { uuid } from '../../../test/fixtures';

/* The Machines screen around its table: the filter, lifecycle actions and live updates (fleet: renderer/test/machines.ts). */

describe('Machines page', () => {
  it('narrows the rows to what the filter names', async () => {
    const { table, user, vms } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    const filter = screen.getByRole('textbox', { name: 'Filter machines' });

    await user.type(filter, 'primary');
    await waitFor(() => expect(nameAtHost(table)).toEqual(['db-primary@kvm01', 'db-primary@kvm02']));
    expect(screen.getByText('2 of 1,000 machines')).toBeTruthy();

    // Every word must match: host and state together.
    await user.clear(filter);
    await user.paste('kvm02 paused');
    const expected = vms.filter((v) => v.connectionId === 'c-kvm02' && v.state === 'paused').length;
    await waitFor(() => expect(screen.getByText(`${expected} of 1,000 machines`)).toBeTruthy());
    expect(rows(table).length).toBeGreaterThan(0);
    for (const r of rows(table)) expect([r.host, r.state]).toEqual(['kvm02', 'paused']);

    await user.clear(filter);
    await user.paste('nothing-like-this');
    await waitFor(() => expect(screen.getByText('No machine matches “nothing-like-this”.')).toBeTruthy());
    expect(rows(table)).toEqual([]);
  });

  it('asks before a destructive action, and runs it on that host only once confirmed', async () => {
    const { table, user, backend } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    const onKvm02 = () => rowOf(table, 'db-primary', 'kvm02');

    await user.click(within(onKvm02()).getByRole('button', { name: 'Force off db-primary' }));
    let dialog = await screen.findByRole('dialog', { name: 'Force off db-primary?' });
    expect(dialog.textContent).toContain('db-primary on kvm02');
    expect(backend.callsTo('vms.act')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(backend.callsTo('vms.act')).toEqual([]);

    await user.click(within(onKvm02()).getByRole('button', { name: 'Force off db-primary' }));
    dialog = await screen.findByRole('dialog', { name: 'Force off db-primary?' });
    expect(backend.callsTo('vms.act')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Force off' }));
    await waitFor(() =>
      expect(backend.callsTo('vms.act')).toEqual([{ connectionId: 'c-kvm02', uuid: dbPrimaryUuid(2), action: 'destroy' }]),
    );

    // The answer updates that row; the same-named machine on kvm01 keeps running.
    await waitFor(() => expect(stateOf(onKvm02())).toBe('shut off'));
    expect(stateOf(rowOf(table, 'db-primary', 'kvm01'))).toBe('running');
  });

  it('runs a harmless action at once, without asking', async () => {
    const { table, user, backend } = await renderMachines();
    await waitFor(() => expect(names(table)).toContain('vm-0001'));
    await user.click(within(rowOf(table, 'vm-0001', 'kvm01')).getByRole('button', { name: 'Start vm-0001' }));
    await waitFor(() => expect(backend.callsTo('vms.act')).toEqual([{ connectionId: 'c-kvm01', uuid: uuid(1, 1), action: 'start' }]));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(stateOf(rowOf(table, 'vm-0001', 'kvm01'))).toBe('running'));
  });

  it('shows a pushed vm.changed in that machine’s row without reloading the list', async () => {
    const { table, backend, vms } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    const reads = backend.callsTo('vms.list').length;
    const target = vms.find((v) => v.name === 'db-primary' && v.connectionId === 'c-kvm02');
    if (!target) throw new Error('the fleet has no db-primary on kvm02');

    backend.emit('vm.changed', { ...target, state: 'paused' });
    await waitFor(() => expect(stateOf(rowOf(table, 'db-primary', 'kvm02'))).toBe('paused'));
    expect(stateOf(rowOf(table, 'db-primary', 'kvm01'))).toBe('running');
    // Paused: that row now offers Resume in place of Pause.
    const row = rowOf(table, 'db-primary', 'kvm02');
    expect(within(row).getByRole('button', { name: 'Resume db-primary' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Pause db-primary' })).toBeNull();
    expect(backend.callsTo('vms.list').length).toBe(reads);
  });
});
