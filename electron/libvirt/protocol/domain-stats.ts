/** Domain statistics and block/interface information procedures (docs/protocol/procedures.md §8.5). */
import { u32 } from '../xdr/index.js';
import { Dom, array, i32, i64, optStr, str, struct, typedParams, u64 } from './common.js';
import { remoteProc } from './define.js';
import {
  REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX,
  REMOTE_DOMAIN_INTERFACE_MAX,
  REMOTE_DOMAIN_IP_ADDR_MAX,
  REMOTE_DOMAIN_LIST_MAX,
  REMOTE_DOMAIN_MEMORY_STATS_MAX,
} from './limits.js';
import { DomainStatsRetCodec } from './stats-codec.js';
import { flagsCodec } from './shared.js';

export const DomainBlockStatsRet = struct({ rdReq: i64, rdBytes: i64, wrReq: i64, wrBytes: i64, errs: i64 });
export const DOMAIN_BLOCK_STATS = remoteProc('DOMAIN_BLOCK_STATS', 64, struct({ dom: Dom, path: str }), DomainBlockStatsRet);

export const DomainInterfaceStatsRet = struct({
  rxBytes: i64,
  rxPackets: i64,
  rxErrs: i64,
  rxDrop: i64,
  txBytes: i64,
  txPackets: i64,
  txErrs: i64,
  txDrop: i64,
});
export const DOMAIN_INTERFACE_STATS = remoteProc('DOMAIN_INTERFACE_STATS', 65, struct({ dom: Dom, device: str }), DomainInterfaceStatsRet);

/** remote_domain_memory_stat */
export const MemoryStat = struct({ tag: i32, val: u64 });
export const DOMAIN_MEMORY_STATS = remoteProc(
  'DOMAIN_MEMORY_STATS',
  159,
  struct({ dom: Dom, maxStats: u32, flags: flagsCodec }),
  struct({ stats: array(MemoryStat, REMOTE_DOMAIN_MEMORY_STATS_MAX, 12) }),
);

export const DomainBlockInfoRet = struct({ allocation: u64, capacity: u64, physical: u64 });
export const DOMAIN_GET_BLOCK_INFO = remoteProc(
  'DOMAIN_GET_BLOCK_INFO',
  194,
  struct({ dom: Dom, path: str, flags: flagsCodec }),
  DomainBlockInfoRet,
);

export const DOMAIN_GET_BLOCK_IO_TUNE = remoteProc(
  'DOMAIN_GET_BLOCK_IO_TUNE',
  253,
  struct({ dom: Dom, disk: optStr, nparams: i32, flags: flagsCodec }),
  struct({ params: typedParams(REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX), nparams: i32 }),
);

/**
 * CONNECT_GET_ALL_DOMAIN_STATS. `doms` empty = every domain matching the
 * flags. The ret decoder is hand-written (stats-codec.ts): it is the hot path
 * of monitoring.
 */
export const CONNECT_GET_ALL_DOMAIN_STATS = remoteProc(
  'CONNECT_GET_ALL_DOMAIN_STATS',
  344,
  struct({ doms: array(Dom, REMOTE_DOMAIN_LIST_MAX, 24), stats: u32, flags: flagsCodec }),
  DomainStatsRetCodec,
);

/** remote_domain_ip_addr / remote_domain_interface */
export const DomainIpAddr = struct({ type: i32, addr: str, prefix: u32 });
export const DomainInterface = struct({
  name: str,
  hwaddr: optStr,
  addrs: array(DomainIpAddr, REMOTE_DOMAIN_IP_ADDR_MAX, 12),
});
export const DomainInterfaceAddressesRet = struct({ ifaces: array(DomainInterface, REMOTE_DOMAIN_INTERFACE_MAX, 12) });
export const DOMAIN_INTERFACE_ADDRESSES = remoteProc(
  'DOMAIN_INTERFACE_ADDRESSES',
  353,
  struct({ dom: Dom, source: u32, flags: flagsCodec }),
  DomainInterfaceAddressesRet,
);
