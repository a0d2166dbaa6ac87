/**
 * Right-sizing on SYNTHETIC 7-day history (written through the history
 * store's own append, see live-synthetic-history.ts) gives the expected
 * suggestions with their basis and actions; consolidation on a described
 * fleet respects the memory headroom.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestConsolidation } from '../../electron/backend/analytics/rightsize/consolidate.js';
import type { FleetHost } from '../../electron/backend/analytics/rightsize/fleet.js';
import { percentile } from '../../electron/backend/analytics/rightsize/percentile.js';
import { rightsizeFleet } from '../../electron/backend/analytics/rightsize/report.js';
import { openHistoryStore, type HistoryStore } from '../../electron/backend/monitoring/history/index.js';
import { writeSyntheticWeek } from './live-synthetic-history.js';

const GIB = 1048576;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';
const now = Date.now();
let dir = '';
let store: HistoryStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'novacron-rightsize-'));
  store = await openHistoryStore({ dir, fsync: false });
  await writeSyntheticWeek(
    store,
    [
      // A: 4 vCPUs, 8 GiB, barely used.
      {
        connectionId: 'h1',
        uuid: A,
        series: { cpu_pct: (u) => 3 + 6 * u, mem_used_pct: (u) => 15 + 10 * u, net_rx_bps: () => 5e4, net_tx_bps: () => 5e4 },
      },
      // B: saturated CPU and memory.
      {
        connectionId: 'h1',
        uuid: B,
        series: { cpu_pct: (u) => 93 + 7 * u, mem_used_pct: (u) => 92 + 6 * u, net_rx_bps: () => 1e5, net_tx_bps: () => 1e5 },
      },
      // C: idle (CPU under 1%, a trickle of network), memory moderately used.
      {
        connectionId: 'h1',
        uuid: C,
        series: { cpu_pct: (u) => 0.2 + 0.5 * u, mem_used_pct: (u) => 55 + 5 * u, net_rx_bps: () => 100, net_tx_bps: () => 50 },
      },
      // D: well sized.
      {
        connectionId: 'h1',
        uuid: D,
        series: { cpu_pct: (u) => 30 + 40 * u, mem_used_pct: (u) => 55 + 20 * u, net_rx_bps: () => 1e6, net_tx_bps: () => 1e6 },
      },
    ],
    now,
  );
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const fleet: FleetHost[] = [
  {
    connectionId: 'h1',
    name: 'one',
    memoryKiB: 64 * GIB,
    cpus: 16,
    machines: [
      { uuid: A, name: 'a', vcpus: 4, memoryKiB: 8 * GIB, running: true },
      { uuid: B, name: 'b', vcpus: 2, memoryKiB: 4 * GIB, running: true },
      { uuid: C, name: 'c', vcpus: 1, memoryKiB: 2 * GIB, running: true },
      { uuid: D, name: 'd', vcpus: 2, memoryKiB: 4 * GIB, running: true },
    ],
  },
];

describe('right-sizing (synthetic 7-day history in a real store)', () => {
  it('suggests fewer vCPUs and less memory, more of both, and shutting down the idle machine', async () => {
    const r = await rightsizeFleet(store, fleet, { idleDays: 3, idleNetBps: 2048, headroomPct: 20 }, now);
    const kinds = r.machines.map((s) => `${s.name}:${s.kind}`).sort();
    expect(kinds).toEqual(['a:fewer-vcpus', 'a:less-memory', 'b:more-memory', 'b:more-vcpus', 'c:idle']);
    const fewer = r.machines.find((s) => s.kind === 'fewer-vcpus')!;
    // p95 of 3 + 6u is about 8.7%: one vCPU holds it under the 60% aim.
    expect(fewer.action).toEqual({ method: 'vms.setResources', input: { connectionId: 'h1', uuid: A, vcpus: 1, mode: 'config' } });
    expect(fewer.basis.samples).toBeGreaterThan(7 * 1440 - 5);
    expect(fewer.basis.cpuP95).toBeGreaterThan(8);
    expect(fewer.basis.cpuP95).toBeLessThan(9.5);
    expect(fewer.reason).toMatch(/p95 CPU 8\.\d% .* of 4 vCPUs, \d+ 1-minute means over 7 days; 1 would do/);
    const less = r.machines.find((s) => s.kind === 'less-memory')!;
    // p95 ~24.5% of 8 GiB at a 70% aim -> 2.8 GiB, rounded up to 3 GiB.
    expect(less.action.input).toMatchObject({ memoryKiB: 3 * GIB });
    const more = r.machines.find((s) => s.kind === 'more-vcpus')!;
    expect(more.action.input).toMatchObject({ vcpus: 4 });
    const idle = r.machines.find((s) => s.kind === 'idle')!;
    expect(idle.action).toEqual({ method: 'vms.act', input: { connectionId: 'h1', uuid: C, action: 'shutdown' } });
    expect(idle.basis.cpuP95).toBeLessThan(2);
    expect(idle.basis.netP95Bps).toBe(200); // 100 + 50 B/s, each kept to the store's 100 B/s precision
    expect(r.rules.join(' ')).toContain('3 days');
  }, 60_000);

  it('does not call a machine idle for longer than its history covers', async () => {
    const r = await rightsizeFleet(store, fleet, { idleDays: 10, idleNetBps: 2048, headroomPct: 20 }, now);
    expect(r.machines.some((s) => s.kind === 'idle')).toBe(false);
  }, 60_000);

  it('computes percentiles by interpolation', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([0, 10], 95)).toBeCloseTo(9.5);
    expect(percentile([], 95)).toBeNull();
  });
});

describe('consolidation (described fleet)', () => {
  const vm = (name: string, gib: number, running = true) => ({ uuid: `${name}-uuid`, name, vcpus: 1, memoryKiB: gib * GIB, running });
  const hosts: FleetHost[] = [
    { connectionId: 'h1', name: 'small', memoryKiB: 16 * GIB, cpus: 8, machines: [vm('s1', 2), vm('s2', 2), vm('off', 8, false)] },
    { connectionId: 'h2', name: 'big', memoryKiB: 32 * GIB, cpus: 16, machines: [vm('b1', 12), vm('b2', 8)] },
    { connectionId: 'h3', name: 'full', memoryKiB: 16 * GIB, cpus: 8, machines: [vm('f1', 10)] },
  ];

  it('empties the host whose machines fit elsewhere with 20% headroom, and only that one', () => {
    const s = suggestConsolidation(hosts, 20);
    expect(s.map((x) => x.host)).toEqual(['small']);
    // Largest first onto the host with most room: big has 32*0.8-20 = 5.6 GiB, full 16*0.8-10 = 2.8 GiB.
    expect(s[0]!.moves.map((m) => `${m.name}->${m.toName}`)).toEqual(['s1->big', 's2->big']);
    expect(s[0]!.reason).toMatch(/greedy first-fit by memory/);
  });

  it('suggests nothing once the headroom leaves no room', () => {
    expect(suggestConsolidation(hosts, 70)).toEqual([]);
  });
});
