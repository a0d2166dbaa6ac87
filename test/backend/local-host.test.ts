/**
 * First run on a hypervisor: the backend offers "This machine" when the local
 * libvirt socket exists, adds nothing by itself, and adds and connects it on
 * request, once.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLocalSocket } from '../../electron/backend/hosts/local.js';
import type { Connection } from '../../shared/types.js';
import { requireLab } from '../helpers/lab.js';
import { removeDir, startTestBackend, useTestBackend } from './helpers.js';

requireLab();
const backend = useTestBackend({ autoConnect: false });

describe('the local hypervisor ("This machine")', () => {
  it('finds the system socket for root and the session socket for anyone else, only where it exists', () => {
    expect(findLocalSocket(true)).toEqual({
      uri: 'qemu:///system',
      socket: expect.stringMatching(/^\/var\/run\/libvirt\/(libvirt|virtqemud)-sock$/),
    });
    expect(existsSync(findLocalSocket(true)!.socket)).toBe(true);
    expect(findLocalSocket(true, () => false)).toBeNull();
    const session = findLocalSocket(false, (p) => p.endsWith('/libvirt/libvirt-sock'));
    expect(session?.uri).toBe('qemu:///session');
    expect(session?.socket).not.toMatch(/^\/var\/run/);
  });

  it('is offered but not added until asked, then added and connected once', async () => {
    expect(await backend().call('connections.localHost', {})).toMatchObject({ uri: 'qemu:///system', added: false });
    expect(await backend().call('connections.list', {})).toEqual([]);

    const c = await backend().call('connections.addLocal', {});
    expect(c).toMatchObject({ name: 'This machine', uri: 'qemu:///system', state: 'connected', autoConnect: true });
    await backend().events.waitFor<Connection>('connection.changed', (p) => p.id === c.id && p.state === 'connected');
    expect((await backend().call('vms.list', { connectionId: c.id })).map((v) => v.name)).toEqual(
      expect.arrayContaining(requireLab().guests),
    );
    expect(await backend().call('connections.localHost', {})).toMatchObject({ added: true });

    // A second click connects the same record rather than adding another.
    await backend().call('connections.disconnect', { id: c.id });
    const again = await backend().call('connections.addLocal', {});
    expect(again.id).toBe(c.id);
    expect(again.state).toBe('connected');
    expect((await backend().call('connections.list', {})).length).toBe(1);
  });

  it('keeps a user\'s own "This machine" record and picks another name for the local one', async () => {
    const d = await startTestBackend({ autoConnect: false });
    try {
      await d.call('connections.add', { name: 'This machine', uri: requireLab().testHost });
      const c = await d.call('connections.addLocal', {});
      expect(c.name).toBe('This machine (qemu:///system)');
      expect((await d.call('connections.list', {})).map((x) => x.name).sort()).toEqual(['This machine', 'This machine (qemu:///system)']);
    } finally {
      await d.close();
      await removeDir(d.dataDir);
    }
  });
});
