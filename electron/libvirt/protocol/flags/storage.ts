/** Storage pool and volume enums and flag bits (libvirt-storage.h). */

/** virConnectListAllStoragePoolsFlags (0 = all pools). */
export const PoolListFlags = {
  INACTIVE: 1,
  ACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  AUTOSTART: 16,
  NO_AUTOSTART: 32,
  DIR: 64,
  FS: 128,
  NETFS: 256,
  LOGICAL: 512,
  DISK: 1024,
  ISCSI: 2048,
  SCSI: 4096,
  MPATH: 8192,
  RBD: 16384,
  SHEEPDOG: 32768,
  GLUSTER: 65536,
  ZFS: 131072,
  VSTORAGE: 262144,
  ISCSI_DIRECT: 524288,
} as const;

/** virStoragePoolState */
export const PoolState = { INACTIVE: 0, BUILDING: 1, RUNNING: 2, DEGRADED: 3, INACCESSIBLE: 4 } as const;

/** virStoragePoolDefineFlags */
export const PoolDefineFlags = { VALIDATE: 1 } as const;

/** virStoragePoolCreateFlags (start). */
export const PoolCreateFlags = { NORMAL: 0, WITH_BUILD: 1, WITH_BUILD_OVERWRITE: 2, WITH_BUILD_NO_OVERWRITE: 4 } as const;

/** virStoragePoolBuildFlags */
export const PoolBuildFlags = { NEW: 0, REPAIR: 1, RESIZE: 2, NO_OVERWRITE: 4, OVERWRITE: 8 } as const;

/** virStoragePoolDeleteFlags */
export const PoolDeleteFlags = { NORMAL: 0, ZEROED: 1 } as const;

/** virStorageXMLFlags */
export const StorageXmlFlags = { INACTIVE: 1 } as const;

/** virStorageVolType */
export const VolType = { FILE: 0, BLOCK: 1, DIR: 2, NETWORK: 3, NETDIR: 4, PLOOP: 5 } as const;

/** virStorageVolCreateFlags */
export const VolCreateFlags = { PREALLOC_METADATA: 1, REFLINK: 2, VALIDATE: 4 } as const;

/** virStorageVolDeleteFlags */
export const VolDeleteFlags = { NORMAL: 0, ZEROED: 1, WITH_SNAPSHOTS: 2 } as const;

/** virStorageVolResizeFlags */
export const VolResizeFlags = { ALLOCATE: 1, DELTA: 2, SHRINK: 4 } as const;

/** virStorageVolInfoFlags */
export const VolInfoFlags = { USE_ALLOCATION: 0, GET_PHYSICAL: 1 } as const;

/** virStorageVolWipeAlgorithm */
export const VolWipeAlgorithm = {
  ZERO: 0,
  NNSA: 1,
  DOD: 2,
  BSI: 3,
  GUTMANN: 4,
  SCHNEIER: 5,
  PFITZNER7: 6,
  PFITZNER33: 7,
  RANDOM: 8,
  TRIM: 9,
} as const;

/** virStorageVolUploadFlags / virStorageVolDownloadFlags */
export const VolUploadFlags = { SPARSE_STREAM: 1 } as const;
export const VolDownloadFlags = { SPARSE_STREAM: 1 } as const;
