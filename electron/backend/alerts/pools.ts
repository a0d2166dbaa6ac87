/**
 * "Storage pool full": each connected host's pools, read every minute (and
 * when a host connects or a pool rule changes), their fill (allocation of
 * capacity, %) observed by the pool-full rules. A pool that is gone or no
 * longer running ends its alert.
 */
import type { AlertRule } from '../../../shared/contract/alerts.js';
import { api, PoolState, type LibvirtConnection } from '../../libvirt/index.js';
import type { AlertEngine, Subject } from './engine.js';
import { inScope } from './sweep.js';

export interface PoolFill {
  name: string;
  running: boolean;
  /** allocation / capacity, %; undefined for a pool with no capacity. */
  pct: number | undefined;
}

export async function readPoolFill(conn: LibvirtConnection): Promise<PoolFill[]> {
  const pools = await api.listAllStoragePools(conn);
  return Promise.all(
    pools.map(async (p) => {
      const info = await api.getStoragePoolInfo(conn, p);
      const capacity = Number(info.capacity);
      return {
        name: p.name,
        running: info.state === PoolState.RUNNING,
        pct: capacity > 0 ? (Number(info.allocation) / capacity) * 100 : undefined,
      };
    }),
  );
}

export function evaluatePools(
  engine: AlertEngine,
  rules: readonly AlertRule[],
  connectionId: string,
  hostName: string,
  pools: readonly PoolFill[],
  t: number,
): void {
  const byName = new Map(pools.map((p) => [p.name, p]));
  for (const rule of rules) {
    if (!rule.enabled || rule.kind !== 'pool-full') continue;
    for (const p of pools) {
      const subject: Subject = { connectionId, pool: p.name, name: `${p.name} on ${hostName}` };
      if (p.running && p.pct !== undefined && inScope(rule.scope, subject, () => undefined)) engine.observe(rule, subject, p.pct, t);
    }
    for (const a of engine.active()) {
      if (a.ruleId !== rule.id || a.subject.connectionId !== connectionId || a.subject.pool === undefined) continue;
      const p = byName.get(a.subject.pool);
      if (!p) engine.settle(rule.id, a.subject, `${a.subject.name}: the pool no longer exists`, t);
      else if (!p.running) engine.settle(rule.id, a.subject, `${a.subject.name}: the pool is not running`, t);
      else if (!inScope(rule.scope, a.subject, () => undefined))
        engine.settle(rule.id, a.subject, `${a.subject.name} is no longer in the rule's scope`, t);
    }
  }
}
