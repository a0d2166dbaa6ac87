/** The declarative procedure tables, one module per resource, with the flags and shared codecs they use (a barrel). */
export * from './host.js';
export * from './domain.js';
export * from './domain-devices.js';
export * from './domain-stats.js';
export * from './stats-codec.js';
export * from './snapshot.js';
export * from './migration.js';
export * from './storage-pool.js';
export * from './storage-vol.js';
export * from './network.js';
export * from './nodedev.js';
export * from './qemu.js';
export * from './limits.js';
export { flagsCodec } from './shared.js';
export * from './flags.js';
