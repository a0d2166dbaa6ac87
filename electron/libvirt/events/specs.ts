/**
 * One spec per event kind: which server registration it needs (family +
 * eventID), which MESSAGE procedure carries it, and how the payload becomes
 * a typed event object.
 */
import { type Dom, type Net, type Pool, uuidToString } from '../protocol/common.js';
import {
  BLOCK_JOB_STATUSES,
  BLOCK_JOB_TYPES,
  DOMAIN_LIFECYCLE_DETAILS,
  DOMAIN_LIFECYCLE_EVENTS,
  DomainBalloonChangeMsg,
  DomainBlockJob2Msg,
  DomainDeviceAddedMsg,
  DomainDeviceRemovedMsg,
  DomainEventId,
  DomainLifecycleMsg,
  DomainRebootMsg,
  EventMsgProc,
  NETWORK_LIFECYCLE_EVENTS,
  NetworkEventId,
  NetworkLifecycleMsg,
  STORAGE_POOL_LIFECYCLE_EVENTS,
  StoragePoolEventId,
  StoragePoolLifecycleMsg,
  StoragePoolRefreshMsg,
  nameOf,
} from '../protocol/events.js';
import { type Codec, decode } from '../xdr/index.js';
import type { DomainRef, EventKind, EventMap, NetworkRef, StoragePoolRef } from './types.js';

/** Which register/deregister procedure pair an event kind uses. */
export type EventFamily = 'domain' | 'network' | 'storage-pool';

export interface EventSpec<K extends EventKind = EventKind> {
  kind: K;
  family: EventFamily;
  eventID: number;
  msgProc: number;
  /** Decodes a message payload strictly; throws XdrError when malformed. */
  decode(payload: Uint8Array): { callbackID: number; event: EventMap[K] };
}

function spec<K extends EventKind, M extends { callbackID: number }>(
  kind: K,
  family: EventFamily,
  eventID: number,
  msgProc: number,
  codec: Codec<M>,
  toEvent: (m: M) => EventMap[K],
): EventSpec<K> {
  return {
    kind,
    family,
    eventID,
    msgProc,
    decode(payload) {
      const m = decode(codec, payload);
      return { callbackID: m.callbackID, event: toEvent(m) };
    },
  };
}

const domRef = (d: Dom): DomainRef => ({ name: d.name, uuid: uuidToString(d.uuid), id: d.id });
const netRef = (n: Net): NetworkRef => ({ name: n.name, uuid: uuidToString(n.uuid) });
const poolRef = (p: Pool): StoragePoolRef => ({ name: p.name, uuid: uuidToString(p.uuid) });

export const EVENT_SPECS: { readonly [K in EventKind]: EventSpec<K> } = {
  'domain-lifecycle': spec(
    'domain-lifecycle',
    'domain',
    DomainEventId.LIFECYCLE,
    EventMsgProc.DOMAIN_LIFECYCLE,
    DomainLifecycleMsg,
    (m) => ({
      kind: 'domain-lifecycle',
      dom: domRef(m.dom),
      event: nameOf(DOMAIN_LIFECYCLE_EVENTS, m.event),
      detail: nameOf(DOMAIN_LIFECYCLE_DETAILS[m.event] ?? [], m.detail),
      raw: { event: m.event, detail: m.detail },
    }),
  ),
  'domain-reboot': spec('domain-reboot', 'domain', DomainEventId.REBOOT, EventMsgProc.DOMAIN_REBOOT, DomainRebootMsg, (m) => ({
    kind: 'domain-reboot',
    dom: domRef(m.dom),
  })),
  'domain-balloon-change': spec(
    'domain-balloon-change',
    'domain',
    DomainEventId.BALLOON_CHANGE,
    EventMsgProc.DOMAIN_BALLOON_CHANGE,
    DomainBalloonChangeMsg,
    (m) => ({ kind: 'domain-balloon-change', dom: domRef(m.dom), actualKiB: m.actual }),
  ),
  'domain-block-job': spec(
    'domain-block-job',
    'domain',
    DomainEventId.BLOCK_JOB_2,
    EventMsgProc.DOMAIN_BLOCK_JOB_2,
    DomainBlockJob2Msg,
    (m) => ({
      kind: 'domain-block-job',
      dom: domRef(m.dom),
      disk: m.dst,
      type: nameOf(BLOCK_JOB_TYPES, m.type),
      status: nameOf(BLOCK_JOB_STATUSES, m.status),
      raw: { type: m.type, status: m.status },
    }),
  ),
  'domain-device-added': spec(
    'domain-device-added',
    'domain',
    DomainEventId.DEVICE_ADDED,
    EventMsgProc.DOMAIN_DEVICE_ADDED,
    DomainDeviceAddedMsg,
    (m) => ({ kind: 'domain-device-added', dom: domRef(m.dom), devAlias: m.devAlias }),
  ),
  'domain-device-removed': spec(
    'domain-device-removed',
    'domain',
    DomainEventId.DEVICE_REMOVED,
    EventMsgProc.DOMAIN_DEVICE_REMOVED,
    DomainDeviceRemovedMsg,
    (m) => ({ kind: 'domain-device-removed', dom: domRef(m.dom), devAlias: m.devAlias }),
  ),
  'network-lifecycle': spec(
    'network-lifecycle',
    'network',
    NetworkEventId.LIFECYCLE,
    EventMsgProc.NETWORK_LIFECYCLE,
    NetworkLifecycleMsg,
    (m) => ({
      kind: 'network-lifecycle',
      net: netRef(m.net),
      event: nameOf(NETWORK_LIFECYCLE_EVENTS, m.event),
      raw: { event: m.event, detail: m.detail },
    }),
  ),
  'storage-pool-lifecycle': spec(
    'storage-pool-lifecycle',
    'storage-pool',
    StoragePoolEventId.LIFECYCLE,
    EventMsgProc.STORAGE_POOL_LIFECYCLE,
    StoragePoolLifecycleMsg,
    (m) => ({
      kind: 'storage-pool-lifecycle',
      pool: poolRef(m.pool),
      event: nameOf(STORAGE_POOL_LIFECYCLE_EVENTS, m.event),
      raw: { event: m.event, detail: m.detail },
    }),
  ),
  'storage-pool-refresh': spec(
    'storage-pool-refresh',
    'storage-pool',
    StoragePoolEventId.REFRESH,
    EventMsgProc.STORAGE_POOL_REFRESH,
    StoragePoolRefreshMsg,
    (m) => ({ kind: 'storage-pool-refresh', pool: poolRef(m.pool) }),
  ),
};

export const EVENT_KINDS = Object.keys(EVENT_SPECS) as EventKind[];
