/** The API layer's own logic, against a codec-faithful fake caller (no daemon needed). */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import { uuidToString } from '../../../electron/libvirt/protocol/common.js';
import { MigrateFlags } from '../../../electron/libvirt/protocol/flags.js';
import { FakeCaller, FakeStream } from './fake-caller.js';

const dom = { name: 'g1', uuid: Uint8Array.from({ length: 16 }, (_, i) => i), id: 3 };
const vol = { pool: 'p', name: 'v', key: '/p/v' };

describe('nparams two-step getters', () => {
  it('getNodeMemoryStats asks for the count, then the values', async () => {
    const c = new FakeCaller({
      NODE_GET_MEMORY_STATS: (a) => {
        const { nparams } = a as { nparams: number };
        return nparams === 0
          ? { params: [], nparams: 2 }
          : {
              params: [
                { field: 'total', value: 100n },
                { field: 'free', value: 40n },
              ],
              nparams: 2,
            };
      },
    });
    expect(await api.getNodeMemoryStats(c)).toEqual({ total: 100n, free: 40n });
    expect(c.calls.map((x) => x.args)).toEqual([
      { nparams: 0, cellNum: -1, flags: 0 },
      { nparams: 2, cellNum: -1, flags: 0 },
    ]);
  });

  it('getNodeCpuStats passes the cpu number', async () => {
    const c = new FakeCaller({
      NODE_GET_CPU_STATS: (a) =>
        (a as { nparams: number }).nparams === 0 ? { params: [], nparams: 1 } : { params: [{ field: 'idle', value: 5n }], nparams: 1 },
    });
    expect(await api.getNodeCpuStats(c, 1)).toEqual({ idle: 5n });
    expect(c.calls[1]!.args).toEqual({ cpuNum: 1, nparams: 1, flags: 0 });
  });

  it('getBlockIoTune ORs in STRING_OKAY on both calls', async () => {
    const c = new FakeCaller({
      DOMAIN_GET_BLOCK_IO_TUNE: (a) =>
        (a as { nparams: number }).nparams === 0
          ? { params: [], nparams: 2 }
          : {
              params: [
                { field: 'total_bytes_sec', type: 4, value: 0n },
                { field: 'group_name', type: 7, value: '' },
              ],
              nparams: 2,
            },
    });
    const params = await api.getBlockIoTune(c, dom, 'vda');
    expect(params.map((p) => p.field)).toEqual(['total_bytes_sec', 'group_name']);
    expect(c.calls.map((x) => (x.args as { flags: number }).flags)).toEqual([4, 4]);
  });
});

describe('domain calls', () => {
  it('maps GET_INFO to named fields and lookups by string UUID to bytes', async () => {
    const c = new FakeCaller({
      DOMAIN_GET_INFO: () => ({ state: 1, maxMem: 2n, memory: 1n, nrVirtCpu: 2, cpuTime: 9n }),
      DOMAIN_LOOKUP_BY_UUID: (a) => ({ dom: { ...dom, uuid: (a as { uuid: Uint8Array }).uuid } }),
    });
    expect(await api.getDomainInfo(c, dom)).toEqual({ state: 1, maxMemKiB: 2n, memoryKiB: 1n, vcpus: 2, cpuTimeNs: 9n });
    const found = await api.lookupDomainByUuid(c, '00010203-0405-0607-0809-0a0b0c0d0e0f');
    expect(uuidToString(found.uuid)).toBe('00010203-0405-0607-0809-0a0b0c0d0e0f');
  });

  it('getAllDomainStats sends defaults and statsToRecord flattens', async () => {
    const c = new FakeCaller({
      CONNECT_GET_ALL_DOMAIN_STATS: () => ({
        retStats: [
          {
            dom,
            params: [
              { field: 'state.state', type: 1, value: 1 },
              { field: 'cpu.time', type: 4, value: 7n },
            ],
          },
        ],
      }),
    });
    const [rec] = await api.getAllDomainStats(c, { stats: 3 });
    expect(api.statsToRecord(rec!)).toEqual({ 'state.state': 1, 'cpu.time': 7n });
    expect(c.calls[0]!.args).toEqual({ doms: [], stats: 3, flags: 0 });
  });

  it('names memory stats by tag', async () => {
    const c = new FakeCaller({
      DOMAIN_MEMORY_STATS: () => ({
        stats: [
          { tag: 6, val: 98304n },
          { tag: 7, val: 5n },
          { tag: 99, val: 1n },
        ],
      }),
    });
    expect(await api.getDomainMemoryStats(c, dom)).toEqual({ actual: 98304n, rss: 5n, tag99: 1n });
  });

  it('rejects negative or fractional sizes before sending', async () => {
    const c = new FakeCaller({});
    await expect(api.setDomainMemory(c, dom, -1)).rejects.toThrow(RangeError);
    await expect(api.resizeStorageVolume(c, vol, 1.5)).rejects.toThrow(RangeError);
    expect(c.calls).toHaveLength(0);
  });
});

