/**
 * Named subscription helpers shared by LibvirtClient and LibvirtConnection:
 * both only implement `subscribe(kind, listener)`.
 */
import type {
  DomainBalloonChangeEvent,
  DomainBlockJobEvent,
  DomainDeviceEvent,
  DomainLifecycleEvent,
  DomainRebootEvent,
  EventKind,
  EventListener,
  EventMap,
  NetworkLifecycleEvent,
  StoragePoolLifecycleEvent,
  StoragePoolRefreshEvent,
  Unsubscribe,
} from './types.js';

export abstract class EventSubscriber {
  /** Adds a listener for one event kind; resolves with its unsubscriber once the server delivers that kind. */
  abstract subscribe<K extends EventKind>(kind: K, listener: EventListener<EventMap[K]>): Promise<Unsubscribe>;

  onDomainLifecycle(listener: EventListener<DomainLifecycleEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-lifecycle', listener);
  }

  onDomainReboot(listener: EventListener<DomainRebootEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-reboot', listener);
  }

  onDomainBalloonChange(listener: EventListener<DomainBalloonChangeEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-balloon-change', listener);
  }

  onDomainBlockJob(listener: EventListener<DomainBlockJobEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-block-job', listener);
  }

  onDomainDeviceAdded(listener: EventListener<DomainDeviceEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-device-added', listener);
  }

  onDomainDeviceRemoved(listener: EventListener<DomainDeviceEvent>): Promise<Unsubscribe> {
    return this.subscribe('domain-device-removed', listener);
  }

  onNetworkLifecycle(listener: EventListener<NetworkLifecycleEvent>): Promise<Unsubscribe> {
    return this.subscribe('network-lifecycle', listener);
  }

  onStoragePoolLifecycle(listener: EventListener<StoragePoolLifecycleEvent>): Promise<Unsubscribe> {
    return this.subscribe('storage-pool-lifecycle', listener);
  }

  onStoragePoolRefresh(listener: EventListener<StoragePoolRefreshEvent>): Promise<Unsubscribe> {
    return this.subscribe('storage-pool-refresh', listener);
  }
}
