/**
 * Event subscriptions of one client (one connection).
 *
 * libvirtd accepts ONE registration per (eventID, filter) per connection
 * ("event callback already tracked" otherwise), so the hub registers lazily
 * on a kind's first listener, fans each message out to every local listener,
 * and deregisters when the last one leaves. Register/deregister of one kind
 * run one at a time (a chain per kind) so quick subscribe/unsubscribe
 * sequences always converge on the state the listeners ask for.
 */
import { ConnectionError } from '../errors.js';
import {
  CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
  CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
  CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
  CONNECT_NETWORK_EVENT_REGISTER_ANY,
  CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
  CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
} from '../protocol/events.js';
import { Program } from '../protocol/define.js';
import type { RpcCaller } from '../rpc/types.js';
import type { Packet } from '../rpc/packet.js';
import { EVENT_KINDS, EVENT_SPECS, type EventFamily, type EventSpec } from './specs.js';
import type { EventKind, EventListener, EventMap, LibvirtEvent, Unsubscribe } from './types.js';

export interface EventHubHost extends RpcCaller {
  onMessage(program: number, procedure: number, handler: (p: Packet) => void): () => void;
}

export interface EventHubStats {
  delivered: number;
  /** Malformed messages, or messages for a callback ID we do not hold. */
  dropped: number;
  listenerErrors: number;
}

interface Holder {
  fn: EventListener<LibvirtEvent>;
}

interface Registration {
  spec: EventSpec;
  listeners: Set<Holder>;
  callbackID: number | null;
  /** The tail of this kind's register/deregister chain (never rejects). */
  chain: Promise<void>;
}

/** Events whose message beat the REPLY of their registration (docs/protocol/packets.md §1.5) wait here briefly. */
const EARLY_MAX = 1000;

export class EventHub {
  readonly stats: EventHubStats = { delivered: 0, dropped: 0, listenerErrors: 0 };
  /** Called with every listener failure; by default they are only counted. */
  onListenerError: (err: unknown, kind: EventKind) => void = () => {};
  private readonly regs = new Map<EventKind, Registration>();
  private readonly byCallback = new Map<string, Registration>();
  private early: Array<{ spec: EventSpec; callbackID: number; event: LibvirtEvent }> = [];
  private registering = 0;

  constructor(private readonly host: EventHubHost) {
    for (const kind of EVENT_KINDS) {
      const spec = EVENT_SPECS[kind] as EventSpec;
      host.onMessage(Program.REMOTE, spec.msgProc, (p) => this.dispatch(spec, p));
    }
  }

  /** Adds a listener; resolves once the server registration (if one was needed) is in place. */
  async subscribe<K extends EventKind>(kind: K, listener: EventListener<EventMap[K]>): Promise<Unsubscribe> {
    const reg = this.registrationOf(kind);
    const holder: Holder = { fn: listener as EventListener<LibvirtEvent> };
    reg.listeners.add(holder);
    try {
      await this.reconcile(reg);
    } catch (err) {
      reg.listeners.delete(holder);
      throw err;
    }
    let gone = false;
    return async () => {
      if (gone) return;
      gone = true;
      reg.listeners.delete(holder);
      try {
        await this.reconcile(reg);
      } catch (err) {
        // On a dead connection the registration died with it.
        if (!(err instanceof ConnectionError)) throw err;
      }
    };
  }

  /** Kinds with at least one listener. */
  activeKinds(): EventKind[] {
    return [...this.regs.values()].filter((r) => r.listeners.size > 0).map((r) => r.spec.kind);
  }

  private registrationOf(kind: EventKind): Registration {
    let reg = this.regs.get(kind);
    if (!reg) {
      reg = { spec: EVENT_SPECS[kind] as EventSpec, listeners: new Set(), callbackID: null, chain: Promise.resolve() };
      this.regs.set(kind, reg);
    }
    return reg;
  }

  /** Brings the server registration in line with the listener set, after any step already queued. */
  private reconcile(reg: Registration): Promise<void> {
    const step = reg.chain.then(async () => {
      const wanted = reg.listeners.size > 0;
      if (wanted && reg.callbackID === null) await this.register(reg);
      else if (!wanted && reg.callbackID !== null) await this.deregister(reg);
    });
    reg.chain = step.catch(() => {});
    return step;
  }

  private async register(reg: Registration): Promise<void> {
    this.registering++;
    try {
      const id = await registerEvent(this.host, reg.spec.family, reg.spec.eventID);
      reg.callbackID = id;
      this.byCallback.set(callbackKey(reg.spec.family, id), reg);
      this.replayEarly(reg, id);
    } finally {
      if (--this.registering === 0) this.early = [];
    }
  }

  private async deregister(reg: Registration): Promise<void> {
    const id = reg.callbackID as number;
    // Forget it first: messages still in flight for it are dropped, not delivered to nobody.
    reg.callbackID = null;
    this.byCallback.delete(callbackKey(reg.spec.family, id));
    await deregisterEvent(this.host, reg.spec.family, id);
  }

  private dispatch(spec: EventSpec, packet: Packet): void {
    let decoded: { callbackID: number; event: LibvirtEvent };
    try {
      decoded = spec.decode(packet.payload);
    } catch {
      this.stats.dropped++;
      return;
    }
    const reg = this.byCallback.get(callbackKey(spec.family, decoded.callbackID));
    if (reg && reg.spec === spec) return this.deliver(reg, decoded.event);
    if (!reg && this.registering > 0 && this.early.length < EARLY_MAX) {
      this.early.push({ spec, callbackID: decoded.callbackID, event: decoded.event });
      return;
    }
    this.stats.dropped++;
  }

  private replayEarly(reg: Registration, id: number): void {
    const mine = this.early.filter((e) => e.spec === reg.spec && e.callbackID === id);
    if (mine.length === 0) return;
    this.early = this.early.filter((e) => !mine.includes(e));
    for (const e of mine) this.deliver(reg, e.event);
  }

  private deliver(reg: Registration, event: LibvirtEvent): void {
    this.stats.delivered++;
    for (const holder of [...reg.listeners]) {
      try {
        const r = holder.fn(event);
        if (r instanceof Promise) r.catch((err: unknown) => this.reportListenerError(err, reg.spec.kind));
      } catch (err) {
        this.reportListenerError(err, reg.spec.kind);
      }
    }
  }

  private reportListenerError(err: unknown, kind: EventKind): void {
    this.stats.listenerErrors++;
    try {
      this.onListenerError(err, kind);
    } catch {
      // A broken error reporter must not break the reader either.
    }
  }
}

const callbackKey = (family: EventFamily, id: number): string => `${family}/${id}`;

async function registerEvent(caller: RpcCaller, family: EventFamily, eventID: number): Promise<number> {
  switch (family) {
    case 'domain':
      return (await caller.call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, { eventID, dom: null })).callbackID;
    case 'network':
      return (await caller.call(CONNECT_NETWORK_EVENT_REGISTER_ANY, { eventID, net: null })).callbackID;
    case 'storage-pool':
      return (await caller.call(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, { eventID, pool: null })).callbackID;
  }
}

async function deregisterEvent(caller: RpcCaller, family: EventFamily, callbackID: number): Promise<void> {
  switch (family) {
    case 'domain':
      return caller.call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, { callbackID });
    case 'network':
      return caller.call(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, { callbackID });
    case 'storage-pool':
      return caller.call(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, { callbackID });
  }
}
