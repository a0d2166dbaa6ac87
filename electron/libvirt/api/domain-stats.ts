/** Domain statistics: bulk stats, memory/block/interface counters, block info, addresses, I/O tuning. */
import { type Dom, type TypedParam, TYPED_PARAM_STRING_OKAY, paramsToRecord } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/domain-stats.js';
import type { DomainStatsRecord } from '../protocol/stats-codec.js';
import { MEMORY_STAT_NAMES } from '../protocol/flags/domain.js';

export type { DomainStatsRecord };
export type StatsValue = number | bigint | boolean | string;

// More than the 13 tags libvirt 9.0 knows, so newer daemons' extra tags come through too.
const MEMORY_STATS_WANTED = 64;

export interface AllDomainStatsQuery {
  /** Only these domains (exact Doms from the daemon); empty/absent = all matching `flags`. */
  doms?: Dom[];
  /** StatsTypes bits; 0 = every group the driver supports. */
  stats?: number;
  /** GetAllDomainStatsFlags (domain filters, NOWAIT, BACKING, ENFORCE_STATS). */
  flags?: number;
}

/** CONNECT_GET_ALL_DOMAIN_STATS: one record per domain with its typed parameters. */
export async function getAllDomainStats(c: RpcCaller, q: AllDomainStatsQuery = {}): Promise<DomainStatsRecord[]> {
  const ret = await c.call(P.CONNECT_GET_ALL_DOMAIN_STATS, {
    doms: q.doms ?? [],
    stats: q.stats ?? 0,
    flags: q.flags ?? 0,
  });
  return ret.retStats;
}

/** One stats record as `{"state.state": 1, "cpu.time": 123n, ...}`. */
export function statsToRecord(rec: DomainStatsRecord): Record<string, StatsValue> {
  return paramsToRecord(rec.params);
}

/** Balloon/memory statistics by name (actual, rss, unused, available, ...), in KiB except counters. */
export async function getDomainMemoryStats(c: RpcCaller, dom: Dom, flags = 0): Promise<Record<string, bigint>> {
  const ret = await c.call(P.DOMAIN_MEMORY_STATS, { dom, maxStats: MEMORY_STATS_WANTED, flags });
  const out: Record<string, bigint> = {};
  for (const s of ret.stats) out[MEMORY_STAT_NAMES[s.tag] ?? `tag${s.tag}`] = s.val;
  return out;
}

export interface BlockStats {
  rdReq: bigint;
  rdBytes: bigint;
  wrReq: bigint;
  wrBytes: bigint;
  errs: bigint;
}

/** I/O counters of one disk of a running domain (`path` = target "vda" or the source path); -1 = unknown. */
export async function getDomainBlockStats(c: RpcCaller, dom: Dom, path: string): Promise<BlockStats> {
  return c.call(P.DOMAIN_BLOCK_STATS, { dom, path });
}

export interface InterfaceStats {
  rxBytes: bigint;
  rxPackets: bigint;
  rxErrs: bigint;
  rxDrop: bigint;
  txBytes: bigint;
  txPackets: bigint;
  txErrs: bigint;
  txDrop: bigint;
}

/** Traffic counters of one NIC of a running domain (`device` = "vnet0" or the MAC); -1 = unknown. */
export async function getDomainInterfaceStats(c: RpcCaller, dom: Dom, device: string): Promise<InterfaceStats> {
  return c.call(P.DOMAIN_INTERFACE_STATS, { dom, device });
}

export interface BlockInfo {
  allocation: bigint;
  capacity: bigint;
  physical: bigint;
}

/** Sizes of one disk in bytes (`path` = target "vda" or the source path). */
export async function getBlockInfo(c: RpcCaller, dom: Dom, path: string, flags = 0): Promise<BlockInfo> {
  return c.call(P.DOMAIN_GET_BLOCK_INFO, { dom, path, flags });
}

export interface InterfaceAddresses {
  name: string;
  hwaddr: string | null;
  /** `type` is IpAddrType (IPV4 0, IPV6 1). */
  addrs: { type: number; addr: string; prefix: number }[];
}

/** The guest's IP addresses from InterfaceAddressesSource LEASE (0), AGENT (1) or ARP (2). */
export async function getInterfaceAddresses(c: RpcCaller, dom: Dom, source = 0, flags = 0): Promise<InterfaceAddresses[]> {
  return (await c.call(P.DOMAIN_INTERFACE_ADDRESSES, { dom, source, flags })).ifaces;
}

/**
 * Block I/O throttling of one disk (or the first, `disk` null) as typed
 * params. Adds STRING_OKAY (so `group_name` is not dropped) and does the
 * nparams two-step.
 */
export async function getBlockIoTune(c: RpcCaller, dom: Dom, disk: string | null, flags = 0): Promise<TypedParam[]> {
  const f = flags | TYPED_PARAM_STRING_OKAY;
  const first = await c.call(P.DOMAIN_GET_BLOCK_IO_TUNE, { dom, disk, nparams: 0, flags: f });
  if (first.nparams <= 0) return [];
  return (await c.call(P.DOMAIN_GET_BLOCK_IO_TUNE, { dom, disk, nparams: first.nparams, flags: f })).params;
}
