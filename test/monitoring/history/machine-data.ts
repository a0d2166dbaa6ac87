/**
 * Synthetic but realistic series of one machine, shared by the history tests and
 * `npm run bench -- history`: a daily CPU cycle with noise and bursts, slowly drifting
 * memory, mostly idle disks with write bursts, light network chatter.
 */
import { mulberry32 } from '../../helpers/random.js';

export const MACHINE_SERIES = [
  'cpu_pct',
  'cpu_host_pct',
  'mem_used_bytes',
  'mem_available_bytes',
  'disk_rd_bps',
  'disk_wr_bps',
  'disk_rd_iops',
  'disk_wr_iops',
  'net_rx_bps',
  'net_tx_bps',
  'net_rx_pps',
  'net_tx_pps',
] as const;

const MiB = 1024 * 1024;
const DAY = 86_400_000;

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
export const prng = mulberry32;

export interface MachineModel {
  /** The 12 values of the machine at time t, in MACHINE_SERIES order. */
  next(t: number): number[];
}

export function machineModel(seed: number): MachineModel {
  const rnd = prng(seed);
  const noise = () => rnd() + rnd() + rnd() - 1.5; // roughly normal, sd 0.5
  const base = 5 + rnd() * 20;
  let ar = 0;
  let burst = 0;
  let mem = (1024 + rnd() * 2048) * MiB;
  const memTotal = 4096 * MiB;
  let writeBurst = 0;
  return {
    next(t) {
      const day = Math.sin((2 * Math.PI * (t % DAY)) / DAY);
      ar = 0.9 * ar + noise();
      if (burst > 0) burst--;
      else if (rnd() < 0.0005) burst = 30 + Math.floor(rnd() * 300);
      const cpu = Math.min(100, Math.max(0, base + 8 * day + ar + (burst > 0 ? 60 : 0)));
      mem = Math.min(memTotal * 0.95, Math.max(256 * MiB, mem + (rnd() < 0.05 ? noise() * 8 * MiB : 0)));
      if (writeBurst > 0) writeBurst--;
      else if (rnd() < 0.002) writeBurst = 5 + Math.floor(rnd() * 30);
      const wr = writeBurst > 0 ? 20 * MiB * rnd() : rnd() < 0.2 ? 4096 * Math.ceil(rnd() * 8) : 0;
      const rd = burst > 0 ? 4 * MiB * rnd() : rnd() < 0.02 ? 4096 * Math.ceil(rnd() * 4) : 0;
      const rx = 300 + rnd() * 2000;
      const tx = 200 + rnd() * 1500;
      return [cpu, cpu / 8, mem, memTotal - mem, rd, wr, rd / 16384, wr / 8192, rx, tx, rx / 120, tx / 110];
    },
  };
}

export function machineKeys(connectionId: string, uuid: string): string[] {
  return MACHINE_SERIES.map((s) => `host/${connectionId}/vm/${uuid}/${s}`);
}
