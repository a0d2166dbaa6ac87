/**
 * What migrating a machine would do, read from both hosts before anything
 * moves: live or offline, each disk copied / shared / left alone and into
 * which pool, and what would make the daemons refuse (a missing network, no
 * pool for a copied disk, the same host twice). The runners take the facts
 * gathered here, so what the dialog showed is what happens.
 */
import { dirname } from 'node:path';
import type { MigrationDisk, MigrationPlan } from '../../../shared/contract/migration.js';
import { api, DomainXmlFlags, isNoDomain, type Dom, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { findDomain } from '../vms/common.js';
import { parseCapabilities, parseDomain, parsePool, parseVolume, type DiskModel, type PoolModel } from '../xml/index.js';
import type { MigrationEnds } from './ends.js';

/** Pool types whose volumes every host of a cluster sees at the same path. */
const SHARED_POOL_TYPES = new Set(['netfs', 'gluster', 'rbd', 'iscsi', 'iscsi-direct', 'sheepdog', 'vstorage', 'mpath']);

/** A disk the migration copies, with what the runners need. */
export interface CopiedDisk {
  target: string;
  path: string;
  format: string;
  capacity: number;
  /** The source volume (offline copies stream it). */
  volume: Vol | null;
  /** The pool on the target that takes the copy (null: none fits, a blocker). */
  targetPool: Pool | null;
  /** Where the copy lands on the target. */
  targetPath: string | null;
}

export interface PlanFacts {
  dom: Dom;
  running: boolean;
  persistent: boolean;
  /** The definition that moves: the inactive one for an offline move, else the running one. */
  xml: string;
  copies: CopiedDisk[];
}

export interface PlannedMigration {
  plan: MigrationPlan;
  facts: PlanFacts;
}

export interface PlanIds {
  connectionId: string;
  targetConnectionId: string;
}

interface TargetPools {
  byName: Map<string, { pool: Pool; model: PoolModel }>;
  byPath: Map<string, { pool: Pool; model: PoolModel }>;
}

async function readPools(c: RpcCaller): Promise<TargetPools> {
  const byName = new Map<string, { pool: Pool; model: PoolModel }>();
  const byPath = new Map<string, { pool: Pool; model: PoolModel }>();
  for (const pool of await api.listAllStoragePools(c)) {
    const model = parsePool(await api.getStoragePoolXml(c, pool));
    byName.set(pool.name, { pool, model });
    if (model.targetPath) byPath.set(model.targetPath.replace(/\/+$/, ''), { pool, model });
  }
  return { byName, byPath };
}

async function hostUuid(c: RpcCaller): Promise<string | undefined> {
  return parseCapabilities(await api.getCapabilities(c)).host.uuid;
}

/** The pool a disk's file lives in on the source, if it is a pool's volume. */
async function sourceVolume(c: RpcCaller, path: string): Promise<{ vol: Vol; pool: PoolModel; format?: string; backing?: string } | null> {
  try {
    const vol = await api.lookupStorageVolumeByPath(c, path);
    const pool = parsePool(await api.getStoragePoolXml(c, await api.lookupStoragePoolByVolume(c, vol)));
    const model = parseVolume(await api.getStorageVolumeXml(c, vol));
    return {
      vol,
      pool,
      ...(model.format ? { format: model.format } : {}),
      ...(model.backingStore?.path ? { backing: model.backingStore.path } : {}),
    };
  } catch {
    return null;
  }
}

async function existsOnTarget(c: RpcCaller, path: string): Promise<boolean> {
  return api.lookupStorageVolumeByPath(c, path).then(
    () => true,
    () => false,
  );
}

async function volumeCapacity(c: RpcCaller, vol: Vol | null): Promise<number> {
  if (!vol) return 0;
  return Number((await api.getStorageVolumeInfo(c, vol)).capacity);
}

interface DiskVerdict {
  disk: MigrationDisk;
  copy: CopiedDisk | null;
}

async function judgeDisk(
  ends: MigrationEnds,
  d: DiskModel,
  offline: boolean,
  pools: TargetPools,
  blockers: string[],
  warnings: string[],
): Promise<DiskVerdict> {
  const src = ends.source.client;
  const dst = ends.target.client;
  const path = d.path ?? null;
  const base = { target: d.targetDev, path, pool: null as string | null, capacity: 0, targetPool: null as string | null };
  if (d.device === 'cdrom' || d.device === 'floppy' || d.readonly) {
    if (path && !(await existsOnTarget(dst, path))) {
      warnings.push(`${d.targetDev}: the image ${path} is not a volume the target knows; if it is missing there, eject it first.`);
    }
    return { disk: { ...base, handling: 'skip' }, copy: null };
  }
  if (d.type === 'network' || path === null) {
    return { disk: { ...base, handling: 'shared' }, copy: null };
  }
  const found = await sourceVolume(src, path);
  const capacity = await volumeCapacity(src, found?.vol ?? null);
  if (found && SHARED_POOL_TYPES.has(found.pool.type)) {
    return { disk: { ...base, pool: found.pool.name, capacity, handling: 'shared' }, copy: null };
  }
  if (d.shareable) {
    warnings.push(`${d.targetDev} is marked shareable: it is left where it is, the target must see ${path}.`);
    return { disk: { ...base, pool: found?.pool.name ?? null, capacity, handling: 'shared' }, copy: null };
  }
  // A local disk: it must be copied. Live copies go where libvirt puts them (a pool at the same
  // directory on the target); offline copies into the pool of the same name, else the same directory.
  const dir = dirname(path).replace(/\/+$/, '');
  const pick = offline
    ? found
      ? (pools.byName.get(found.pool.name) ?? pools.byPath.get(dir))
      : pools.byPath.get(dir)
    : pools.byPath.get(dir);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const targetPath = pick?.model.targetPath ? `${pick.model.targetPath.replace(/\/+$/, '')}/${name}` : null;
  if (!pick) {
    blockers.push(
      offline
        ? `${d.targetDev}: the target has no pool "${found?.pool.name ?? '?'}" nor one at ${dir} to copy ${name} into.`
        : `${d.targetDev}: a live copy of ${path} needs a storage pool at ${dir} on the target (libvirt creates the copy there); define one first.`,
    );
  } else if (targetPath && (await existsOnTarget(dst, targetPath))) {
    blockers.push(`${d.targetDev}: the target already has ${targetPath}; NovaCron does not overwrite it.`);
  }
  if (found?.backing) {
    if (offline) blockers.push(`${d.targetDev} is an overlay on ${found.backing}: copy or flatten its backing image first.`);
    else warnings.push(`${d.targetDev} is an overlay on ${found.backing}: the live copy writes the whole disk (flattened) on the target.`);
  }
  if (!found) warnings.push(`${d.targetDev}: ${path} is in no storage pool; it is copied only live (NBD).`);
  if (!found && offline)
    blockers.push(`${d.targetDev}: ${path} is in no storage pool, so it cannot be streamed; define a pool for its directory.`);
  const copy: CopiedDisk = {
    target: d.targetDev,
    path,
    format: found?.format ?? d.format ?? 'raw',
    capacity,
    volume: found?.vol ?? null,
    targetPool: pick?.pool ?? null,
    targetPath,
  };
  return { disk: { ...base, pool: found?.pool.name ?? null, capacity, handling: 'copy', targetPool: pick?.pool.name ?? null }, copy };
}

async function checkNetworks(dst: RpcCaller, networks: string[], blockers: string[]): Promise<void> {
  for (const n of new Set(networks)) {
    try {
      const net = await api.lookupNetworkByName(dst, n);
      if (!(await api.isNetworkActive(dst, net))) blockers.push(`The network "${n}" is not active on the target: start it first.`);
    } catch {
      blockers.push(`The target has no network "${n}", which a NIC of this machine uses.`);
    }
  }
}

async function checkNotOnTarget(dst: RpcCaller, name: string, uuid: string, blockers: string[]): Promise<void> {
  const taken = await api.lookupDomainByUuid(dst, uuid).then(
    (d) => d,
    (e: unknown) => {
      if (isNoDomain(e)) return null;
      throw e;
    },
  );
  if (taken) {
    blockers.push(`The target already has this machine (UUID ${uuid}, named "${taken.name}").`);
    return;
  }
  const sameName = await api.lookupDomainByName(dst, name).then(
    () => true,
    () => false,
  );
  if (sameName) blockers.push(`The target already has another machine named "${name}".`);
}

export async function planMigration(ends: MigrationEnds, ids: PlanIds, uuid: string): Promise<PlannedMigration> {
  const src = ends.source.client;
  const dst = ends.target.client;
  const dom = await findDomain(src, uuid);
  const [running, persistent] = await Promise.all([api.isDomainActive(src, dom), api.isDomainPersistent(src, dom)]);
  const offline = !running;
  const xml = await api.getDomainXml(src, dom, offline ? DomainXmlFlags.INACTIVE : 0);
  const model = parseDomain(xml);
  const blockers: string[] = [];
  const warnings: string[] = [];

  const [srcHost, dstHost, srcUuid, dstUuid, freeMem, pools] = await Promise.all([
    api.getHostname(src).catch(() => null),
    api.getHostname(dst).catch(() => null),
    hostUuid(src).catch(() => undefined),
    hostUuid(dst).catch(() => undefined),
    api.getNodeFreeMemory(dst).then(
      (b) => Number(b / 1024n),
      () => null,
    ),
    readPools(dst),
  ]);
  if (ids.connectionId === ids.targetConnectionId || (srcUuid !== undefined && srcUuid === dstUuid)) {
    blockers.push('The source and the target are the same host.');
  }
  if (offline && !persistent) blockers.push(`"${dom.name}" is neither running nor defined: there is nothing to move.`);
  await checkNotOnTarget(dst, dom.name, model.uuid, blockers);
  await checkNetworks(
    dst,
    model.interfaces.filter((i) => i.type === 'network' && i.source.network).map((i) => i.source.network!),
    blockers,
  );
  for (const nic of model.interfaces) {
    if (nic.type === 'bridge' && nic.source.bridge)
      warnings.push(`A NIC uses the bridge ${nic.source.bridge}: the target must have it too.`);
  }
  const disks: MigrationDisk[] = [];
  const copies: CopiedDisk[] = [];
  for (const d of model.disks) {
    const v = await judgeDisk(ends, d, offline, pools, blockers, warnings);
    disks.push(v.disk);
    if (v.copy) copies.push(v.copy);
  }
  const memoryKiB = running ? model.currentMemoryKiB : model.memoryKiB;
  if (running && freeMem !== null && freeMem < memoryKiB) {
    warnings.push(`The target has ${Math.round(freeMem / 1024)} MiB free for ${Math.round(memoryKiB / 1024)} MiB of memory.`);
  }
  const plan: MigrationPlan = {
    name: dom.name,
    uuid: model.uuid,
    source: { connectionId: ids.connectionId, name: ends.source.name, hostname: srcHost },
    target: { connectionId: ids.targetConnectionId, name: ends.target.name, hostname: dstHost, freeMemoryKiB: freeMem },
    mode: offline ? 'offline' : 'live',
    memoryKiB,
    disks,
    blockers,
    warnings,
  };
  return { plan, facts: { dom, running, persistent, xml, copies } };
}

/** Refuses a plan with blockers, naming them all. */
export function assertMigratable(p: MigrationPlan): void {
  if (p.blockers.length > 0) {
    throw new AppError('operation-invalid', `"${p.name}" cannot move to ${p.target.name}: ${p.blockers.join(' ')}`);
  }
}
