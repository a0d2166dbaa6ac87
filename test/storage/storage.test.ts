/**
 * storage.* against the lab: the lab pool read-only (its sizes against virsh,
 * which machine uses the lab guest's disk), and everything that changes
 * something on pools of the test's own under the lab's tmp-<unique> dir:
 * create, volumes (create, overlay, resize, clone, delete), the refusals (in
 * use, shrink unconfirmed, too big, bad names and paths) and delete.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, parseKeyValues, requireLab, uniqueName, virsh } from '../helpers/lab.js';
import { machineUsing, tempPoolRoot } from './helpers.js';

const MiB = 1 << 20;

const lines = (out: string) =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
/** "33554432 bytes" -> 33554432 */
const bytesOf = (v: string | undefined) => Number(v?.replace(/ bytes$/, ''));

describe.skipIf(!lab)('storage', () => {
  const L = lab!;
  let c: LibvirtClient;
  let t: TestBackend;
  let connectionId: string;
  const root = lab ? tempPoolRoot() : null;
  const cleanups: (() => Promise<void>)[] = [];

  const newPool = async (what: string) => {
    const name = uniqueName(what);
    root!.pools.push(name);
    return t.call('storage.createPool', { connectionId, spec: { type: 'dir', name, targetPath: join(root!.dir, name) } });
  };
  const volumes = async (pool: string) => (await t.call('storage.volumes', { connectionId, pool })).volumes;

  beforeAll(async () => {
    c = await connectLab('system');
    t = await startTestBackend();
    connectionId = (await t.call('connections.add', { name: 'lab', uri: L.system })).id;
    await t.call('connections.connect', { id: connectionId });
  }, 60_000);

  afterAll(async () => {
    for (const f of cleanups.reverse()) await f().catch(() => undefined);
    root?.cleanup();
    await t?.close();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  it('lists the lab pool with virsh sizes, its host, a health line, and the machine using the guest disk', async () => {
    const pools = await t.call('storage.pools', {});
    const mine = pools.find((p) => p.name === L.pool)!;
    const info = parseKeyValues(virsh(['pool-info', '--bytes', L.pool]));
    expect(mine).toMatchObject({ connectionId, host: 'lab', type: 'dir', state: 'running', targetPath: L.poolPath, autostart: true });
    expect(mine.capacity).toBe(Number(info.Capacity));
    expect(mine.volumeCount).toBe(lines(virsh(['vol-list', L.pool])).length);
    expect(['green', 'amber', 'red']).toContain(mine.health.level);
    expect(mine.health.reasons[0]!.text).toBeTruthy();

    const vols = await volumes(L.pool);
    const disk = vols.find((v) => v.name === `${L.runningGuest}.qcow2`)!;
    expect(disk).toMatchObject({ format: 'qcow2', path: join(L.poolPath, `${L.runningGuest}.qcow2`) });
    expect(disk.usedBy.map((u) => [u.name, u.target])).toContainEqual([L.runningGuest, 'vda']);
    expect(disk.capacity).toBe(bytesOf(parseKeyValues(virsh(['vol-info', '--bytes', '--pool', L.pool, disk.name])).Capacity));
  });

  it('reports the pool types the host supports, the form types marked', async () => {
    const caps = await t.call('storage.capabilities', { connectionId });
    const types = caps.types.map((x) => x.type);
    expect(types).toEqual(expect.arrayContaining(['dir', 'netfs', 'logical']));
    expect(caps.types.find((x) => x.type === 'dir')).toMatchObject({ form: true, volumeFormats: expect.arrayContaining(['qcow2', 'raw']) });
    expect(caps.types.find((x) => x.type === 'iscsi')?.form).toBe(false);
    // virsh's own list of supported types, the same set.
    const supported = [...virsh(['pool-capabilities']).matchAll(/<pool type='([^']+)' supported='yes'>/g)].map((m) => m[1]);
    expect(types.sort()).toEqual(supported.sort());
  });

  it('creates a dir pool, then volumes: create, overlay, grow, shrink only when confirmed, clone, delete', async () => {
    const mark = t.events.mark();
    const pool = await newPool('stg');
    expect(pool).toMatchObject({ type: 'dir', state: 'running', volumeCount: 0, targetPath: join(root!.dir, pool.name) });
    await t.events.waitFor('storage.changed', (p: { pool?: string }) => p.pool === pool.name, 5000, mark);
    expect(parseKeyValues(virsh(['pool-info', pool.name])).State).toBe('running');
    expect(existsSync(join(root!.dir, pool.name))).toBe(true);

    const base = await t.call('storage.createVolume', {
      connectionId,
      pool: pool.name,
      name: 'base.qcow2',
      format: 'qcow2',
      capacity: 4 * MiB,
    });
    expect(base).toMatchObject({ name: 'base.qcow2', format: 'qcow2', capacity: 4 * MiB, usedBy: [], backingPath: null });
    const raw = await t.call('storage.createVolume', { connectionId, pool: pool.name, name: 'data.img', format: 'raw', capacity: 2 * MiB });
    expect(raw.format).toBe('raw');
    const overlay = await t.call('storage.createVolume', {
      connectionId,
      pool: pool.name,
      name: 'top.qcow2',
      format: 'qcow2',
      capacity: 4 * MiB,
      backing: 'base.qcow2',
    });
    expect(overlay.backingPath).toBe(base.path);
    expect(virsh(['vol-dumpxml', '--pool', pool.name, 'top.qcow2'])).toContain(`<path>${base.path}</path>`);

    const grown = await t.call('storage.resizeVolume', { connectionId, pool: pool.name, volume: 'data.img', capacity: 6 * MiB });
    expect(grown.capacity).toBe(6 * MiB);
    expect(bytesOf(parseKeyValues(virsh(['vol-info', '--bytes', '--pool', pool.name, 'data.img'])).Capacity)).toBe(6 * MiB);
    const unconfirmed = await t.fail('storage.resizeVolume', { connectionId, pool: pool.name, volume: 'data.img', capacity: 3 * MiB });
    expect(unconfirmed.code).toBe('invalid-input');
    expect(unconfirmed.message).toMatch(/shrink/);
    expect((await volumes(pool.name)).find((v) => v.name === 'data.img')!.capacity).toBe(6 * MiB);
    const shrunk = await t.call('storage.resizeVolume', {
      connectionId,
      pool: pool.name,
      volume: 'data.img',
      capacity: 3 * MiB,
      shrink: true,
    });
    expect(shrunk.capacity).toBe(3 * MiB);
    expect((await volumes(pool.name)).find((v) => v.name === 'data.img')!.capacity).toBe(3 * MiB);

    const copy = await t.call('storage.cloneVolume', { connectionId, pool: pool.name, volume: 'data.img', name: 'data-copy.img' });
    expect(copy).toMatchObject({ name: 'data-copy.img', format: 'raw', capacity: 3 * MiB });
    const jobs = await t.call('jobs.list', {});
    expect(jobs.some((j) => j.kind === 'disk-copy' && j.state === 'succeeded' && j.title.includes('data-copy.img'))).toBe(true);

    expect((await volumes(pool.name)).map((v) => v.name)).toEqual(['base.qcow2', 'data-copy.img', 'data.img', 'top.qcow2']);
    expect(await t.call('storage.deleteVolume', { connectionId, pool: pool.name, volume: 'data-copy.img' })).toEqual({
      deleted: 'data-copy.img',
    });
    expect(lines(virsh(['vol-list', pool.name])).some((l) => l.startsWith('data-copy.img'))).toBe(false);
  });

  it('refuses to delete a volume or its pool while a machine uses it, naming the machine; force deletes the volume', async () => {
    const pool = await newPool('stg-used');
    const v = await t.call('storage.createVolume', {
      connectionId,
      pool: pool.name,
      name: 'disk.qcow2',
      format: 'qcow2',
      capacity: 4 * MiB,
    });
    await t.call('storage.createVolume', {
      connectionId,
      pool: pool.name,
      name: 'over.qcow2',
      format: 'qcow2',
      capacity: 4 * MiB,
      backing: 'disk.qcow2',
    });
    const over = (await volumes(pool.name)).find((x) => x.name === 'over.qcow2')!;
    const m = await machineUsing(c, over.path);
    cleanups.push(m.remove);

    const listed = await volumes(pool.name);
    expect(listed.find((x) => x.name === 'over.qcow2')!.usedBy).toEqual([{ uuid: m.uuid, name: m.name, target: 'vda' }]);
    // The machine reads disk.qcow2 through its overlay.
    expect(listed.find((x) => x.name === 'disk.qcow2')!.usedBy).toEqual([{ uuid: m.uuid, name: m.name, target: 'vda', via: 'over.qcow2' }]);

    const refused = await t.fail('storage.deleteVolume', { connectionId, pool: pool.name, volume: 'disk.qcow2' });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain(m.name);
    const poolRefused = await t.fail('storage.deletePool', { connectionId, pool: pool.name, deleteVolumes: true });
    expect(poolRefused.code).toBe('conflict');
    expect(poolRefused.message).toContain(m.name);
    expect(lines(virsh(['vol-list', pool.name])).length).toBe(2);
    expect(parseKeyValues(virsh(['pool-info', pool.name])).State).toBe('running');

    expect(await t.call('storage.deleteVolume', { connectionId, pool: pool.name, volume: 'over.qcow2', force: true })).toEqual({
      deleted: 'over.qcow2',
    });
    await m.remove();
    const gone = await t.call('storage.deletePool', { connectionId, pool: pool.name, deleteVolumes: true });
    expect(gone).toEqual({ deleted: pool.name, volumesDeleted: ['disk.qcow2'] });
    expect(lines(virsh(['pool-list', '--all', '--name']))).not.toContain(pool.name);
    expect(existsSync(v.path)).toBe(false);
    expect(existsSync(join(root!.dir, pool.name))).toBe(false);
  });

  it('stops, starts, sets autostart and refreshes a pool; deletes without its data, leaving the directory', async () => {
    const pool = await newPool('stg-life');
    expect((await t.call('storage.stopPool', { connectionId, pool: pool.name })).state).toBe('inactive');
    const stopped = (await t.call('storage.pools', { connectionId })).find((p) => p.name === pool.name)!;
    expect(stopped.health.level).toBe('amber');
    expect(stopped.volumeCount).toBeNull();
    expect((await t.fail('storage.refreshPool', { connectionId, pool: pool.name })).code).toBe('operation-invalid');
    expect((await t.call('storage.startPool', { connectionId, pool: pool.name })).state).toBe('running');
    expect((await t.call('storage.setPoolAutostart', { connectionId, pool: pool.name, autostart: true })).autostart).toBe(true);
    expect(parseKeyValues(virsh(['pool-info', pool.name])).Autostart).toBe('yes');
    const refreshed = await t.call('storage.refreshPool', { connectionId, pool: pool.name });
    expect(refreshed.health.lastRefreshError).toBeNull();
    expect(await t.call('storage.deletePool', { connectionId, pool: pool.name })).toEqual({ deleted: pool.name, volumesDeleted: [] });
    expect(lines(virsh(['pool-list', '--all', '--name']))).not.toContain(pool.name);
    expect(existsSync(join(root!.dir, pool.name))).toBe(true);
  });

  it('refuses bad names, paths and sizes with a clear error, creating nothing', async () => {
    const before = lines(virsh(['pool-list', '--all', '--name'])).sort();
    for (const name of ['a<b>', "x';reboot;'", '$(id)', 'semi;colon', '../up', '.hidden', '']) {
      const e = await t.fail('storage.createPool', { connectionId, spec: { type: 'dir', name, targetPath: join(root!.dir, 'bad') } });
      expect(e.code, name).toBe('invalid-input');
    }
    const dots = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'dir', name: uniqueName('stg'), targetPath: `${root!.dir}/../escape` },
    });
    expect(dots.code).toBe('invalid-input');
    expect(JSON.stringify(dots)).toContain('..');
    const relative = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'dir', name: uniqueName('stg'), targetPath: 'relative/dir' },
    });
    expect(relative.code).toBe('invalid-input');
    expect(lines(virsh(['pool-list', '--all', '--name'])).sort()).toEqual(before);

    const pool = await newPool('stg-bad');
    for (const name of ['v<1>.qcow2', 'v&amp;', '`x`', 'a b']) {
      const e = await t.fail('storage.createVolume', { connectionId, pool: pool.name, name, format: 'qcow2', capacity: MiB });
      expect(e.code, name).toBe('invalid-input');
    }
    const zero = await t.fail('storage.createVolume', { connectionId, pool: pool.name, name: 'zero.qcow2', format: 'qcow2', capacity: 0 });
    expect(zero.code).toBe('invalid-input');
    const huge = await t.fail('storage.createVolume', {
      connectionId,
      pool: pool.name,
      name: 'huge.qcow2',
      format: 'qcow2',
      capacity: pool.available + 1024 * MiB,
    });
    expect(huge.code).toBe('invalid-input');
    expect(huge.message).toMatch(/available.*does not fit/);
    await t.call('storage.createVolume', { connectionId, pool: pool.name, name: 'small.img', format: 'raw', capacity: MiB });
    const tooBig = await t.fail('storage.resizeVolume', {
      connectionId,
      pool: pool.name,
      volume: 'small.img',
      capacity: pool.available + 1024 * MiB,
    });
    expect(tooBig.code).toBe('invalid-input');
    expect(lines(virsh(['vol-list', pool.name])).map((l) => l.split(/\s+/)[0])).toEqual(['small.img']);
    const taken = await t.fail('storage.createVolume', { connectionId, pool: pool.name, name: 'small.img', format: 'raw', capacity: MiB });
    expect(taken.code).toBe('conflict');
    const dup = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'dir', name: pool.name, targetPath: join(root!.dir, 'dup') },
    });
    expect(dup.code).toBe('conflict');
  });

  it('creates a pool from XML for another type only when it checks out', async () => {
    const name = uniqueName('stg-xml');
    const unsupported = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'xml', xml: `<pool type='zfs'><name>${name}</name><source><name>tank</name></source></pool>` },
    });
    expect(unsupported.code).toBe('invalid-input');
    expect(unsupported.message).toMatch(/not supported by this host/);
    const badName = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'xml', xml: `<pool type='dir'><name>a&lt;b</name><target><path>${root!.dir}/x</path></target></pool>` },
    });
    expect(badName.code).toBe('invalid-input');
    const notXml = await t.fail('storage.createPool', { connectionId, spec: { type: 'xml', xml: '<pool type="dir"><name>' } });
    expect(notXml.code).toBe('invalid-input');
    const escape = await t.fail('storage.createPool', {
      connectionId,
      spec: { type: 'xml', xml: `<pool type='dir'><name>${name}</name><target><path>${root!.dir}/../../etc</path></target></pool>` },
    });
    expect(escape.code).toBe('invalid-input');
    expect(lines(virsh(['pool-list', '--all', '--name']))).not.toContain(name);

    root!.pools.push(name);
    const fs = await t.call('storage.createPool', {
      connectionId,
      spec: { type: 'xml', xml: `<pool type='dir'><name>${name}</name><target><path>${root!.dir}/${name}</path></target></pool>` },
    });
    expect(fs).toMatchObject({ name, type: 'dir', state: 'running' });
  });

  it("announces a pool changed outside NovaCron (virsh) as storage.changed, from libvirt's pool events", async () => {
    const name = uniqueName('stg-ext');
    root!.pools.push(name);
    mkdirSync(join(root!.dir, name));
    const mark = t.events.mark();
    virsh(['pool-create-as', name, 'dir', '--target', join(root!.dir, name)]);
    await t.events.waitFor('storage.changed', (p: { pool?: string }) => p.pool === name, 10_000, mark);
    expect((await t.call('storage.pools', { connectionId })).find((p) => p.name === name)).toMatchObject({
      persistent: false,
      state: 'running',
    });
  });

  it('lists a pool consistently while other listings and changes of it run (each listing refreshes the pool)', async () => {
    const pool = await newPool('stg-busy');
    for (const n of ['a.img', 'b.img', 'c.img'])
      await t.call('storage.createVolume', { connectionId, pool: pool.name, name: n, format: 'raw', capacity: MiB });
    const listings = await Promise.all([
      ...Array.from({ length: 6 }, () => volumes(pool.name)),
      t.call('storage.createVolume', { connectionId, pool: pool.name, name: 'd.img', format: 'raw', capacity: MiB }).then(() => null),
      ...Array.from({ length: 6 }, () => volumes(pool.name)),
    ]);
    for (const l of listings) if (l) expect(l.map((v) => v.name)).toEqual(expect.arrayContaining(['a.img', 'b.img', 'c.img']));
    expect((await volumes(pool.name)).map((v) => v.name)).toEqual(['a.img', 'b.img', 'c.img', 'd.img']);
  });

  it('says what is missing: an unknown pool or volume', async () => {
    expect((await t.fail('storage.volumes', { connectionId, pool: uniqueName('none') })).code).toBe('not-found');
    const e = await t.fail('storage.deleteVolume', { connectionId, pool: requireLab().pool, volume: uniqueName('none') });
    expect(e.code).toBe('not-found');
  });
});
