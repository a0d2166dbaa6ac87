/**
 * Event registration procedures, event message layouts and the names of
 * their enum values (docs/protocol/events-streams.md §6). Data only: routing and fan-out live
 * in ../events/.
 */
import { type Infer, i32, str, struct, u64, voidCodec } from '../xdr/index.js';
import { Dom, Net, Pool, optDom, optNet, optPool } from './common.js';
import { remoteProc } from './define.js';

/** virDomainEventID (the ones we route are marked in DomainEventMsgProc). */
export const DomainEventId = {
  LIFECYCLE: 0,
  REBOOT: 1,
  RTC_CHANGE: 2,
  WATCHDOG: 3,
  IO_ERROR: 4,
  GRAPHICS: 5,
  IO_ERROR_REASON: 6,
  CONTROL_ERROR: 7,
  BLOCK_JOB: 8,
  DISK_CHANGE: 9,
  TRAY_CHANGE: 10,
  PMWAKEUP: 11,
  PMSUSPEND: 12,
  BALLOON_CHANGE: 13,
  PMSUSPEND_DISK: 14,
  DEVICE_REMOVED: 15,
  BLOCK_JOB_2: 16,
  TUNABLE: 17,
  AGENT_LIFECYCLE: 18,
  DEVICE_ADDED: 19,
  MIGRATION_ITERATION: 20,
  JOB_COMPLETED: 21,
  DEVICE_REMOVAL_FAILED: 22,
  METADATA_CHANGE: 23,
  BLOCK_THRESHOLD: 24,
  MEMORY_FAILURE: 25,
  MEMORY_DEVICE_SIZE_CHANGE: 26,
} as const;
export const NetworkEventId = { LIFECYCLE: 0 } as const;
export const StoragePoolEventId = { LIFECYCLE: 0, REFRESH: 1 } as const;

/** MESSAGE procedures (program REMOTE) of the callback-style events we decode. */
export const EventMsgProc = {
  NETWORK_LIFECYCLE: 315,
  DOMAIN_LIFECYCLE: 318,
  DOMAIN_REBOOT: 319,
  DOMAIN_BALLOON_CHANGE: 331,
  DOMAIN_DEVICE_REMOVED: 333,
  DOMAIN_BLOCK_JOB_2: 339,
  DOMAIN_DEVICE_ADDED: 354,
  STORAGE_POOL_LIFECYCLE: 370,
  STORAGE_POOL_REFRESH: 373,
} as const;

const callbackIdCodec = struct({ callbackID: i32 });

export const CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = remoteProc(
  'CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY',
  316,
  struct({ eventID: i32, dom: optDom }),
  callbackIdCodec,
);
export const CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = remoteProc(
  'CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY',
  317,
  callbackIdCodec,
  voidCodec,
);
export const CONNECT_NETWORK_EVENT_REGISTER_ANY = remoteProc(
  'CONNECT_NETWORK_EVENT_REGISTER_ANY',
  313,
  struct({ eventID: i32, net: optNet }),
  callbackIdCodec,
);
export const CONNECT_NETWORK_EVENT_DEREGISTER_ANY = remoteProc('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', 314, callbackIdCodec, voidCodec);
export const CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY = remoteProc(
  'CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY',
  368,
  struct({ eventID: i32, pool: optPool }),
  callbackIdCodec,
);
export const CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY = remoteProc(
  'CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY',
  369,
  callbackIdCodec,
  voidCodec,
);

// Message payloads: the callback ID first, then the legacy message body.
export const DomainLifecycleMsg = struct({ callbackID: i32, dom: Dom, event: i32, detail: i32 });
export const DomainRebootMsg = struct({ callbackID: i32, dom: Dom });
export const DomainBalloonChangeMsg = struct({ callbackID: i32, dom: Dom, actual: u64 });
export const DomainBlockJob2Msg = struct({ callbackID: i32, dom: Dom, dst: str, type: i32, status: i32 });
export const DomainDeviceAddedMsg = struct({ callbackID: i32, dom: Dom, devAlias: str });
export const DomainDeviceRemovedMsg = struct({ callbackID: i32, dom: Dom, devAlias: str });
export const NetworkLifecycleMsg = struct({ callbackID: i32, net: Net, event: i32, detail: i32 });
export const StoragePoolLifecycleMsg = struct({ callbackID: i32, pool: Pool, event: i32, detail: i32 });
export const StoragePoolRefreshMsg = struct({ callbackID: i32, pool: Pool });
export type DomainLifecycleMsg = Infer<typeof DomainLifecycleMsg>;

/** virDomainEventType, indexed by value. */
export const DOMAIN_LIFECYCLE_EVENTS = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;
export type DomainLifecycleEventName = (typeof DOMAIN_LIFECYCLE_EVENTS)[number];

/** The detail names of each lifecycle event, indexed by event then detail value. */
export const DOMAIN_LIFECYCLE_DETAILS: readonly (readonly string[])[] = [
  ['added', 'updated', 'renamed', 'from-snapshot'],
  ['removed', 'renamed'],
  ['booted', 'migrated', 'restored', 'from-snapshot', 'wakeup'],
  ['paused', 'migrated', 'ioerror', 'watchdog', 'restored', 'from-snapshot', 'api-error', 'postcopy', 'postcopy-failed'],
  ['unpaused', 'migrated', 'from-snapshot', 'postcopy', 'postcopy-failed'],
  ['shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from-snapshot'],
  ['finished', 'guest', 'host'],
  ['memory', 'disk'],
  ['panicked', 'crashloaded'],
];

export const NETWORK_LIFECYCLE_EVENTS = ['defined', 'undefined', 'started', 'stopped'] as const;
export type NetworkLifecycleEventName = (typeof NETWORK_LIFECYCLE_EVENTS)[number];

export const STORAGE_POOL_LIFECYCLE_EVENTS = ['defined', 'undefined', 'started', 'stopped', 'created', 'deleted'] as const;
export type StoragePoolLifecycleEventName = (typeof STORAGE_POOL_LIFECYCLE_EVENTS)[number];

/** virDomainBlockJobType and virConnectDomainEventBlockJobStatus. */
export const BLOCK_JOB_TYPES = ['unknown', 'pull', 'copy', 'commit', 'active-commit', 'backup'] as const;
export const BLOCK_JOB_STATUSES = ['completed', 'failed', 'canceled', 'ready'] as const;

/** The name at `index`, or "unknown-N" for a value newer than this table. */
export function nameOf<T extends string>(table: readonly T[], index: number): T | `unknown-${number}` {
  return table[index] ?? `unknown-${index}`;
}
