/** Connection and host procedures (docs/protocol/procedures.md §8.2; the handshake ones are in connect.ts). */
import { charArray, intBool } from '../xdr/index.js';
import { array, i32, optStr, str, struct, u64 } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_NODE_CPU_STATS_MAX, REMOTE_NODE_MAX_CELLS, REMOTE_NODE_MEMORY_STATS_MAX } from './limits.js';
import { FlagsArgs, flagsCodec } from './shared.js';

export const CONNECT_GET_TYPE = remoteProc('CONNECT_GET_TYPE', 3, undefined, struct({ type: str }));
export const CONNECT_GET_VERSION = remoteProc('CONNECT_GET_VERSION', 4, undefined, struct({ hvVer: u64 }));
export const CONNECT_GET_CAPABILITIES = remoteProc('CONNECT_GET_CAPABILITIES', 7, undefined, struct({ capabilities: str }));

/** remote_node_get_info_ret: `char model[32]` is 128 bytes on the wire (one word per char). */
export const NodeInfoRet = struct({
  model: charArray(32),
  memory: u64,
  cpus: i32,
  mhz: i32,
  nodes: i32,
  sockets: i32,
  cores: i32,
  threads: i32,
});
export const NODE_GET_INFO = remoteProc('NODE_GET_INFO', 6, undefined, NodeInfoRet);

export const CONNECT_GET_HOSTNAME = remoteProc('CONNECT_GET_HOSTNAME', 59, undefined, struct({ hostname: str }));

export const NODE_GET_CELLS_FREE_MEMORY = remoteProc(
  'NODE_GET_CELLS_FREE_MEMORY',
  101,
  struct({ startCell: i32, maxcells: i32 }),
  struct({ cells: array(u64, REMOTE_NODE_MAX_CELLS, 8) }),
);
export const NODE_GET_FREE_MEMORY = remoteProc('NODE_GET_FREE_MEMORY', 102, undefined, struct({ freeMem: u64 }));
export const CONNECT_GET_URI = remoteProc('CONNECT_GET_URI', 110, undefined, struct({ uri: str }));
export const CONNECT_IS_SECURE = remoteProc('CONNECT_IS_SECURE', 149, undefined, struct({ secure: intBool }));
export const CONNECT_GET_LIB_VERSION = remoteProc('CONNECT_GET_LIB_VERSION', 157, undefined, struct({ libVer: u64 }));
export const CONNECT_GET_SYSINFO = remoteProc('CONNECT_GET_SYSINFO', 203, FlagsArgs, struct({ sysinfo: str }));

/** remote_node_get_cpu_stats / remote_node_get_memory_stats: `{field, value: u64}`. */
export const NodeStat = struct({ field: str, value: u64 });

export const NODE_GET_CPU_STATS = remoteProc(
  'NODE_GET_CPU_STATS',
  227,
  struct({ cpuNum: i32, nparams: i32, flags: flagsCodec }),
  struct({ params: array(NodeStat, REMOTE_NODE_CPU_STATS_MAX, 12), nparams: i32 }),
);
export const NODE_GET_MEMORY_STATS = remoteProc(
  'NODE_GET_MEMORY_STATS',
  228,
  struct({ nparams: i32, cellNum: i32, flags: flagsCodec }),
  struct({ params: array(NodeStat, REMOTE_NODE_MEMORY_STATS_MAX, 12), nparams: i32 }),
);

export const CONNECT_GET_DOMAIN_CAPABILITIES = remoteProc(
  'CONNECT_GET_DOMAIN_CAPABILITIES',
  342,
  struct({ emulatorbin: optStr, arch: optStr, machine: optStr, virttype: optStr, flags: flagsCodec }),
  struct({ capabilities: str }),
);

/** Which storage pool types the daemon's storage driver supports, with their volume formats (libvirt 5.2+). */
export const CONNECT_GET_STORAGE_POOL_CAPABILITIES = remoteProc(
  'CONNECT_GET_STORAGE_POOL_CAPABILITIES',
  403,
  FlagsArgs,
  struct({ capabilities: str }),
);
