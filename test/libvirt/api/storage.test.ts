/**
 * Storage pools and volumes: reads of the lab pool, checked against virsh,
 * and every mutating call on "apitest-" volumes and pools made here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode } from '../../../electron/libvirt/errors.js';
import { type Pool, type Vol, uuidToString } from '../../../electron/libvirt/protocol/common.js';
import { PoolListFlags, PoolState, VolType } from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, normalizeXml, parseKeyValues, uniqueName, virsh, virshQuiet } from '../../helpers/lab.js';
import { expectDaemonError } from './expect-error.js';
import { removeVolume, volumeXml } from './throwaway.js';

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const ch of it) parts.push(Buffer.from(ch));
  return Buffer.concat(parts);
}

async function* pieces(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.byteLength; at += size) yield data.subarray(at, at + size);
}

describe.skipIf(!lab)('storage pools (reads of the lab pool)', () => {
  let c: LibvirtClient;
  let pool: Pool;
  beforeAll(async () => {
    c = await connectLab('system', { readOnly: true });
    pool = await api.lookupStoragePoolByName(c, lab!.pool);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('lists the same pools as virsh pool-list', async () => {
    const ours = (await api.listAllStoragePools(c)).map((p) => p.name).sort();
    const theirs = virsh(['pool-list', '--all', '--name']).trim().split('\n').filter(Boolean).sort();
    expect(ours).toEqual(theirs);
    const active = (await api.listAllStoragePools(c, PoolListFlags.ACTIVE | PoolListFlags.DIR)).map((p) => p.name);
    expect(active).toContain(lab!.pool);
  });

  it('reads the lab pool like virsh pool-info and pool-dumpxml', async () => {
    const info = await api.getStoragePoolInfo(c, pool);
    const v = parseKeyValues(virsh(['pool-info', '--bytes', pool.name]));
    expect(info.state).toBe(PoolState.RUNNING);
    expect(info.capacity).toBe(BigInt(v.Capacity!));
    expect(uuidToString(pool.uuid)).toBe(v.UUID);
    expect(await api.getStoragePoolAutostart(c, pool)).toBe(v.Autostart === 'yes');
    expect(await api.isStoragePoolPersistent(c, pool)).toBe(v.Persistent === 'yes');
    expect(await api.isStoragePoolActive(c, pool)).toBe(true);
    expect(normalizeXml(await api.getStoragePoolXml(c, pool))).toBe(normalizeXml(virsh(['pool-dumpxml', pool.name])));
    expect(await api.lookupStoragePoolByUuid(c, uuidToString(pool.uuid))).toStrictEqual(pool);
  });

  it('lists the lab volumes like virsh vol-list and finds their pool', async () => {
    const vols = await api.listStorageVolumes(c, pool);
    const theirs = virsh(['vol-list', '--pool', pool.name])
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(vols.map((v) => v.name).sort()).toEqual(theirs.sort());
    expect(await api.lookupStoragePoolByVolume(c, vols[0]!)).toStrictEqual(pool);
    const v = parseKeyValues(virsh(['vol-info', '--bytes', '--pool', pool.name, vols[0]!.name]));
    expect((await api.getStorageVolumeInfo(c, vols[0]!)).capacity).toBe(BigInt(v.Capacity!.split(' ')[0]!));
  });
});

describe.skipIf(!lab)('storage volumes (throwaway, in the lab pool)', () => {
  const name = `${uniqueName('vol')}.raw`;
  const cloneName = name.replace('.raw', '-clone.raw');
  const SIZE = 1 << 20;
  const data = randomBytes(SIZE);
  let c: LibvirtClient;
  let pool: Pool;
  let vol: Vol;

  beforeAll(async () => {
    c = await connectLab('system');
    pool = await api.lookupStoragePoolByName(c, lab!.pool);
  });
  afterAll(async () => {
    await removeVolume(c, pool, name);
    await removeVolume(c, pool, cloneName);
    await c?.close();
  });

  it('creates a volume and finds it by name, key and path', async () => {
    vol = await api.createStorageVolume(c, pool, volumeXml(name, SIZE, 'raw'));
    expect(vol).toMatchObject({ pool: pool.name, name });
    const path = await api.getStorageVolumePath(c, vol);
    expect(path).toBe(`${lab!.poolPath}/${name}`);
    expect(await api.lookupStorageVolumeByName(c, pool, name)).toStrictEqual(vol);
    expect(await api.lookupStorageVolumeByKey(c, vol.key)).toStrictEqual(vol);
    expect(await api.lookupStorageVolumeByPath(c, path)).toStrictEqual(vol);
    expect(await api.getStorageVolumeInfo(c, vol)).toMatchObject({ type: VolType.FILE, capacity: BigInt(SIZE) });
    expect(await api.getStorageVolumeInfo(c, vol, 1)).toMatchObject({ capacity: BigInt(SIZE) }); // GET_PHYSICAL
    expect(await api.getStorageVolumeXml(c, vol)).toContain(`<name>${name}</name>`);
  });

  it('uploads bytes and downloads the same bytes back', async () => {
    await api.uploadVolume(c, vol, pieces(data, 300 * 1024));
    const back = await collect(await api.downloadVolume(c, vol));
    expect(back.byteLength).toBe(SIZE);
    expect(back.equals(data)).toBe(true);
  });

  it('downloads a range, and into a Writable', async () => {
    const part = await collect(await api.downloadVolume(c, vol, { offset: 4096, length: 10_000 }));
    expect(part.equals(data.subarray(4096, 14_096))).toBe(true);
    const got: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        got.push(chunk);
        done();
      },
    });
    expect(await api.downloadVolumeTo(c, vol, sink)).toBe(SIZE);
    expect(Buffer.concat(got).equals(data)).toBe(true);
  });

  it('uploads into the middle of the volume', async () => {
    const patch = Buffer.alloc(8192, 0xab);
    await api.uploadVolume(c, vol, [patch], { offset: 65536, length: patch.byteLength });
    const region = await collect(await api.downloadVolume(c, vol, { offset: 65536 - 4, length: 8200 }));
    expect(region.subarray(4, 8196).equals(patch)).toBe(true);
    expect(region.subarray(0, 4).equals(data.subarray(65532, 65536))).toBe(true);
    data.fill(0xab, 65536, 65536 + 8192);
  });

  it('clones the volume with its content', async () => {
    const clone = await api.cloneStorageVolume(c, pool, volumeXml(cloneName, SIZE, 'raw'), vol);
    expect(clone.name).toBe(cloneName);
    expect((await collect(await api.downloadVolume(c, clone))).equals(data)).toBe(true);
    await api.deleteStorageVolume(c, clone);
    await expectDaemonError(api.lookupStorageVolumeByName(c, pool, cloneName), [ErrorCode.NO_STORAGE_VOL]);
  });

  it('resizes and wipes the volume', async () => {
    await api.resizeStorageVolume(c, vol, 2 * SIZE);
    expect((await api.getStorageVolumeInfo(c, vol)).capacity).toBe(BigInt(2 * SIZE));
    await api.wipeStorageVolume(c, vol);
    const wiped = await collect(await api.downloadVolume(c, vol, { length: SIZE }));
    expect(wiped.equals(Buffer.alloc(SIZE))).toBe(true);
    await api.wipeStorageVolume(c, vol, 0); // ZERO, via WIPE_PATTERN
  });

  it('deletes the volume', async () => {
    await api.refreshStoragePool(c, pool);
    expect((await api.listStorageVolumes(c, pool)).map((v) => v.name)).toContain(name);
    await api.deleteStorageVolume(c, vol);
    await expectDaemonError(api.getStorageVolumeInfo(c, vol), [ErrorCode.NO_STORAGE_VOL]);
  });
});

describe.skipIf(!lab)('storage pool lifecycle (throwaway dir pool)', () => {
  const name = uniqueName('pool');
  const dir = `/tmp/${name}`;
  const xml = `<pool type='dir'><name>${name}</name><target><path>${dir}</path></target></pool>`;
  let c: LibvirtClient;

  beforeAll(async () => {
    c = await connectLab('system');
  });
  afterAll(async () => {
    for (const n of [name, `${name}-t`]) {
      virshQuiet(['pool-destroy', n]);
      virshQuiet(['pool-undefine', n]);
      rmSync(`/tmp/${n}`, { recursive: true, force: true });
    }
    await c?.close();
  });

  it('defines, builds, starts, refreshes, stops, deletes and undefines a pool', async () => {
    const pool = await api.defineStoragePool(c, xml);
    expect(pool.name).toBe(name);
    expect(await api.isStoragePoolActive(c, pool)).toBe(false);
    await api.buildStoragePool(c, pool);
    expect(existsSync(dir)).toBe(true);
    await api.startStoragePool(c, pool);
    expect((await api.getStoragePoolInfo(c, pool)).state).toBe(PoolState.RUNNING);
    await api.setStoragePoolAutostart(c, pool, true);
    expect(await api.getStoragePoolAutostart(c, pool)).toBe(true);
    await api.setStoragePoolAutostart(c, pool, false);
    const v = await api.createStorageVolume(c, pool, volumeXml('apitest-inner.qcow2', 1 << 20, 'qcow2'));
    await api.refreshStoragePool(c, pool);
    expect((await api.listStorageVolumes(c, pool)).map((x) => x.name)).toEqual(['apitest-inner.qcow2']);
    expect(await api.getStorageVolumeXml(c, v)).toContain(`<format type='qcow2'/>`);
    await api.deleteStorageVolume(c, v);
    await api.stopStoragePool(c, pool);
    expect((await api.getStoragePoolInfo(c, pool)).state).toBe(PoolState.INACTIVE);
    await api.deleteStoragePool(c, pool);
    expect(existsSync(dir)).toBe(false);
    await api.undefineStoragePool(c, pool);
    await expectDaemonError(api.lookupStoragePoolByName(c, name), [ErrorCode.NO_STORAGE_POOL]);
  });

  it('creates a transient pool that vanishes when stopped', async () => {
    const tname = `${name}-t`;
    const pool = await api.createStoragePoolXml(c, xml.replaceAll(name, tname), 1 /* WITH_BUILD */);
    expect(await api.isStoragePoolPersistent(c, pool)).toBe(false);
    await api.stopStoragePool(c, pool);
    await expectDaemonError(api.lookupStoragePoolByName(c, tname), [ErrorCode.NO_STORAGE_POOL]);
  });
});
