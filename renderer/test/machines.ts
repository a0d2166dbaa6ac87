/**
 * The Machines screen's test world: 1,000 machines on two connected hosts,
 * served through a test backend, and ways to read the table the way a person
 * reads it (name, host and state of each row on screen).
 *
 * The fleet: vm-0001 … vm-0998 (odd numbers on kvm01, even on kvm02, states
 * cycling running, shut off, paused, running, shut off) and one "db-primary"
 * on each host, both running.
 */
import { screen } from '@testing-library/react';
import type { Vm, VmAction, VmState } from '../../shared/types';
import { connection, uuid, vm } from './fixtures';
import { renderApp } from './render-app';
import { BackendError, createTestBackend } from './test-backend';

export const HOSTS = [
  connection({ id: 'c-kvm01', name: 'kvm01', uri: 'qemu+ssh://root@kvm01.lab/system', state: 'connected' }),
  connection({ id: 'c-kvm02', name: 'kvm02', uri: 'qemu+ssh://root@kvm02.lab/system', state: 'connected' }),
];

const STATES: VmState[] = ['running', 'shutoff', 'paused', 'running', 'shutoff'];

/** The uuid of db-primary on host 1 (kvm01) or 2 (kvm02). */
export const dbPrimaryUuid = (host: 1 | 2) => uuid(host, 5000);

export function fleet(): Vm[] {
  const vms: Vm[] = [];
  for (let n = 1; n <= 998; n++) {
    const host = n % 2 === 1 ? 1 : 2;
    vms.push(
      vm({
        connectionId: `c-kvm0${host}`,
        uuid: uuid(host, n),
        name: `vm-${String(n).padStart(4, '0')}`,
        state: STATES[n % STATES.length] ?? 'shutoff',
      }),
    );
  }
  // Same name on both hosts; listed kvm02 first, so only sorting puts kvm01's first.
  vms.push(vm({ connectionId: 'c-kvm02', uuid: dbPrimaryUuid(2), name: 'db-primary', state: 'running', vcpus: 8 }));
  vms.push(vm({ connectionId: 'c-kvm01', uuid: dbPrimaryUuid(1), name: 'db-primary', state: 'running', vcpus: 4 }));
  return vms;
}

/** What libvirt reports after each action (the backend answers vms.act with the VM as it is then). */
const AFTER: Record<VmAction, VmState> = {
  start: 'running',
  resume: 'running',
  suspend: 'paused',
  shutdown: 'shutoff',
  reboot: 'running',
  reset: 'running',
  destroy: 'shutoff',
};

/** The app on the Machines screen, and the table once the first rows are on screen. */
export async function renderMachines() {
  const vms = fleet();
  const backend = createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
    'connections.list': () => HOSTS,
    'vms.list': ({ connectionId }) => vms.filter((v) => connectionId === undefined || v.connectionId === connectionId),
    'vms.act': ({ connectionId, uuid: id, action }) => {
      const target = vms.find((v) => v.connectionId === connectionId && v.uuid === id);
      if (!target) throw new BackendError({ code: 'not-found', message: 'Domain not found.' });
      return { ...target, state: AFTER[action] };
    },
  });
  const view = renderApp(backend, 'machines');
  // By its label, not its role: a role query over the whole page costs ~100 ms in jsdom, on every poll.
  const table = await screen.findByLabelText('Virtual machines', { selector: 'table' }, { timeout: 5_000 });
  return { ...view, backend, vms, table };
}

export interface RowView {
  row: HTMLTableRowElement;
  name: string | null | undefined;
  host: string | null | undefined;
  state: string | null | undefined;
}

/**
 * The machine rows in the DOM (not the header, not the aria-hidden spacers),
 * as the name, host and state a person reads in the cells after the selection checkbox.
 * Read through the DOM's table API: role queries cost ~50 ms a row in jsdom.
 */
export function rows(table: HTMLElement): RowView[] {
  const body = (table as HTMLTableElement).tBodies[0];
  return [...(body?.rows ?? [])]
    .filter((row) => row.getAttribute('aria-hidden') !== 'true')
    .map((row) => ({ row, name: row.cells[1]?.textContent, host: row.cells[2]?.textContent, state: row.cells[3]?.textContent }));
}

export const names = (table: HTMLElement) => rows(table).map((r) => r.name);
export const nameAtHost = (table: HTMLElement) => rows(table).map((r) => `${r.name}@${r.host}`);

export function rowOf(table: HTMLElement, name: string, host: string): HTMLTableRowElement {
  const found = rows(table).find((r) => r.name === name && r.host === host);
  if (!found) throw new Error(`no row on screen for ${name} on ${host}; rows: ${nameAtHost(table).join(', ')}`);
  return found.row;
}

export const stateOf = (row: HTMLTableRowElement) => row.cells[3]?.textContent;

/**
 * The scroll box's content height as the page's CSS lays it out (36px header,
 * 40px rows, spacer rows as tall as their inline height), which jsdom cannot
 * compute: with it, scrolling (and the virtualizer's scrollToIndex) can reach
 * the bottom rows. The box's own size comes from renderer/test/setup.ts.
 */
export function layOutScrollBox(table: HTMLElement): HTMLElement {
  const box = table.parentElement;
  if (!box) throw new Error('the table has no scroll box');
  Object.defineProperty(box, 'scrollHeight', {
    configurable: true,
    get: () => {
      let height = 36;
      for (const tr of (table as HTMLTableElement).tBodies[0]?.rows ?? []) {
        const spacer = tr.cells.length === 1 ? tr.cells[0]?.style.height : undefined;
        height += spacer ? parseFloat(spacer) : 40;
      }
      return height;
    },
  });
  return box;
}
