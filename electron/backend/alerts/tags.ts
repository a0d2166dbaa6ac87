/**
 * The NovaCron tags of every machine, for rules scoped to a tag. Read from
 * each domain's XML (our metadata element) only while some rule needs them:
 * the whole host when it connects and every minute after, and one machine
 * when a lifecycle event says it was defined or changed.
 */
import { api, isConnectionLost, uuidToString, type Dom, type LibvirtConnection } from '../../libvirt/index.js';
import type { Logger } from '../log.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parseDomain } from '../xml/index.js';

export interface TagCache {
  tagsOf(connectionId: string, uuid: string): readonly string[] | undefined;
  /** Re-reads every machine of the host. */
  refreshHost(connectionId: string, conn: LibvirtConnection): Promise<void>;
  /** Re-reads one machine (after a define or a start). */
  refreshOne(connectionId: string, conn: LibvirtConnection, uuid: string): Promise<void>;
  forget(connectionId: string): void;
}

async function readTags(conn: LibvirtConnection, dom: Dom): Promise<string[]> {
  try {
    return parseDomain(await api.getDomainXml(conn, dom)).novacron?.tags ?? [];
  } catch (e) {
    if (isConnectionLost(e)) throw e;
    return []; // gone meanwhile, or XML we cannot read: no tags
  }
}

export function createTagCache(log: Logger): TagCache {
  const hosts = new Map<string, Map<string, readonly string[]>>();
  const refreshing = new Set<string>();

  const table = (id: string) => {
    let t = hosts.get(id);
    if (!t) hosts.set(id, (t = new Map()));
    return t;
  };

  return {
    tagsOf: (id, uuid) => hosts.get(id)?.get(uuid.toLowerCase()),
    async refreshHost(id, conn) {
      if (refreshing.has(id)) return;
      refreshing.add(id);
      try {
        const doms = await api.listAllDomains(conn);
        const tags = await mapConcurrent(doms, 8, (d) => readTags(conn, d));
        const next = new Map<string, readonly string[]>();
        doms.forEach((d, i) => next.set(uuidToString(d.uuid), tags[i]!));
        hosts.set(id, next);
      } catch (e) {
        if (!isConnectionLost(e)) log.warn(`connection ${id}: reading machine tags for alert rules failed`, e);
      } finally {
        refreshing.delete(id);
      }
    },
    async refreshOne(id, conn, uuid) {
      try {
        const dom = await api.lookupDomainByUuid(conn, uuid);
        table(id).set(uuid.toLowerCase(), await readTags(conn, dom));
      } catch {
        table(id).delete(uuid.toLowerCase());
      }
    },
    forget: (id) => void hosts.delete(id),
  };
}
