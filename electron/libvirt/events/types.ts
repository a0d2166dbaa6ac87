/** The typed event objects handed to listeners. */
import type {
  BLOCK_JOB_STATUSES,
  BLOCK_JOB_TYPES,
  DomainLifecycleEventName,
  NetworkLifecycleEventName,
  StoragePoolLifecycleEventName,
} from '../protocol/events.js';

/** A name newer than our tables: "unknown-N". */
export type Unknown = `unknown-${number}`;

export interface DomainRef {
  name: string;
  /** Canonical string form, e.g. "d7a65667-407c-4491-9f9f-234bf9be05fb". */
  uuid: string;
  /** -1 when the domain is not running. */
  id: number;
}

export interface NetworkRef {
  name: string;
  uuid: string;
}

export interface StoragePoolRef {
  name: string;
  uuid: string;
}

export interface DomainLifecycleEvent {
  kind: 'domain-lifecycle';
  dom: DomainRef;
  event: DomainLifecycleEventName | Unknown;
  /** e.g. 'booted', 'destroyed', 'shutdown', 'from-snapshot'. */
  detail: string;
  raw: { event: number; detail: number };
}

export interface DomainRebootEvent {
  kind: 'domain-reboot';
  dom: DomainRef;
}

export interface DomainBalloonChangeEvent {
  kind: 'domain-balloon-change';
  dom: DomainRef;
  /** The new balloon size, in KiB. */
  actualKiB: bigint;
}

export interface DomainBlockJobEvent {
  kind: 'domain-block-job';
  dom: DomainRef;
  /** The disk target ("vda") the job runs on. */
  disk: string;
  type: (typeof BLOCK_JOB_TYPES)[number] | Unknown;
  status: (typeof BLOCK_JOB_STATUSES)[number] | Unknown;
  raw: { type: number; status: number };
}

export interface DomainDeviceEvent {
  kind: 'domain-device-added' | 'domain-device-removed';
  dom: DomainRef;
  devAlias: string;
}

export interface NetworkLifecycleEvent {
  kind: 'network-lifecycle';
  net: NetworkRef;
  event: NetworkLifecycleEventName | Unknown;
  raw: { event: number; detail: number };
}

export interface StoragePoolLifecycleEvent {
  kind: 'storage-pool-lifecycle';
  pool: StoragePoolRef;
  event: StoragePoolLifecycleEventName | Unknown;
  raw: { event: number; detail: number };
}

export interface StoragePoolRefreshEvent {
  kind: 'storage-pool-refresh';
  pool: StoragePoolRef;
}

/** Every event kind a client can subscribe to, with its object type. */
export interface EventMap {
  'domain-lifecycle': DomainLifecycleEvent;
  'domain-reboot': DomainRebootEvent;
  'domain-balloon-change': DomainBalloonChangeEvent;
  'domain-block-job': DomainBlockJobEvent;
  'domain-device-added': DomainDeviceEvent;
  'domain-device-removed': DomainDeviceEvent;
  'network-lifecycle': NetworkLifecycleEvent;
  'storage-pool-lifecycle': StoragePoolLifecycleEvent;
  'storage-pool-refresh': StoragePoolRefreshEvent;
}
export type EventKind = keyof EventMap;
export type LibvirtEvent = EventMap[EventKind];

/** A listener may be async; its errors (thrown or rejected) are reported, never propagated to the reader. */
export type EventListener<E> = (event: E) => void | Promise<void>;
/** Removes the listener; the server registration goes when the last listener of its kind leaves. */
export type Unsubscribe = () => Promise<void>;
