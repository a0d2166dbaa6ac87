/**
 * The host registry: the one way services reach a live client. Driven through
 * a real backend against the lab: connecting announces the host, a list is
 * then served through it, disconnecting and removing withdraw it.
 */
import { describe, expect, it } from 'vitest';
import { createHostRegistry } from '../../electron/backend/hosts/registry.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { LibvirtConnection } from '../../electron/libvirt/index.js';
import { requireLab } from '../helpers/lab.js';
import { useTestBackend } from './helpers.js';

const L = requireLab();
const backend = useTestBackend({ autoConnect: false });

describe('host registry', () => {
  it('announces connected and lost hosts, serves their clients, and names the host in errors', async () => {
    const conn = await LibvirtConnection.open(L.system);
    try {
      const names = new Map([['h1', 'hv-one']]);
      const reg = createHostRegistry((id) => names.get(id), createMemoryLogger());
      const seen: string[] = [];
      const off = reg.onHost({ connected: (id, _c, again) => seen.push(`up ${id} ${again}`), lost: (id) => seen.push(`down ${id}`) });
      reg.onHost({
        connected: () => {
          throw new Error('a broken listener must not stop the others');
        },
      });

      expect(() => reg.client('h1')).toThrow(/"hv-one" is not connected/);
      expect(() => reg.client('nope')).toThrow(/No such connection/);
      expect(reg.tryClient('h1')).toBeNull();

      reg.publisher.connected('h1', conn, false);
      expect(reg.client('h1')).toBe(conn);
      expect(reg.connectedIds()).toEqual(['h1']);
      reg.publisher.connected('h1', conn, true);
      reg.publisher.lost('h1');
      reg.publisher.lost('h1'); // already gone: no second notice
      expect(reg.connectedIds()).toEqual([]);
      off();
      reg.publisher.connected('h1', conn, false);
      expect(seen).toEqual(['up h1 false', 'up h1 true', 'down h1']);
    } finally {
      await conn.close();
    }
  });

  it('feeds the VM service: a host connected through the backend lists, a disconnected one is refused', async () => {
    const c = await backend().call('connections.add', { name: 'registry-local', uri: L.system });
    expect((await backend().fail('vms.list', { connectionId: c.id })).code).toBe('not-connected');
    await backend().call('connections.connect', { id: c.id });
    const vms = await backend().call('vms.list', {});
    expect(vms.filter((v) => v.connectionId === c.id).map((v) => v.name)).toEqual(expect.arrayContaining(L.guests));
    await backend().events.waitFor('vms.invalidated', (p: { connectionId: string }) => p.connectionId === c.id);
    await backend().call('connections.remove', { id: c.id });
    expect((await backend().fail('vms.list', { connectionId: c.id })).code).toBe('not-found');
    expect((await backend().call('vms.list', {})).some((v) => v.connectionId === c.id)).toBe(false);
  });
});
