/**
 * Which machines use which template version, read from every connected
 * host's machines' NovaCron metadata (<novacron:template name= version=>):
 * the same element instantiate writes, so another NovaCron's machines count too.
 */
import type { TemplateUser } from '../../../shared/contract/templates.js';
import { api, isNoDomain, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { readMetadata } from '../inventory/core.js';
import { mapConcurrent } from '../util/concurrency.js';

export interface HostCaller {
  connectionId: string;
  /** A name for messages (the connection's name, or its URI). */
  host: string;
  c: RpcCaller;
}

/** `name@version` -> the machines made from it. A host that cannot be read is skipped (its users are unknown). */
export async function findTemplateUsers(hosts: readonly HostCaller[]): Promise<Map<string, TemplateUser[]>> {
  const users = new Map<string, TemplateUser[]>();
  for (const h of hosts) {
    const doms = await api.listAllDomains(h.c).catch(() => null);
    if (!doms) continue;
    const found = await mapConcurrent(doms, 16, async (dom) => {
      try {
        const t = (await readMetadata(h.c, dom)).template;
        return t
          ? {
              key: `${t.name}@${t.version}`,
              user: { connectionId: h.connectionId, host: h.host, uuid: uuidToString(dom.uuid), name: dom.name },
            }
          : null;
      } catch (e) {
        if (isNoDomain(e)) return null;
        throw e;
      }
    });
    for (const f of found) {
      const list = users.get(f?.key ?? '') ?? [];
      // Two connections to one daemon see the same machine twice: it is one user.
      if (f && !list.some((u) => u.uuid === f.user.uuid)) users.set(f.key, [...list, f.user]);
    }
  }
  return users;
}

/** "web-1 (on lab), web-2 (on lab)" for a refusal. */
export function describeUsers(users: readonly TemplateUser[]): string {
  return users.map((u) => `${u.name} (on ${u.host})`).join(', ');
}
