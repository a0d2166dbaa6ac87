/** Connection and host calls: identity, versions, capabilities, node info and statistics. */
import type { RpcCaller } from '../rpc/types.js';
import { NODE_CPU_STATS_ALL_CPUS, NODE_MEMORY_STATS_ALL_CELLS } from '../protocol/flags.js';
import * as P from '../protocol/host.js';

export interface NodeInfo {
  /** CPU model / architecture, e.g. "x86_64". */
  model: string;
  memoryKiB: bigint;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

export async function getHostname(c: RpcCaller): Promise<string> {
  return (await c.call(P.CONNECT_GET_HOSTNAME, undefined)).hostname;
}

/** libvirt's version as major * 1e6 + minor * 1e3 + micro (e.g. 9000000n). */
export async function getLibVersion(c: RpcCaller): Promise<bigint> {
  return (await c.call(P.CONNECT_GET_LIB_VERSION, undefined)).libVer;
}

/** The hypervisor's version, same encoding (QEMU 7.2.22 is 7002022n). */
export async function getHypervisorVersion(c: RpcCaller): Promise<bigint> {
  return (await c.call(P.CONNECT_GET_VERSION, undefined)).hvVer;
}

/** The driver name: "QEMU", "TEST", ... */
export async function getHypervisorType(c: RpcCaller): Promise<string> {
  return (await c.call(P.CONNECT_GET_TYPE, undefined)).type;
}

export async function getUri(c: RpcCaller): Promise<string> {
  return (await c.call(P.CONNECT_GET_URI, undefined)).uri;
}

export async function isConnectionSecure(c: RpcCaller): Promise<boolean> {
  return (await c.call(P.CONNECT_IS_SECURE, undefined)).secure;
}

/** Capabilities XML. */
export async function getCapabilities(c: RpcCaller): Promise<string> {
  return (await c.call(P.CONNECT_GET_CAPABILITIES, undefined)).capabilities;
}

export interface DomainCapabilitiesQuery {
  emulatorBin?: string | null;
  arch?: string | null;
  machine?: string | null;
  virtType?: string | null;
}

/** Domain capabilities XML for one emulator/arch/machine/virt type (nulls = defaults). */
export async function getDomainCapabilities(c: RpcCaller, q: DomainCapabilitiesQuery = {}, flags = 0): Promise<string> {
  const ret = await c.call(P.CONNECT_GET_DOMAIN_CAPABILITIES, {
    emulatorbin: q.emulatorBin ?? null,
    arch: q.arch ?? null,
    machine: q.machine ?? null,
    virttype: q.virtType ?? null,
    flags,
  });
  return ret.capabilities;
}

/** Storage pool capabilities XML: the pool types this host's storage driver supports. */
export async function getStoragePoolCapabilities(c: RpcCaller, flags = 0): Promise<string> {
  return (await c.call(P.CONNECT_GET_STORAGE_POOL_CAPABILITIES, { flags })).capabilities;
}

/** SMBIOS sysinfo XML of the host. */
export async function getSysinfo(c: RpcCaller, flags = 0): Promise<string> {
  return (await c.call(P.CONNECT_GET_SYSINFO, { flags })).sysinfo;
}

export async function getNodeInfo(c: RpcCaller): Promise<NodeInfo> {
  const r = await c.call(P.NODE_GET_INFO, undefined);
  return {
    model: r.model,
    memoryKiB: r.memory,
    cpus: r.cpus,
    mhz: r.mhz,
    nodes: r.nodes,
    sockets: r.sockets,
    cores: r.cores,
    threads: r.threads,
  };
}

/** Free memory of the whole host, in **bytes**. */
export async function getNodeFreeMemory(c: RpcCaller): Promise<bigint> {
  return (await c.call(P.NODE_GET_FREE_MEMORY, undefined)).freeMem;
}

/** Free memory per NUMA cell, in bytes, for cells [startCell, startCell + maxCells). */
export async function getNodeCellsFreeMemory(c: RpcCaller, startCell = 0, maxCells = 1): Promise<bigint[]> {
  return (await c.call(P.NODE_GET_CELLS_FREE_MEMORY, { startCell, maxcells: maxCells })).cells;
}

function statsRecord(params: { field: string; value: bigint }[]): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const p of params) out[p.field] = p.value;
  return out;
}

/**
 * Host memory figures in KiB (total, free, buffers, cached) for one NUMA
 * cell, or all (NODE_MEMORY_STATS_ALL_CELLS). Two calls: the first asks how many fields there are.
 */
export async function getNodeMemoryStats(
  c: RpcCaller,
  cell: number = NODE_MEMORY_STATS_ALL_CELLS,
  flags = 0,
): Promise<Record<string, bigint>> {
  const first = await c.call(P.NODE_GET_MEMORY_STATS, { nparams: 0, cellNum: cell, flags });
  if (first.nparams <= 0) return {};
  const ret = await c.call(P.NODE_GET_MEMORY_STATS, { nparams: first.nparams, cellNum: cell, flags });
  return statsRecord(ret.params);
}

/**
 * Cumulative host CPU times in ns (kernel, user, idle, iowait, ...) for one
 * CPU, or all (NODE_CPU_STATS_ALL_CPUS). Two calls: the first asks how many fields there are.
 */
export async function getNodeCpuStats(c: RpcCaller, cpu: number = NODE_CPU_STATS_ALL_CPUS, flags = 0): Promise<Record<string, bigint>> {
  const first = await c.call(P.NODE_GET_CPU_STATS, { cpuNum: cpu, nparams: 0, flags });
  if (first.nparams <= 0) return {};
  const ret = await c.call(P.NODE_GET_CPU_STATS, { cpuNum: cpu, nparams: first.nparams, flags });
  return statsRecord(ret.params);
}
