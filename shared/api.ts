/**
 * The contract between the backend and the renderer, assembled from one file
 * per resource in contract/: every method with its zod input and output, and
 * every pushed event. Both transports (Electron IPC and the headless
 * WebSocket) carry exactly this. A new resource adds its file and one argument
 * to assembleContract below.
 */
import type { z } from 'zod';
import { alertsContract } from './contract/alerts.js';
import { analyticsContract } from './contract/analytics.js';
import { appContract } from './contract/app.js';
import { auditContract } from './contract/audit.js';
import { connectionsContract } from './contract/connections.js';
import { consolesContract } from './contract/consoles.js';
import { jobsContract } from './contract/jobs.js';
import { assembleContract } from './contract/define.js';
import { inventoryContract } from './contract/inventory.js';
import { metricsContract } from './contract/metrics.js';
import { migrationContract } from './contract/migration.js';
import { prometheusContract } from './contract/prometheus.js';
import { networksContract } from './contract/networks.js';
import { snapshotsContract } from './contract/snapshots.js';
import { storageContract } from './contract/storage.js';
import { templatesContract } from './contract/templates.js';
import { topologyContract } from './contract/topology.js';
import { vmConfigContract } from './contract/vm-config.js';
import { vmCreateContract } from './contract/vm-create.js';
import { vmDetailsContract } from './contract/vm-details.js';
import { vmLifecycleContract } from './contract/vm-lifecycle.js';
import { vmsContract } from './contract/vms.js';
import { volumeTransferContract } from './contract/volume-transfer.js';
import type { AppErrorShape } from './types.js';

/** One line per resource. */
// prettier-ignore
export const { methods, events } = assembleContract(
  appContract,
  connectionsContract,
  vmsContract,
  vmDetailsContract,
  vmConfigContract,
  vmLifecycleContract,
  vmCreateContract,
  jobsContract,
  metricsContract,
  prometheusContract,
  alertsContract,
  snapshotsContract,
  storageContract,
  networksContract,
  inventoryContract,
  auditContract,
  analyticsContract,
  consolesContract,
  topologyContract,
  volumeTransferContract,
  templatesContract,
  migrationContract,
);

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

/** The methods of one resource, by the prefix of their names: `MethodsOf<'vms'>`. */
export type MethodsOf<P extends string> = Extract<MethodName, `${P}.${string}`>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What every transport answers for a call. */
export type CallResult<M extends MethodName> = { ok: true; value: MethodOutput<M> } | { ok: false; error: AppErrorShape };

export { AppErrorShape, HostKey } from './types.js';
export { channels, isChannelKind, type ChannelInfo, type ChannelInput, type ChannelKind } from './channels.js';
export { ConnectInput, ConnectionInput, ConnectionUpdateInput, LocalHost } from './contract/connections.js';

// The IPC channel names live in ipc.ts (zod-free, for the sandboxed preload).
export { IPC_EVENT, IPC_INVOKE, IPC_PREFIX } from './ipc.js';
