/**
 * The migration's pure parts: options to libvirt's flags and parameters, job
 * statistics to figures, evacuation targets, and which calls a host in
 * maintenance refuses.
 */
import { describe, expect, it } from 'vitest';
import { MigrationOptions } from '../../shared/contract/migration.js';
import { chooseTargets } from '../../electron/backend/migration/evacuate.js';
import { startsOn } from '../../electron/backend/migration/maintenance.js';
import { liveMigrationFlags, liveMigrationParams } from '../../electron/backend/migration/options.js';
import { readMigrationProgress } from '../../electron/backend/migration/progress.js';
import { peerUri } from '../../electron/backend/migration/live.js';
import { buildMigrateParams, MigrateFlags } from '../../electron/libvirt/index.js';

const opts = (o: Partial<MigrationOptions> = {}) => MigrationOptions.parse(o);
const running = { running: true, persistent: true, copyDisks: ['vda'] };

describe('migration options', () => {
  it('moves a persistent machine for good, live, and aborts on a disk error', () => {
    const f = liveMigrationFlags(opts(), running);
    expect(f & MigrateFlags.LIVE).toBeTruthy();
    expect(f & MigrateFlags.PERSIST_DEST).toBeTruthy();
    expect(f & MigrateFlags.UNDEFINE_SOURCE).toBeTruthy();
    expect(f & MigrateFlags.ABORT_ON_ERROR).toBeTruthy();
    expect(f & (MigrateFlags.PEER2PEER | MigrateFlags.NON_SHARED_DISK | MigrateFlags.COMPRESSED)).toBe(0);
    expect(liveMigrationParams(opts(), running)).toEqual({});
  });

  it('leaves a transient machine transient', () => {
    const f = liveMigrationFlags(opts(), { ...running, persistent: false });
    expect(f & (MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE)).toBe(0);
  });

  it('maps the slow-link options to their flags and parameters', () => {
    const o = opts({
      copyStorage: true,
      compression: 'zstd',
      parallelConnections: 4,
      bandwidthMiBps: 12,
      autoConverge: true,
      postcopy: true,
    });
    const f = liveMigrationFlags(o, running);
    for (const bit of [
      MigrateFlags.NON_SHARED_DISK,
      MigrateFlags.COMPRESSED,
      MigrateFlags.PARALLEL,
      MigrateFlags.AUTO_CONVERGE,
      MigrateFlags.POSTCOPY,
    ]) {
      expect(f & bit, `flag ${bit}`).toBeTruthy();
    }
    const p = liveMigrationParams(o, running);
    expect(p).toEqual({ bandwidth: 12, migrateDisks: ['vda'], compression: ['zstd'], parallelConnections: 4 });
    // one typed parameter per disk and per method, as libvirt reads them
    expect(buildMigrateParams(p).map((t) => t.field)).toEqual(['bandwidth', 'migrate_disks', 'compression', 'parallel.connections']);
    const x = liveMigrationParams(opts({ compression: 'xbzrle' }), running);
    expect(x).toEqual({ compression: ['xbzrle'] });
    expect(liveMigrationFlags(opts({ compression: 'xbzrle' }), running) & MigrateFlags.PARALLEL).toBe(0);
  });

  it('does not copy storage a machine does not have', () => {
    const none = { ...running, copyDisks: [] };
    expect(liveMigrationFlags(opts({ copyStorage: true }), none) & MigrateFlags.NON_SHARED_DISK).toBe(0);
    expect(liveMigrationParams(opts({ copyStorage: true }), none)).toEqual({});
  });

  it('tunnels only peer to peer', () => {
    expect(liveMigrationFlags(opts({ tunnelled: true }), running) & MigrateFlags.TUNNELLED).toBe(0);
    const f = liveMigrationFlags(opts({ p2p: true, tunnelled: true }), running);
    expect(f & MigrateFlags.PEER2PEER && f & MigrateFlags.TUNNELLED).toBeTruthy();
  });

  it('refuses nonsense at the boundary', () => {
    expect(MigrationOptions.safeParse({ bandwidthMiBps: 0 }).success).toBe(false);
    expect(MigrationOptions.safeParse({ compression: 'lz4' }).success).toBe(false);
    expect(MigrationOptions.safeParse({ maxDowntimeMs: -5 }).success).toBe(false);
    expect(MigrationOptions.safeParse({ parallelConnections: 1 }).success).toBe(false);
  });

  it('gives the source daemon the target URI without client-side parameters', () => {
    expect(peerUri('qemu+ssh://root@10.250.0.12/system?keyfile=/k&no_tty=1')).toBe('qemu+ssh://root@10.250.0.12/system');
    expect(peerUri('qemu+tcp://10.250.0.12/system')).toBe('qemu+tcp://10.250.0.12/system');
  });
});

