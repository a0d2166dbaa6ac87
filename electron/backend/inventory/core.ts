/**
 * Tags and notes in the domain XML's <metadata>, under NovaCron's namespace,
 * over any RpcCaller. Written with virDomainSetMetadata (live and persistent
 * config for a running persistent machine, config for a shut-off one), read
 * back with virDomainGetMetadata: another NovaCron on the same host sees them.
 */
import type { InventoryEntry } from '../../../shared/contract/inventory.js';
import {
  AffectFlags,
  api,
  DomainMetadataType,
  DomainState,
  isNoDomain,
  isNoMetadata,
  uuidToString,
  type Dom,
  type RpcCaller,
} from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';
import { AppError } from '../errors.js';
import {
  buildNovacronMetadataXml,
  NOVACRON_METADATA_KEY,
  NOVACRON_METADATA_URI,
  parseNovacronMetadata,
  type NovacronMetadata,
} from '../xml/index.js';

/** Calls in flight while reading a whole host (one GetMetadata per machine). */
const READ_CONCURRENCY = 32;

/** NovaCron's element of one machine; empty when we never wrote one. */
export async function readMetadata(c: RpcCaller, dom: Dom): Promise<NovacronMetadata> {
  try {
    return parseNovacronMetadata(await api.getDomainMetadata(c, dom, DomainMetadataType.ELEMENT, NOVACRON_METADATA_URI));
  } catch (e) {
    if (isNoMetadata(e)) return { tags: [] };
    throw e;
  }
}

export function toEntry(connectionId: string, dom: Dom, meta: NovacronMetadata): InventoryEntry {
  return { connectionId, uuid: uuidToString(dom.uuid), name: dom.name, tags: [...meta.tags], note: meta.note ?? '' };
}

/** Every machine of the host with its tags and note; one that vanished mid-read is left out. */
export async function readHostInventory(c: RpcCaller, connectionId: string): Promise<InventoryEntry[]> {
  const doms = await api.listAllDomains(c);
  const entries = await mapConcurrent(doms, READ_CONCURRENCY, async (dom) => {
    try {
      return toEntry(connectionId, dom, await readMetadata(c, dom));
    } catch (e) {
      if (isNoDomain(e)) return null;
      throw e;
    }
  });
  return entries.filter((e): e is InventoryEntry => e !== null);
}

export async function readMachineInventory(c: RpcCaller, connectionId: string, uuid: string): Promise<InventoryEntry> {
  const dom = await findDomain(c, uuid);
  return toEntry(connectionId, dom, await readMetadata(c, dom));
}

async function findDomain(c: RpcCaller, uuid: string): Promise<Dom> {
  try {
    return await api.lookupDomainByUuid(c, uuid);
  } catch (e) {
    if (isNoDomain(e)) throw new AppError('not-found', `The machine ${uuid} no longer exists on this host.`);
    throw e;
  }
}

/** Where a change must go: the running machine and its persistent config, or only the one it has. */
async function affectFlags(c: RpcCaller, dom: Dom): Promise<number> {
  const [info, persistent] = await Promise.all([api.getDomainInfo(c, dom), api.isDomainPersistent(c, dom)]);
  const active = info.state !== DomainState.SHUTOFF;
  return (active ? AffectFlags.LIVE : 0) | (persistent ? AffectFlags.CONFIG : 0);
}

/**
 * Applies `change` to the machine's current metadata and writes the result
 * (other parts of our element, e.g. a template reference, are kept); an
 * element left with nothing in it is removed.
 */
export async function updateMetadata(
  c: RpcCaller,
  connectionId: string,
  uuid: string,
  change: (m: NovacronMetadata) => NovacronMetadata,
): Promise<InventoryEntry> {
  const dom = await findDomain(c, uuid);
  const next = change(await readMetadata(c, dom));
  const empty = next.tags.length === 0 && !next.note && !next.template;
  const fragment = empty ? null : buildNovacronMetadataXml(next);
  try {
    await api.setDomainMetadata(
      c,
      dom,
      DomainMetadataType.ELEMENT,
      fragment,
      NOVACRON_METADATA_KEY,
      NOVACRON_METADATA_URI,
      await affectFlags(c, dom),
    );
  } catch (e) {
    if (isNoDomain(e)) throw new AppError('not-found', `The machine "${dom.name}" no longer exists on this host.`);
    throw e;
  }
  return toEntry(connectionId, dom, { ...next, tags: next.tags });
}

export function setTags(c: RpcCaller, connectionId: string, uuid: string, tags: string[]): Promise<InventoryEntry> {
  return updateMetadata(c, connectionId, uuid, (m) => ({ ...m, tags }));
}

export function setNote(c: RpcCaller, connectionId: string, uuid: string, note: string): Promise<InventoryEntry> {
  return updateMetadata(c, connectionId, uuid, (m) => {
    const { note: _old, ...rest } = m;
    return note === '' ? rest : { ...rest, note };
  });
}
