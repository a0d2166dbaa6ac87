/**
 * Every procedure of the resource tables, for lookups by (program, number)
 * (logs, diagnostics) and for the uniqueness check in the tests.
 */
import type { Procedure } from './define.js';
import * as domain from './domain.js';
import * as domainDevices from './domain-devices.js';
import * as domainStats from './domain-stats.js';
import * as host from './host.js';
import * as migration from './migration.js';
import * as network from './network.js';
import * as nodedev from './nodedev.js';
import * as qemu from './qemu.js';
import * as snapshot from './snapshot.js';
import * as storagePool from './storage-pool.js';
import * as storageVol from './storage-vol.js';

export type AnyProcedure = Procedure<never, unknown>;

function isProcedure(v: unknown): v is AnyProcedure {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { proc?: unknown }).proc === 'number' &&
    typeof (v as { program?: unknown }).program === 'number' &&
    typeof (v as { name?: unknown }).name === 'string'
  );
}

const modules: readonly object[] = [
  host,
  domain,
  domainDevices,
  domainStats,
  snapshot,
  migration,
  storagePool,
  storageVol,
  network,
  nodedev,
  qemu,
];

export const PROCEDURES: readonly AnyProcedure[] = modules.flatMap((m) => Object.values(m).filter(isProcedure));

const byKey = new Map<string, AnyProcedure>(PROCEDURES.map((p) => [`${p.program}:${p.proc}`, p]));

/** The table entry for a procedure number, or undefined when this client has none. */
export function findProcedure(program: number, proc: number): AnyProcedure | undefined {
  return byKey.get(`${program}:${proc}`);
}
