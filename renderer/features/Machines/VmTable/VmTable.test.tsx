import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dbPrimaryUuid, layOutScrollBox, nameAtHost, names, renderMachines, rowOf, rows } from '../../../test/machines';

/* The Machines table as a person reads and drives it: 1,000 machines on two hosts (see renderer/test/machines.ts). */

describe('Machines table', () => {
  it('shows each machine with its name, host and state, both same-named machines included', async () => {
    const { table } = await renderMachines();
    await waitFor(() => expect(names(table).slice(0, 3)).toEqual(['db-primary', 'db-primary', 'vm-0001']));
    expect(
      rows(table)
        .slice(0, 4)
        .map((r) => [r.name, r.host, r.state]),
    ).toEqual([
      ['db-primary', 'kvm01', 'running'],
      ['db-primary', 'kvm02', 'running'],
      ['vm-0001', 'kvm01', 'shut off'],
      ['vm-0002', 'kvm02', 'paused'],
    ]);
    expect(screen.getByText('1,000 machines')).toBeTruthy();
    expect(screen.getByText(/on 2 connected hosts/)).toBeTruthy();
  });

  it('keeps only a window of the 1,000 rows in the DOM, and moves it when scrolled', async () => {
    const { table } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    // Assistive technology is told the full count…
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    // …while the DOM holds a screenful plus overscan.
    const before = names(table);
    expect(before.length).toBeGreaterThan(10);
    expect(before.length).toBeLessThan(50);
    expect(before).not.toContain('vm-0500');

    const box = layOutScrollBox(table);
    box.scrollTop = 20_000; // 500 rows of 40px down
    fireEvent.scroll(box);
    await waitFor(() => expect(names(table)).toContain('vm-0500'));
    const after = names(table);
    expect(after).not.toContain('db-primary');
    expect(after.length).toBeLessThan(50);
  });

  it('sorts by the column whose header is clicked, and reverses on a second click', async () => {
    const { table, user } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    // Looked up in the table's head only: role queries are slow over the whole page in jsdom.
    const head = within((table as HTMLTableElement).tHead ?? table);
    const nameHeader = head.getByRole('columnheader', { name: /Name/ });
    const hostHeader = head.getByRole('columnheader', { name: /Host/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(names(table).slice(0, 3)).toEqual(['vm-0998', 'vm-0997', 'vm-0996']));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');

    await user.click(within(hostHeader).getByRole('button'));
    await waitFor(() => expect(nameAtHost(table).slice(0, 3)).toEqual(['db-primary@kvm01', 'vm-0001@kvm01', 'vm-0003@kvm01']));
    expect(hostHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(nameHeader.getAttribute('aria-sort')).toBe('none');

    await user.click(within(hostHeader).getByRole('button'));
    await waitFor(() => expect(nameAtHost(table).slice(0, 3)).toEqual(['db-primary@kvm02', 'vm-0002@kvm02', 'vm-0004@kvm02']));
    expect(hostHeader.getAttribute('aria-sort')).toBe('descending');
  });

  it('moves the selection with the arrow keys, Home and End; → moves into the row’s actions, Enter opens the machine', async () => {
    const { table, user, backend } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    layOutScrollBox(table);
    const selected = () => {
      const r = rows(table).find((x) => x.row === document.activeElement);
      return r && `${r.name}@${r.host}`;
    };

    await user.click(within(rowOf(table, 'db-primary', 'kvm01')).getByText('kvm01'));
    expect(selected()).toBe('db-primary@kvm01');
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(selected()).toBe('db-primary@kvm02'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(selected()).toBe('vm-0002@kvm02'));
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(selected()).toBe('vm-0001@kvm01'));

    // The last of 1,000 rows is far outside the window: End renders it, scrolls to it and selects it.
    await user.keyboard('{End}');
    await waitFor(() => expect(selected()).toBe('vm-0998@kvm02'));
    expect(names(table)).not.toContain('db-primary');
    await user.keyboard('{Home}');
    await waitFor(() => expect(selected()).toBe('db-primary@kvm01'));

    // → on a row focuses its first action; it runs nothing.
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(selected()).toBe('db-primary@kvm02'));
    await user.keyboard('{ArrowRight}');
    const row = rowOf(table, 'db-primary', 'kvm02');
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Shut down db-primary' }));
    expect(backend.callsTo('vms.act')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    // Escape goes back to the row; Enter opens the machine's page (its own address).
    await user.keyboard('{Escape}');
    expect(selected()).toBe('db-primary@kvm02');
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe(`#/machines/c-kvm02/${dbPrimaryUuid(2)}`);
    // The name is a link to the same page.
    expect(within(row).getByRole('link', { name: 'db-primary' }).getAttribute('href')).toBe(`#/machines/c-kvm02/${dbPrimaryUuid(2)}`);
  });
});

describe('Machines table selection', () => {
  it('toggles a row with Space, extends with Shift-click and selects every shown row', async () => {
    const { table, user } = await renderMachines();
    await waitFor(() => expect(names(table)[0]).toBe('db-primary'));
    layOutScrollBox(table);
    await user.click(within(rowOf(table, 'db-primary', 'kvm01')).getByText('kvm01'));
    await user.keyboard(' ');
    await waitFor(() => expect(screen.getByTestId('bulk-count').getAttribute('data-count')).toBe('1'));
    expect(rowOf(table, 'db-primary', 'kvm01').getAttribute('aria-selected')).toBe('true');
    // Shift-click the fourth row: rows 1 to 4 are selected.
    const fourth = within(rowOf(table, 'vm-0002', 'kvm02')).getByRole('checkbox');
    await user.keyboard('{Shift>}');
    await user.click(fourth);
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(screen.getByTestId('bulk-count').getAttribute('data-count')).toBe('4'));
    // The header box clears, then selects all 1,000.
    await user.click(screen.getByTestId('vm-select-all'));
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    await user.click(screen.getByTestId('vm-select-all'));
    await waitFor(() => expect(screen.getByTestId('bulk-count').getAttribute('data-count')).toBe('1000'));
  });
});
