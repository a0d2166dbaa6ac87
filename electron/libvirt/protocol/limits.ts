/**
 * Array bounds of remote_protocol.x (libvirt 9.0 values; later releases only raise them).
 * Decoders reject counts above these, as the daemon's own XDR code does.
 */
export const REMOTE_DOMAIN_LIST_MAX = 16384;
export const REMOTE_NETWORK_LIST_MAX = 16384;
export const REMOTE_INTERFACE_LIST_MAX = 16384;
export const REMOTE_STORAGE_POOL_LIST_MAX = 16384;
export const REMOTE_STORAGE_VOL_LIST_MAX = 16384;
export const REMOTE_NODE_DEVICE_LIST_MAX = 65536;
export const REMOTE_DOMAIN_SNAPSHOT_LIST_MAX = 16384;
export const REMOTE_NODE_CPU_STATS_MAX = 16;
export const REMOTE_NODE_MEMORY_STATS_MAX = 16;
export const REMOTE_NODE_MAX_CELLS = 1024;
export const REMOTE_DOMAIN_MEMORY_STATS_MAX = 1024;
/** 16 in old releases, 32 in current ones; decoding with the larger bound accepts both. */
export const REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX = 32;
export const REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX = 64;
export const REMOTE_DOMAIN_JOB_STATS_MAX = 64;
export const REMOTE_MIGRATE_COOKIE_MAX = 4194304;
export const REMOTE_NETWORK_DHCP_LEASES_MAX = 65536;
/** Typed params per domain in one stats record (4096 before libvirt 6.x). */
export const REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX = 262144;
export const REMOTE_DOMAIN_INTERFACE_MAX = 2048;
export const REMOTE_DOMAIN_IP_ADDR_MAX = 2048;
