/** Storage pool procedures (docs/protocol/procedures.md §8.8). */
import { intBool, u32 } from '../xdr/index.js';
import { Pool, Vol, array, struct, u64, uuid } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_STORAGE_POOL_LIST_MAX, REMOTE_STORAGE_VOL_LIST_MAX } from './limits.js';
import {
  ActiveRet,
  AutostartRet,
  ListArgs,
  NameArgs,
  PersistentRet,
  PoolArgs,
  PoolFlagsArgs,
  PoolRet,
  XmlFlagsArgs,
  XmlRet,
  flagsCodec,
} from './shared.js';

export const STORAGE_POOL_CREATE_XML = remoteProc('STORAGE_POOL_CREATE_XML', 76, XmlFlagsArgs, PoolRet);
export const STORAGE_POOL_DEFINE_XML = remoteProc('STORAGE_POOL_DEFINE_XML', 77, XmlFlagsArgs, PoolRet);
export const STORAGE_POOL_CREATE = remoteProc('STORAGE_POOL_CREATE', 78, PoolFlagsArgs);
export const STORAGE_POOL_BUILD = remoteProc('STORAGE_POOL_BUILD', 79, PoolFlagsArgs);
export const STORAGE_POOL_DESTROY = remoteProc('STORAGE_POOL_DESTROY', 80, PoolArgs);
export const STORAGE_POOL_DELETE = remoteProc('STORAGE_POOL_DELETE', 81, PoolFlagsArgs);
export const STORAGE_POOL_UNDEFINE = remoteProc('STORAGE_POOL_UNDEFINE', 82, PoolArgs);
export const STORAGE_POOL_REFRESH = remoteProc('STORAGE_POOL_REFRESH', 83, PoolFlagsArgs);
export const STORAGE_POOL_LOOKUP_BY_NAME = remoteProc('STORAGE_POOL_LOOKUP_BY_NAME', 84, NameArgs, PoolRet);
export const STORAGE_POOL_LOOKUP_BY_UUID = remoteProc('STORAGE_POOL_LOOKUP_BY_UUID', 85, struct({ uuid }), PoolRet);
export const STORAGE_POOL_LOOKUP_BY_VOLUME = remoteProc('STORAGE_POOL_LOOKUP_BY_VOLUME', 86, struct({ vol: Vol }), PoolRet);

/** remote_storage_pool_get_info_ret: `unsigned char state` takes 4 bytes. */
export const PoolInfoRet = struct({ state: u32, capacity: u64, allocation: u64, available: u64 });
export const STORAGE_POOL_GET_INFO = remoteProc('STORAGE_POOL_GET_INFO', 87, PoolArgs, PoolInfoRet);
export const STORAGE_POOL_GET_XML_DESC = remoteProc('STORAGE_POOL_GET_XML_DESC', 88, PoolFlagsArgs, XmlRet);
export const STORAGE_POOL_GET_AUTOSTART = remoteProc('STORAGE_POOL_GET_AUTOSTART', 89, PoolArgs, AutostartRet);
export const STORAGE_POOL_SET_AUTOSTART = remoteProc('STORAGE_POOL_SET_AUTOSTART', 90, struct({ pool: Pool, autostart: intBool }));
export const STORAGE_POOL_IS_ACTIVE = remoteProc('STORAGE_POOL_IS_ACTIVE', 154, PoolArgs, ActiveRet);
export const STORAGE_POOL_IS_PERSISTENT = remoteProc('STORAGE_POOL_IS_PERSISTENT', 155, PoolArgs, PersistentRet);
export const CONNECT_LIST_ALL_STORAGE_POOLS = remoteProc(
  'CONNECT_LIST_ALL_STORAGE_POOLS',
  281,
  ListArgs,
  // Smallest Pool: empty name (4) + uuid (16).
  struct({ pools: array(Pool, REMOTE_STORAGE_POOL_LIST_MAX, 20), ret: u32 }),
);
export const STORAGE_POOL_LIST_ALL_VOLUMES = remoteProc(
  'STORAGE_POOL_LIST_ALL_VOLUMES',
  282,
  struct({ pool: Pool, needResults: intBool, flags: flagsCodec }),
  // Smallest Vol: three empty strings.
  struct({ vols: array(Vol, REMOTE_STORAGE_VOL_LIST_MAX, 12), ret: u32 }),
);
