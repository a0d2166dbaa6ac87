/** Derived series from two sweeps: rates, shares, and no negative or absurd value across counter resets. */
import { describe, expect, it } from 'vitest';
import { deriveHost, deriveVm } from '../../electron/backend/monitoring/collector/derive.js';
import type { RawDomain } from '../../electron/backend/monitoring/collector/raw.js';

const RUNNING = 1;
const base: RawDomain = {
  uuid: 'u',
  name: 'web1',
  id: 7,
  state: RUNNING,
  cpuTimeNs: 10e9,
  vcpus: 2,
  balloonAvailableKiB: 1_000_000,
  balloonUnusedKiB: 250_000,
  rdBytes: 1000,
  wrBytes: 5000,
  rdReqs: 10,
  wrReqs: 20,
  rxBytes: 100,
  txBytes: 200,
  rxPkts: 1,
  txPkts: 2,
};

describe('deriveVm', () => {
  it('turns counter deltas into per-second rates and CPU shares', () => {
    const cur: RawDomain = {
      ...base,
      cpuTimeNs: 10e9 + 1e9, // 1 s of CPU in 2 s on 2 vCPUs: 25% of them, 12.5% of a 4-CPU host
      rdBytes: 1000 + 4096,
      wrBytes: 5000 + 8192,
      rdReqs: 12,
      wrReqs: 24,
      rxBytes: 100 + 2000,
      txBytes: 200 + 1000,
      rxPkts: 5,
      txPkts: 4,
    };
    const v = deriveVm(base, cur, 2000, 4);
    expect(v.cpu_pct).toBeCloseTo(25);
    expect(v.cpu_host_pct).toBeCloseTo(12.5);
    expect(v).toMatchObject({
      disk_rd_bps: 2048,
      disk_wr_bps: 4096,
      disk_rd_iops: 1,
      disk_wr_iops: 2,
      net_rx_bps: 1000,
      net_tx_bps: 500,
      net_rx_pps: 2,
      net_tx_pps: 1,
    });
    expect(v).toMatchObject({ mem_used_kib: 750_000, mem_available_kib: 1_000_000, mem_used_pct: 75 });
  });

  it('gives no rate across a restart (new domain id) or a counter that went back', () => {
    const restarted = { ...base, id: 8, cpuTimeNs: 1e8, rdBytes: 0 };
    const afterRestart = deriveVm(base, restarted, 2000, 4);
    expect(afterRestart.cpu_pct).toBeUndefined();
    expect(afterRestart.disk_rd_bps).toBeUndefined();
    expect(afterRestart.mem_used_kib).toBe(750_000); // gauges need no previous sweep

    const reset = deriveVm(base, { ...base, cpuTimeNs: 5e9, rxBytes: 10 }, 2000, 4);
    expect(reset.cpu_pct).toBeUndefined();
    expect(reset.net_rx_bps).toBeUndefined();
    expect(reset.disk_wr_bps).toBe(0);
  });

  it('refuses absurd shares instead of reporting them, and caps jitter at 100%', () => {
    expect(deriveVm(base, { ...base, cpuTimeNs: 10e9 + 40e9 }, 2000, 4).cpu_pct).toBeUndefined(); // 1000% of 2 vCPUs
    expect(deriveVm(base, { ...base, cpuTimeNs: 10e9 + 4.08e9 }, 2000, 4).cpu_pct).toBe(100); // 102%: jitter
  });

  it('reports nothing for a stopped machine and no rates for the first sweep or a zero interval', () => {
    expect(deriveVm(base, { ...base, state: 5 }, 2000, 4)).toEqual({});
    expect(deriveVm(undefined, base, 0, 4).cpu_pct).toBeUndefined();
    expect(deriveVm(base, { ...base, cpuTimeNs: 11e9 }, 0, 4).cpu_pct).toBeUndefined();
  });
});

describe('deriveHost', () => {
  it('computes CPU busy share from idle deltas and memory used net of buffers and cache', () => {
    const prev = { cpus: 2, cpuTotalNs: 100e9, cpuIdleNs: 80e9, memTotalKiB: 1000, memFreeKiB: 100, memBuffersKiB: 100, memCachedKiB: 200 };
    const cur = { ...prev, cpuTotalNs: 104e9, cpuIdleNs: 81e9 };
    const h = deriveHost(prev, cur);
    expect(h.host_cpu_pct).toBeCloseTo(75);
    expect(h).toMatchObject({ host_mem_used_kib: 600, host_mem_used_pct: 60 });
    expect(deriveHost(undefined, cur).host_cpu_pct).toBeUndefined();
    expect(deriveHost(cur, prev).host_cpu_pct).toBeUndefined(); // counters went back
  });
});
