/** The typed libvirt API: verb-named functions taking an RpcCaller (or StreamCaller) first. */
export * from './host.js';
export * from './domains.js';
export * from './domain-config.js';
export * from './domain-stats.js';
export * from './domain-streams.js';
export * from './snapshots.js';
export * from './migration.js';
export * from './storage-pools.js';
export * from './storage-volumes.js';
export * from './storage-transfer.js';
export * from './networks.js';
export * from './node-devices.js';
export * from './qemu.js';
export { STREAM_CHUNK_MAX } from './streams.js';
