/** Snapshot, job and migration enums and flag bits (libvirt-domain-snapshot.h, libvirt-domain.h). */

/** virDomainSnapshotCreateFlags */
export const SnapshotCreateFlags = {
  REDEFINE: 1,
  CURRENT: 2,
  NO_METADATA: 4,
  HALT: 8,
  DISK_ONLY: 16,
  REUSE_EXT: 32,
  QUIESCE: 64,
  ATOMIC: 128,
  LIVE: 256,
  VALIDATE: 512,
} as const;

/** virDomainSnapshotListFlags (ROOTS and DESCENDANTS share bit 1, by design). */
export const SnapshotListFlags = {
  ROOTS: 1,
  DESCENDANTS: 1,
  METADATA: 2,
  LEAVES: 4,
  NO_LEAVES: 8,
  NO_METADATA: 16,
  INACTIVE: 32,
  ACTIVE: 64,
  DISK_ONLY: 128,
  INTERNAL: 256,
  EXTERNAL: 512,
  TOPOLOGICAL: 1024,
} as const;

/** virDomainSnapshotRevertFlags */
export const SnapshotRevertFlags = { RUNNING: 1, PAUSED: 2, FORCE: 4, RESET_NVRAM: 8 } as const;

/** virDomainSnapshotDeleteFlags */
export const SnapshotDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;

/** virDomainSnapshotXMLFlags */
export const SnapshotXmlFlags = { SECURE: 1 } as const;

/** virDomainMigrateFlags */
export const MigrateFlags = {
  LIVE: 1,
  PEER2PEER: 2,
  TUNNELLED: 4,
  PERSIST_DEST: 8,
  UNDEFINE_SOURCE: 16,
  PAUSED: 32,
  NON_SHARED_DISK: 64,
  NON_SHARED_INC: 128,
  CHANGE_PROTECTION: 256,
  UNSAFE: 512,
  OFFLINE: 1024,
  COMPRESSED: 2048,
  ABORT_ON_ERROR: 4096,
  AUTO_CONVERGE: 8192,
  RDMA_PIN_ALL: 16384,
  POSTCOPY: 32768,
  TLS: 65536,
  PARALLEL: 131072,
  NON_SHARED_SYNCHRONOUS_WRITES: 262144,
  POSTCOPY_RESUME: 524288,
  ZEROCOPY: 1048576,
} as const;

/** VIR_MIGRATE_PARAM_* typed-parameter names. */
export const MigrateParam = {
  URI: 'migrate_uri',
  DEST_NAME: 'destination_name',
  DEST_XML: 'destination_xml',
  PERSIST_XML: 'persistent_xml',
  BANDWIDTH: 'bandwidth',
  BANDWIDTH_POSTCOPY: 'bandwidth.postcopy',
  GRAPHICS_URI: 'graphics_uri',
  LISTEN_ADDRESS: 'listen_address',
  MIGRATE_DISKS: 'migrate_disks',
  DISKS_PORT: 'disks_port',
  DISKS_URI: 'disks_uri',
  COMPRESSION: 'compression',
  AUTO_CONVERGE_INITIAL: 'auto_converge.initial',
  AUTO_CONVERGE_INCREMENT: 'auto_converge.increment',
  PARALLEL_CONNECTIONS: 'parallel.connections',
  TLS_DESTINATION: 'tls.destination',
} as const;

/** virDomainJobType */
export const JobType = { NONE: 0, BOUNDED: 1, UNBOUNDED: 2, COMPLETED: 3, FAILED: 4, CANCELLED: 5 } as const;

/** virDomainGetJobStatsFlags */
export const JobStatsFlags = { COMPLETED: 1, KEEP_COMPLETED: 2 } as const;
