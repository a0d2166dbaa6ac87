/**
 * The `host` label: each connected hypervisor's hostname, asked once when it
 * connects. A sweep that arrives while the answer is pending waits for it (a
 * few hundred ms at most), so a host's series never start without the label
 * and then continue under another label set.
 */
import { api } from '../../../libvirt/index.js';
import type { HostRegistry } from '../../hosts/registry.js';

const LOOKUP_TIMEOUT_MS = 5_000;

type Waiter = (hostName: string | undefined) => void;

export interface HostNames {
  /** Calls `fn` with the hostname (or undefined when unknown) once it is known; waiters run in call order. */
  whenKnown(connectionId: string, fn: Waiter): void;
  close(): void;
}

export function createHostNames(hosts: HostRegistry): HostNames {
  const known = new Map<string, string | undefined>();
  const pending = new Map<string, Waiter[]>();

  function settle(id: string, name: string | undefined): void {
    known.set(id, name);
    const waiters = pending.get(id) ?? [];
    pending.delete(id);
    for (const w of waiters) w(name);
  }

  function lookUp(id: string): void {
    const conn = hosts.tryClient(id);
    if (!conn) return settle(id, undefined);
    pending.set(id, pending.get(id) ?? []);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS);
      timer.unref?.();
    });
    void Promise.race([api.getHostname(conn).catch(() => undefined), timeout]).then((name) => {
      clearTimeout(timer);
      if (pending.has(id)) settle(id, name || undefined);
    });
  }

  const off = hosts.onHost({
    connected: (id) => {
      if (!pending.has(id)) lookUp(id);
    },
  });
  for (const id of hosts.connectedIds()) lookUp(id);

  return {
    whenKnown(id, fn) {
      const list = pending.get(id);
      if (list) return void list.push(fn);
      if (!known.has(id)) {
        lookUp(id);
        return this.whenKnown(id, fn);
      }
      fn(known.get(id));
    },
    close() {
      off();
      for (const id of [...pending.keys()]) settle(id, undefined);
    },
  };
}
