/** Every libvirt flag and enum the protocol tables use, as `as const` objects. */
export * from './flags/domain.js';
export * from './flags/snapshot-migration.js';
export * from './flags/storage.js';
export * from './flags/network.js';
export * from './flags/host.js';
