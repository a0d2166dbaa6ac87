/** Contract-shaped records for component tests. */
import type { Connection, Vm } from '../../shared/types';

export function connection(over: Partial<Connection> & Pick<Connection, 'id' | 'name'>): Connection {
  return {
    uri: 'test:///default',
    autoConnect: false,
    hasStoredSecret: false,
    readOnly: false,
    maintenance: false,
    state: 'disconnected',
    ...over,
  };
}

/** A libvirt-style UUID whose last group counts up, so each (host, n) is unique. */
export function uuid(host: number, n: number): string {
  return `${host.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function vm(over: Partial<Vm> & Pick<Vm, 'connectionId' | 'uuid' | 'name'>): Vm {
  const running = (over.state ?? 'shutoff') === 'running';
  return {
    id: running ? 1 : -1,
    state: 'shutoff',
    vcpus: 2,
    memoryKiB: 2 * 1024 * 1024,
    maxMemoryKiB: 2 * 1024 * 1024,
    persistent: true,
    autostart: false,
    ...over,
  };
}
