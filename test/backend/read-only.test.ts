/**
 * Read-only connections: the flag in the record and the contract, libvirt
 * opening the connection read-only itself (the daemon's own client list says
 * so, and refuses a write made directly on such a connection), and NovaCron
 * refusing every mutation that names it before it runs, bulk ones included.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DomainMetadataType, ErrorCode, LibvirtError, type LibvirtClient } from '../../electron/libvirt/index.js';
import { buildSnapshotXml } from '../../electron/backend/xml/index.js';
import { namedConnections } from '../../electron/backend/hosts/read-only.js';
import { connectLab, lab, requireLab, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { removeDir, startTestBackend, type TestBackend } from './helpers.js';

/** The daemon's clients from this process, and whether each is read-only (virt-admin, as root in the lab). */
function ourDaemonClients(): boolean[] {
  const list = execFileSync('virt-admin', ['-q', 'client-list', 'libvirtd'], { encoding: 'utf8' });
  const ids = list
    .split('\n')
    .map((l) => /^\s*(\d+)\s/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
  const out: boolean[] = [];
  for (const id of ids) {
    let info: string;
    try {
      info = execFileSync('virt-admin', ['client-info', 'libvirtd', id], { encoding: 'utf8' });
    } catch {
      continue; // gone meanwhile
    }
    if (new RegExp(`unix_process_id\\s*:\\s*${process.pid}\\b`).test(info)) out.push(/readonly\s*:\s*yes/.test(info));
  }
  return out;
}

describe('which connections a mutation names', () => {
  it('reads connectionId at the top and in the items of top-level lists only', () => {
    expect(namedConnections({ connectionId: 'a', uuid: 'u' })).toEqual(['a']);
    expect(namedConnections({ action: 'start', items: [{ connectionId: 'a' }, { connectionId: 'b' }, { connectionId: 'a' }] })).toEqual([
      'a',
      'b',
    ]);
    // An alert rule scoped to a host changes NovaCron's settings, not the host.
    expect(namedConnections({ name: 'r', scope: { kind: 'host', connectionId: 'a' } })).toEqual([]);
    expect(namedConnections({ id: 'a' })).toEqual([]);
  });
});

describe.skipIf(!lab)('read-only connections against the lab', () => {
  let c: LibvirtClient;
  let t: TestBackend;
  let ro: string;
  let rw: string;
  let g: Guest;

  beforeAll(async () => {
    c = await connectLab('system');
    g = await makeGuest(c, 'ro', { disk: null });
    t = await startTestBackend();
    const added = await t.call('connections.add', { name: 'lab (read-only)', uri: requireLab().system, readOnly: true });
    expect(added.readOnly).toBe(true);
    ro = added.id;
    rw = (await t.call('connections.add', { name: 'lab', uri: requireLab().system })).id;
    await t.call('connections.connect', { id: ro });
    await t.call('connections.connect', { id: rw });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await g?.remove();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  it('carries the flag in the contract and opens read-only in libvirt itself', async () => {
    const list = await t.call('connections.list', {});
    expect(Object.fromEntries(list.map((x) => [x.name, x.readOnly]))).toEqual({ 'lab (read-only)': true, lab: false });
    // Our process now holds the test's own client (read-write), the backend's read-write one and its read-only one.
    const clients = ourDaemonClients();
    expect(clients.filter((x) => x)).toHaveLength(1);
    // Reads work as usual.
    expect((await t.call('vms.list', { connectionId: ro })).some((v) => v.uuid === g.uuid)).toBe(true);
  });

  it('refuses every mutation naming it, with a clear error, before anything runs', async () => {
    const refusals: Array<[string, Record<string, unknown>]> = [
      ['vms.act', { connectionId: ro, uuid: g.uuid, action: 'start' }],
      ['inventory.setTags', { connectionId: ro, uuid: g.uuid, tags: ['x'] }],
      ['snapshots.create', { connectionId: ro, uuid: g.uuid, name: 's1' }],
      [
        'vms.bulk',
        {
          action: 'start',
          items: [
            { connectionId: rw, uuid: g.uuid },
            { connectionId: ro, uuid: g.uuid },
          ],
        },
      ],
    ];
    for (const [m, input] of refusals) {
      const e = await t.fail(m, input);
      expect(e.code, m).toBe('operation-invalid');
      expect(e.message, m).toMatch(/"lab \(read-only\)" is a read-only connection: NovaCron makes no changes through it/);
    }
    expect(virsh(['domstate', g.name]).trim()).toBe('shut off');
    expect(virsh(['snapshot-list', '--name', g.name]).trim()).toBe('');
    // The same change through the read-write connection goes through.
    await t.call('inventory.setTags', { connectionId: rw, uuid: g.uuid, tags: ['x'] });
  });

  it('is refused by libvirt itself when written to directly', async () => {
    const roClient = await connectLab('system', { readOnly: true });
    try {
      const dom = await api.lookupDomainByName(roClient, g.name);
      for (const write of [
        () => api.setDomainMetadata(roClient, dom, DomainMetadataType.DESCRIPTION, 'nope', null, null, 2),
        () => api.createSnapshot(roClient, dom, buildSnapshotXml({ name: 'nope' })),
        () => api.startDomain(roClient, dom),
      ]) {
        const e = await write().then(
          () => null,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(LibvirtError);
        expect((e as LibvirtError).code).toBe(ErrorCode.OPERATION_DENIED);
        expect((e as LibvirtError).message).toMatch(/operation forbidden: read only access prevents/);
      }
    } finally {
      await roClient.close();
    }
  });

  it('lifts the refusal when the flag is turned off (the live connection is reopened read-write)', async () => {
    const updated = await t.call('connections.update', { id: ro, readOnly: false });
    expect(updated.readOnly).toBe(false);
    const deadline = Date.now() + 10_000;
    while ((await t.call('connections.list', {})).find((x) => x.id === ro)?.state !== 'connected' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(ourDaemonClients().filter((x) => x)).toHaveLength(0);
    await t.call('inventory.setNote', { connectionId: ro, uuid: g.uuid, note: 'writable again' });
    expect(virsh(['metadata', g.name, 'https://novacron.dev/xmlns/vm/1', '--config'])).toContain('writable again');
  });
});
