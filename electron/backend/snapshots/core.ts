/**
 * Snapshots over any RpcCaller: the backend's feature hands in a host's live
 * connection, the CLI its own client. Internal snapshots only (qcow2 disks,
 * the memory saved into them for a running machine).
 */
import type { Snapshot, SnapshotTree } from '../../../shared/contract/snapshots.js';
import type { Vm } from '../../../shared/types.js';
import { api, DomainState, isNoSnapshot, SnapshotDeleteFlags, type Dom, type RpcCaller, type Snap } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { mapConcurrent } from '../util/concurrency.js';
import { readVm } from '../vms/read.js';
import { buildSnapshotXml, parseSnapshot, type SnapshotModel } from '../xml/index.js';
import { explainCreateFailure, findMachine, onSnapshot } from './refusals.js';
import { arrangeTree, subtreeOf } from './tree.js';

export interface CreateSpec {
  name: string;
  description?: string;
  /** Save the memory too; only a running (or paused) machine has any, so it is ignored for a shut-off one. */
  memory: boolean;
}

async function currentName(c: RpcCaller, dom: Dom): Promise<string | null> {
  try {
    return (await api.hasCurrentSnapshot(c, dom)) ? (await api.getCurrentSnapshot(c, dom)).name : null;
  } catch (e) {
    if (isNoSnapshot(e)) return null; // deleted between the two calls
    throw e;
  }
}

async function readModels(c: RpcCaller, dom: Dom): Promise<SnapshotModel[]> {
  const snaps = await api.listSnapshots(c, dom);
  const models = await mapConcurrent(snaps, 8, async (s: Snap) => {
    try {
      return parseSnapshot(await api.getSnapshotXml(c, s));
    } catch (e) {
      if (isNoSnapshot(e)) return null; // deleted since the listing
      throw e;
    }
  });
  return models.filter((m): m is SnapshotModel => m !== null);
}

async function treeOf(c: RpcCaller, dom: Dom): Promise<SnapshotTree> {
  const [models, current] = await Promise.all([readModels(c, dom), currentName(c, dom)]);
  return arrangeTree(models, current);
}

/** The machine's snapshots as a tree, the current one marked. */
export async function listSnapshotTree(c: RpcCaller, uuid: string): Promise<SnapshotTree> {
  const dom = await findMachine(c, uuid);
  return onSnapshot(dom, '', () => treeOf(c, dom));
}

/** One snapshot as the list shows it. */
async function readOne(c: RpcCaller, dom: Dom, name: string): Promise<Snapshot> {
  const found = (await treeOf(c, dom)).snapshots.find((s) => s.name === name);
  if (!found) throw new AppError('not-found', `The snapshot "${name}" of "${dom.name}" disappeared right after it was taken.`);
  return found;
}

const hasMemory = (state: number) => state === DomainState.RUNNING || state === DomainState.PAUSED || state === DomainState.BLOCKED;

export async function createSnapshot(c: RpcCaller, uuid: string, spec: CreateSpec): Promise<Snapshot> {
  const dom = await findMachine(c, uuid);
  const existing = await api.lookupSnapshot(c, dom, spec.name).catch((e: unknown) => {
    if (isNoSnapshot(e)) return null;
    throw e;
  });
  if (existing)
    throw new AppError('conflict', `"${dom.name}" already has a snapshot named "${spec.name}".`, {
      issues: [{ path: 'name', message: 'this name is taken' }],
    });
  const running = hasMemory((await api.getDomainInfo(c, dom)).state);
  const withMemory = spec.memory && running;
  const xml = buildSnapshotXml({
    name: spec.name,
    ...(spec.description ? { description: spec.description } : {}),
    memory: withMemory ? 'internal' : 'no',
  });
  try {
    await api.createSnapshot(c, dom, xml);
  } catch (e) {
    return explainCreateFailure(e, c, dom, { wantedMemory: withMemory, running, snapshot: spec.name });
  }
  return readOne(c, dom, spec.name);
}

/**
 * Reverts to the snapshot: disks (and memory, if it has any) as they were, the
 * machine running or shut off as it was then. Returns the machine afterwards.
 */
export async function revertSnapshot(c: RpcCaller, connectionId: string, uuid: string, name: string): Promise<Vm> {
  const dom = await findMachine(c, uuid);
  await onSnapshot(dom, name, async () => api.revertToSnapshot(c, await api.lookupSnapshot(c, dom, name)));
  return readVm(c, connectionId, await findMachine(c, uuid));
}

/** The state the snapshot recorded (running, shutoff, ...), for the caller's expectations. */
export async function recordedState(c: RpcCaller, uuid: string, name: string): Promise<string | undefined> {
  const dom = await findMachine(c, uuid);
  return onSnapshot(dom, name, async () => parseSnapshot(await api.getSnapshotXml(c, await api.lookupSnapshot(c, dom, name))).state);
}

/** Deletes one snapshot (its children move up to its parent) or, with `children`, its whole subtree. Returns what went. */
export async function deleteSnapshot(c: RpcCaller, uuid: string, name: string, children: boolean): Promise<string[]> {
  const dom = await findMachine(c, uuid);
  return onSnapshot(dom, name, async () => {
    const snap = await api.lookupSnapshot(c, dom, name);
    const doomed = children ? subtreeOf(await treeOf(c, dom), name) : [name];
    await api.deleteSnapshot(c, snap, children ? SnapshotDeleteFlags.CHILDREN : 0);
    return doomed;
  });
}
