/**
 * How a resource plugs into the backend: a feature is created from the shared
 * context, answers its own methods of the contract, and may start work after
 * every feature exists and stop it on close. features.ts lists them, one line
 * each; api.ts knows none of them by name.
 */
import type { z } from 'zod';
import type { MethodName, MethodOutput, Methods } from '../../shared/api.js';
import type { ChannelKind } from '../../shared/channels.js';
import type { ActionFeed } from './actions.js';
import type { ChannelOpenersFor } from './channels/types.js';
import type { SecretStore } from './credentials/secret-store.js';
import type { EventBus } from './events.js';
import type { HostPublisher, HostRegistry } from './hosts/registry.js';
import type { Intents } from './intents.js';
import type { Jobs } from './jobs/jobs.js';
import type { Logger } from './log.js';
import type { MetricsFeed } from './monitoring/feed.js';
import type { Store } from './store/store.js';

export type Handler<M extends MethodName> = (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** Exactly the handlers of the methods M: a missing or misspelt one is a type error. */
export type HandlersFor<M extends MethodName> = { [K in M]: Handler<K> };

export interface BackendContext {
  store: Store;
  bus: EventBus;
  log: Logger;
  /** Live clients of the connected hosts, and their comings and goings. */
  hosts: HostRegistry;
  /** Only the connections feature announces hosts. */
  hostPublisher: HostPublisher;
  /** What NovaCron asked of each machine lately (expected vs. unexpected changes). */
  intents: Intents;
  /** Every mutating call and its outcome (the audit log), and guards that may refuse one (read-only connections). */
  actions: ActionFeed;
  /** Every host sweep of the collector, for the features that consume measurements. */
  metrics: MetricsFeed;
  /** Long operations (clone, managed save, snapshots with memory): start one with jobs.run, see jobs/jobs.ts. */
  jobs: Jobs;
  secrets: SecretStore;
  dataDir: string;
  knownHostsFile: string;
  shell: 'electron' | 'headless';
  version: string;
  autoConnect: boolean;
  connectTimeoutMs?: number;
}

export interface Feature<M extends MethodName> {
  handlers: HandlersFor<M>;
  /** The byte channels (shared/channels.ts) this feature opens. */
  channels?: Partial<ChannelOpenersFor<ChannelKind>>;
  /** Called once every feature exists (e.g. auto-connect). */
  start?(): void;
  close?(): Promise<void> | void;
}

export type FeatureFactory<M extends MethodName> = (ctx: BackendContext) => Feature<M>;

/** The methods a list of factories covers. */
export type MethodsCovered<F> = F extends FeatureFactory<infer M> ? M : never;