describe('migration progress', () => {
  it('reads the memory pass, what is left and the expected downtime', () => {
    const p = readMigrationProgress({
      data_total: 110n * 1048576n,
      data_processed: 80n * 1048576n,
      data_remaining: 20n * 1048576n,
      memory_processed: 80n * 1048576n,
      memory_remaining: 20n * 1048576n,
      memory_iteration: 2n,
      memory_dirty_rate: 1500n,
      downtime: 42n,
      time_elapsed: 900n,
    });
    expect(p.progress).toBeCloseTo(0.8);
    expect(p.phase).toBe('copying memory, pass 2, 20.0 MiB left');
    expect(p.detail).toMatchObject({
      dataProcessed: 80 * 1048576,
      memoryDirtyRate: 1500,
      expectedDowntimeMs: 42,
      memoryIteration: 2,
      elapsedMs: 900,
    });
  });

  it('says disks while only disks move, and has no progress without figures', () => {
    expect(readMigrationProgress({ disk_remaining: 64n * 1048576n, memory_processed: 0n }).phase).toBe('copying disks, 64 MiB left');
    const empty = readMigrationProgress({});
    expect(empty.progress).toBeNull();
    expect(empty.phase).toBe('setting up the transfer');
    expect(readMigrationProgress({}, true).phase).toMatch(/^post-copy/);
  });
});

describe('evacuation targets', () => {
  const hostsFree = [
    { connectionId: 'b', name: 'B', freeMemoryKiB: 4_000_000, maintenance: false },
    { connectionId: 'c', name: 'C', freeMemoryKiB: 3_000_000, maintenance: false },
    { connectionId: 'd', name: 'D', freeMemoryKiB: 9_000_000, maintenance: true },
  ];
  it('sends each machine to the host with the most memory left, counting those already sent', () => {
    const items = chooseTargets(
      [
        { uuid: '1', name: 'small', memoryKiB: 500_000 },
        { uuid: '2', name: 'big', memoryKiB: 2_000_000 },
        { uuid: '3', name: 'mid', memoryKiB: 1_000_000 },
      ],
      hostsFree,
    );
    // big first: B (4.0 -> 2.0); mid: C (3.0 -> 2.0); small: B and C tie at 2.0, the first wins
    expect(items.map((i) => [i.name, i.targetConnectionId])).toEqual([
      ['small', 'b'],
      ['big', 'b'],
      ['mid', 'c'],
    ]);
    expect(items.every((i) => i.targetConnectionId !== 'd')).toBe(true); // maintenance takes nothing
  });

  it('keeps the user picks and the default target, and says when nothing can take a machine', () => {
    const picked = chooseTargets([{ uuid: '1', name: 'a', memoryKiB: 1 }], hostsFree, new Map([['1', 'c']]));
    expect(picked[0]).toMatchObject({ targetConnectionId: 'c', reason: 'chosen' });
    const fallback = chooseTargets([{ uuid: '1', name: 'a', memoryKiB: 1 }], hostsFree, new Map(), 'c');
    expect(fallback[0]).toMatchObject({ targetConnectionId: 'c', reason: 'the default target' });
    const nowhere = chooseTargets([{ uuid: '1', name: 'a', memoryKiB: 1 }], [hostsFree[2]!]);
    expect(nowhere[0]).toMatchObject({ targetConnectionId: null });
  });
});

describe('maintenance', () => {
  it('names the hosts a call would start something new on', () => {
    expect(startsOn('vms.act', { connectionId: 'a', action: 'start' })).toEqual(['a']);
    expect(startsOn('vms.act', { connectionId: 'a', action: 'shutdown' })).toEqual([]);
    expect(startsOn('vms.bulk', { action: 'start', items: [{ connectionId: 'a' }, { connectionId: 'b' }] })).toEqual(['a', 'b']);
    expect(startsOn('vms.bulk', { action: 'destroy', items: [{ connectionId: 'a' }] })).toEqual([]);
    expect(startsOn('vms.create', { connectionId: 'a' })).toEqual(['a']);
    expect(startsOn('migration.start', { connectionId: 'a', targetConnectionId: 'b' })).toEqual(['b']);
    expect(startsOn('hosts.evacuate', { connectionId: 'a', defaultTarget: 'b', targets: [{ targetConnectionId: 'c' }] })).toEqual([
      'b',
      'c',
    ]);
    expect(startsOn('vms.delete', { connectionId: 'a' })).toEqual([]);
  });
});
