/**
 * Tags and notes in the domain's <metadata> (NovaCron's namespace), on
 * throwaway guests: validation, live + config for a running machine, config
 * for a shut-off one, a backend restart, and a second independent backend
 * (another data dir: "another workstation") that sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryEntry } from '../../shared/contract/inventory.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { NOVACRON_METADATA_URI } from '../../electron/backend/xml/index.js';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, requireLab, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';

async function backendWithLab(dataDir?: string): Promise<{ t: TestBackend; connectionId: string }> {
  const t = await startTestBackend(dataDir ? { dataDir } : {});
  const existing = (await t.call('connections.list', {}))[0];
  const connectionId = existing?.id ?? (await t.call('connections.add', { name: 'lab', uri: requireLab().system })).id;
  await t.call('connections.connect', { id: connectionId });
  return { t, connectionId };
}

describe.skipIf(!lab)('inventory: tags and notes', () => {
  let c: LibvirtClient;
  let off: Guest;
  let running: Guest;
  let a: { t: TestBackend; connectionId: string };
  const dirs: string[] = [];

  const entryOf = (list: InventoryEntry[], g: Guest) => list.find((e) => e.uuid === g.uuid);

  beforeAll(async () => {
    c = await connectLab('system');
    off = await makeGuest(c, 'inv-off', { disk: null });
    running = await makeGuest(c, 'inv-run', { disk: null, start: true });
    a = await backendWithLab();
    dirs.push(a.t.dataDir);
  }, 60_000);

  afterAll(async () => {
    await a?.t.close();
    await off?.remove();
    await running?.remove();
    await c?.close();
    for (const d of dirs) await removeDir(d);
  });

  it("writes tags and a note into the shut-off machine's persistent XML", async () => {
    const { t, connectionId } = a;
    const mark = t.events.mark();
    const e = await t.call('inventory.setTags', { connectionId, uuid: off.uuid, tags: ['web', 'prod eu'] });
    expect(e).toMatchObject({ name: off.name, tags: ['web', 'prod eu'], note: '' });
    await t.events.waitFor('inventory.changed', (p: InventoryEntry) => p.uuid === off.uuid, 5000, mark);
    await t.call('inventory.setNote', { connectionId, uuid: off.uuid, note: 'owner: ops\nticket <123> & "more"' });
    const xml = virsh(['dumpxml', '--inactive', off.name]);
    expect(xml).toContain(`xmlns:novacron="${NOVACRON_METADATA_URI}"`);
    expect(xml).toMatch(/<novacron:tag>prod eu<\/novacron:tag>/);
    expect(virsh(['metadata', off.name, NOVACRON_METADATA_URI, '--config'])).toContain('ticket &lt;123&gt; &amp; "more"');
    const listed = entryOf(await t.call('inventory.list', { connectionId }), off);
    expect(listed).toEqual({
      connectionId,
      uuid: off.uuid,
      name: off.name,
      tags: ['web', 'prod eu'],
      note: 'owner: ops\nticket <123> & "more"',
    });
  });

  it('writes both the live and the persistent definition of a running machine', async () => {
    const { t, connectionId } = a;
    await t.call('inventory.setTags', { connectionId, uuid: running.uuid, tags: ['db'] });
    expect(virsh(['metadata', running.name, NOVACRON_METADATA_URI, '--live'])).toContain('<tag>db</tag>');
    expect(virsh(['metadata', running.name, NOVACRON_METADATA_URI, '--config'])).toContain('<tag>db</tag>');
    // Clearing everything removes our element altogether.
    await t.call('inventory.setTags', { connectionId, uuid: running.uuid, tags: [] });
    expect(virsh(['dumpxml', '--inactive', running.name])).not.toContain(NOVACRON_METADATA_URI);
    await t.call('inventory.setTags', { connectionId, uuid: running.uuid, tags: ['db', 'primary'] });
  });

  it('refuses invalid tags and notes, and a machine that is gone', async () => {
    const { t, connectionId } = a;
    const cases: Array<[string, unknown]> = [
      ['inventory.setTags', { connectionId, uuid: off.uuid, tags: ['x'.repeat(33)] }],
      ['inventory.setTags', { connectionId, uuid: off.uuid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
      ['inventory.setTags', { connectionId, uuid: off.uuid, tags: ['bad\u0007bell'] }],
      ['inventory.setTags', { connectionId, uuid: off.uuid, tags: ['same', 'same'] }],
      ['inventory.setNote', { connectionId, uuid: off.uuid, note: 'n'.repeat(4001) }],
      ['inventory.setNote', { connectionId, uuid: off.uuid, note: 'escape \u001b[31m' }],
    ];
    for (const [m, input] of cases) expect((await t.fail(m, input)).code, JSON.stringify(input).slice(0, 80)).toBe('invalid-input');
    expect((await t.fail('inventory.setTags', { connectionId, uuid: '00000000-0000-4000-8000-000000000001', tags: [] })).code).toBe(
      'not-found',
    );
    // Nothing of the refused writes reached the machine.
    expect(entryOf(await t.call('inventory.list', { connectionId, refresh: true }), off)?.tags).toEqual(['web', 'prod eu']);
  });

  it('keeps them across a backend restart and shows them to a second, independent backend', async () => {
    await a.t.close();
    a = await backendWithLab(a.t.dataDir);
    const again = await a.t.call('inventory.list', { connectionId: a.connectionId });
    expect(entryOf(again, off)?.tags).toEqual(['web', 'prod eu']);
    expect(entryOf(again, running)?.tags).toEqual(['db', 'primary']);

    const b = await backendWithLab(); // its own data dir: nothing shared but the host
    dirs.push(b.t.dataDir);
    try {
      expect(b.connectionId).not.toBe(a.connectionId);
      const seen = await b.t.call('inventory.list', {});
      expect(entryOf(seen, off)).toMatchObject({ tags: ['web', 'prod eu'], note: 'owner: ops\nticket <123> & "more"' });
      expect(entryOf(seen, running)?.tags).toEqual(['db', 'primary']);
      // B edits; A sees it once it re-reads (a refresh, or its periodic re-read).
      await b.t.call('inventory.setNote', { connectionId: b.connectionId, uuid: running.uuid, note: 'from workstation B' });
      expect(entryOf(await a.t.call('inventory.list', { connectionId: a.connectionId, refresh: true }), running)?.note).toBe(
        'from workstation B',
      );
    } finally {
      await b.t.close();
    }
  }, 60_000);

  it('follows lifecycle events: a machine defined or undefined elsewhere appears and goes', async () => {
    const { t, connectionId } = a;
    await t.call('inventory.list', { connectionId });
    const g = await makeGuest(c, 'inv-new', { disk: null });
    try {
      await t.events.waitFor('inventory.changed', (p: InventoryEntry) => p.uuid === g.uuid, 10_000);
      expect(entryOf(await t.call('inventory.list', { connectionId }), g)).toMatchObject({ name: g.name, tags: [] });
    } finally {
      await g.remove();
    }
    const deadline = Date.now() + 10_000;
    while (entryOf(await t.call('inventory.list', { connectionId }), g) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(entryOf(await t.call('inventory.list', { connectionId }), g)).toBeUndefined();
  });
});
