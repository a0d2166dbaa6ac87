/**
 * Capacity of a storage pool being filled, on the lab: a throwaway dir pool
 * on a 256 MiB tmpfs, fully allocated raw volumes created in it one after
 * another (the tmpfs really fills), sampled into a real history store by
 * the monitoring feature's pool sampler at a test-only 1 s interval. The
 * pool's "days until full" is finite and shrinks as it fills.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCapacity } from '../../electron/backend/analytics/capacity/plan.js';
import { createHostRegistry } from '../../electron/backend/hosts/registry.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { openHistoryStore, type HistoryStore } from '../../electron/backend/monitoring/history/index.js';
import { createPoolSampler, type PoolSampler } from '../../electron/backend/monitoring/pools.js';
import { api, LibvirtConnection, type Pool } from '../../electron/libvirt/index.js';
import { requireLab, uniqueName } from '../helpers/lab.js';

requireLab();
const poolName = uniqueName('cap');
const MIB = 1024 * 1024;
let conn: LibvirtConnection;
let mount = '';
let historyDir = '';
let pool: Pool | undefined;
let store: HistoryStore;
let sampler: PoolSampler | undefined;
let appended = 0;

beforeAll(async () => {
  mount = mkdtempSync(join(tmpdir(), 'novacron-cap-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', mount]);
  historyDir = mkdtempSync(join(tmpdir(), 'novacron-cap-history-'));
  store = await openHistoryStore({ dir: historyDir, fsync: false, rawIntervalMs: 1000 });
  conn = await LibvirtConnection.open(requireLab().system);
  pool = await api.createStoragePoolXml(conn, `<pool type='dir'><name>${poolName}</name><target><path>${mount}</path></target></pool>`);
  const registry = createHostRegistry(() => 'lab', createMemoryLogger());
  sampler = createPoolSampler({
    hosts: registry,
    log: createMemoryLogger(),
    intervalMs: 1000,
    append: (s) => {
      appended++;
      store.append(s);
    },
  });
  registry.publisher.connected('local', conn, false);
}, 60_000);

afterAll(async () => {
  sampler?.close();
  if (pool) {
    for (const v of await api.listStorageVolumes(conn, pool).catch(() => [])) await api.deleteStorageVolume(conn, v).catch(() => undefined);
    await api.stopStoragePool(conn, pool).catch(() => undefined);
  }
  await conn?.close();
  await store?.close();
  if (mount) {
    execFileSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
  }
  if (historyDir) rmSync(historyDir, { recursive: true, force: true });
});

async function addVolume(i: number, sizeMiB: number): Promise<void> {
  const bytes = sizeMiB * MIB;
  await api.createStorageVolume(
    conn,
    pool!,
    `<volume><name>fill-${i}.raw</name><capacity unit='bytes'>${bytes}</capacity><allocation unit='bytes'>${bytes}</allocation><target><format type='raw'/></target></volume>`,
  );
}

const ours = async () => {
  const report = await planCapacity(store, [], [{ connectionId: 'local', name: 'lab', pool: poolName }], Date.now());
  return report.items.find((i) => i.pool === poolName);
};

describe('capacity of a pool being filled (lab)', () => {
  it('shows a finite days-until-full that shrinks as the pool fills', async () => {
    // 4 MiB a second: a 256 MiB pool fills in about a minute. The forecaster needs 24 points to choose a trend.
    let i = 0;
    const fill = async (seconds: number) => {
      for (let k = 0; k < seconds; k++) {
        await addVolume(i++, 4);
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    await fill(26);
    const first = await ours();
    await fill(16);
    const second = await ours();
    expect(appended).toBeGreaterThan(35);
    expect(first, JSON.stringify(first)).toMatchObject({ kind: 'pool', status: 'ok', unit: 'B', limit: expect.any(Number) });
    expect(second!.current).toBeGreaterThan(first!.current + 40 * MIB); // allocation really grew
    expect(first!.days).not.toBeNull();
    expect(second!.days).not.toBeNull();
    expect(Number.isFinite(first!.days)).toBe(true);
    // Seconds to minutes away, in days, and less after 16 more seconds of filling.
    expect(first!.days!).toBeLessThan(1 / 24);
    expect(second!.days!).toBeLessThan(first!.days!);
    expect(second!.low!).toBeLessThanOrEqual(second!.days!);
    expect(second!.basis.samples).toBeGreaterThanOrEqual(24);
  }, 90_000);
});