describe('migration', () => {
  it('builds typed params and always adds PEER2PEER', async () => {
    const c = new FakeCaller({ DOMAIN_MIGRATE_PERFORM3_PARAMS: () => ({ cookieOut: new Uint8Array(0) }) });
    await api.migrateDomainP2P(c, dom, 'qemu+ssh://dst/system', {
      migrateUri: 'tcp://10.0.0.2',
      bandwidth: 100,
      migrateDisks: ['vda', 'vdb'],
      parallelConnections: 2,
    });
    const args = c.calls[0]!.args as { dconnuri: string; flags: number; params: unknown[]; cookieIn: Uint8Array };
    expect(args.dconnuri).toBe('qemu+ssh://dst/system');
    expect(args.flags).toBe(MigrateFlags.LIVE | MigrateFlags.PEER2PEER);
    expect(args.cookieIn.byteLength).toBe(0);
    expect(args.params).toEqual([
      { field: 'migrate_uri', type: 7, value: 'tcp://10.0.0.2' },
      { field: 'bandwidth', type: 4, value: 100n },
      { field: 'migrate_disks', type: 7, value: 'vda' },
      { field: 'migrate_disks', type: 7, value: 'vdb' },
      { field: 'parallel.connections', type: 1, value: 2 },
    ]);
  });
});

describe('stream calls', () => {
  it('uploadVolume splits chunks at 256 KiB, accepts a Readable and finishes', async () => {
    const c = new FakeCaller({ STORAGE_VOL_UPLOAD: () => undefined });
    const big = new Uint8Array(600 * 1024).fill(7);
    await api.uploadVolume(c, vol, Readable.from([Buffer.from(big), 'tail']), { offset: 4096 });
    const s = c.streams[0]!;
    expect(s.written.map((w) => w.byteLength)).toEqual([262144, 262144, 90112, 4]);
    expect(s.finished).toBe(true);
    expect(c.calls[0]!.args).toMatchObject({ offset: 4096n, length: 0n, flags: 0 });
  });

  it('uploadVolume aborts when the source fails', async () => {
    const c = new FakeCaller({ STORAGE_VOL_UPLOAD: () => undefined });
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(4);
      throw new Error('disk read failed');
    }
    await expect(api.uploadVolume(c, vol, broken())).rejects.toThrow('disk read failed');
    expect(c.streams[0]!.aborted).toBe(true);
    expect(c.streams[0]!.finished).toBe(false);
  });

  it('downloadVolume yields the data, finishes at EOF and aborts on early break', async () => {
    const chunks = [Uint8Array.of(1, 2), Uint8Array.of(3)];
    const c = new FakeCaller({ STORAGE_VOL_DOWNLOAD: () => undefined }, () => new FakeStream(chunks));
    const got: number[] = [];
    for await (const ch of await api.downloadVolume(c, vol)) got.push(...ch);
    expect(got).toEqual([1, 2, 3]);
    expect(c.streams[0]!.finished).toBe(true);

    for await (const _ of await api.downloadVolume(c, vol)) break;
    expect(c.streams[1]!.aborted).toBe(true);
    expect(c.streams[1]!.finished).toBe(false);
  });

  it('takeScreenshot concatenates the stream and reports the MIME type', async () => {
    const c = new FakeCaller(
      { DOMAIN_SCREENSHOT: () => ({ mime: 'image/png' }) },
      () => new FakeStream([Uint8Array.of(0x89, 0x50), Uint8Array.of(0x4e, 0x47)]),
    );
    const shot = await api.takeScreenshot(c, dom, 0);
    expect(shot.mime).toBe('image/png');
    expect([...shot.data]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(c.streams[0]!.finished).toBe(true);
  });

  it('takeScreenshot aborts when the stream fails', async () => {
    const c = new FakeCaller({ DOMAIN_SCREENSHOT: () => ({ mime: null }) }, () => new FakeStream([Uint8Array.of(1), Uint8Array.of(2)], 1));
    await expect(api.takeScreenshot(c, dom)).rejects.toThrow('stream broke');
    expect(c.streams[0]!.aborted).toBe(true);
  });
});
