/** The Machines table's rows: VMs joined with their host's name and tags, filtered and sorted. */
import { useMemo, useRef } from 'react';
import type { Connection, Vm, VmState } from '../../../shared/types';
import { vmStateLabel } from './vm-state';

export interface VmRowData extends Vm {
  key: string;
  host: string;
  /** NovaCron's tags for the machine (inventory), when known. */
  tags?: readonly string[];
}

export type SortKey = 'name' | 'host' | 'state' | 'vcpus' | 'memory';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** The dropdown filters next to the text filter: a host (connection id), a state, a tag. */
export interface Facets {
  connectionId?: string | null;
  state?: VmState | null;
  tag?: string | null;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const COMPARE: Record<SortKey, (a: VmRowData, b: VmRowData) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  host: (a, b) => collator.compare(a.host, b.host),
  state: (a, b) => collator.compare(vmStateLabel(a.state), vmStateLabel(b.state)),
  vcpus: (a, b) => a.vcpus - b.vcpus,
  memory: (a, b) => a.memoryKiB - b.memoryKiB,
};

function matcher(filter: string, facets: Facets): (r: VmRowData) => boolean {
  const tokens = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const { connectionId, state, tag } = facets;
  return (r) => {
    if (connectionId && r.connectionId !== connectionId) return false;
    if (state && r.state !== state) return false;
    if (tag && !r.tags?.includes(tag)) return false;
    if (tokens.length === 0) return true;
    const hay = `${r.name}\n${r.host}\n${vmStateLabel(r.state)}\n${r.state}\n${r.tags?.join('\n') ?? ''}`.toLowerCase();
    return tokens.every((t) => hay.includes(t));
  };
}

/**
 * The collation order of every name and host, as integers: sorting 2,000 rows per state event
 * with Intl.Collator costs frames; comparing ranks does not. Rebuilt only when a new string shows up.
 */
export class Ranks {
  private rank = new Map<string, number>();
  rankOf(s: string): number {
    return this.rank.get(s) ?? -1;
  }
  /** Makes sure every string has a rank; true if it had to rebuild. */
  ensure(strings: Iterable<string>): boolean {
    let missing = false;
    for (const x of strings) if (!this.rank.has(x)) missing = true;
    if (!missing) return false;
    const all = [...new Set([...this.rank.keys(), ...strings])].sort(collator.compare);
    const next = new Map<string, number>();
    let r = 0;
    all.forEach((x, i) => {
      // Strings the collator calls equal share a rank.
      if (i > 0 && collator.compare(all[i - 1] as string, x) !== 0) r++;
      next.set(x, r);
    });
    this.rank = next;
    return true;
  }
}

const STATE_RANK = new Map(
  Object.keys({ nostate: 0, running: 0, blocked: 0, paused: 0, shutdown: 0, shutoff: 0, crashed: 0, pmsuspended: 0 })
    .sort((a, b) => collator.compare(vmStateLabel(a as VmState), vmStateLabel(b as VmState)))
    .map((s, i) => [s, i]),
);

function rankedCompare(ranks: Ranks): Record<SortKey, (a: VmRowData, b: VmRowData) => number> {
  return {
    name: (a, b) => ranks.rankOf(a.name) - ranks.rankOf(b.name),
    host: (a, b) => ranks.rankOf(a.host) - ranks.rankOf(b.host),
    state: (a, b) => (STATE_RANK.get(a.state) ?? 0) - (STATE_RANK.get(b.state) ?? 0),
    vcpus: COMPARE.vcpus,
    memory: COMPARE.memory,
  };
}

/** Every whitespace-separated word of the filter must appear in the name, host, state or a tag; the facets must match. */
export function filterAndSort(rows: VmRowData[], filter: string, sort: Sort, facets: Facets = {}, ranks?: Ranks): VmRowData[] {
  const compare = ranks ? rankedCompare(ranks) : COMPARE;
  const cmp = compare[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties fall back to name, then host, so the order is stable as states change.
  return rows.filter(matcher(filter, facets)).sort((a, b) => sign * cmp(a, b) || compare.name(a, b) || compare.host(a, b));
}

const NO_TAGS: ReadonlyMap<string, readonly string[]> = new Map();

export function useVmRows(
  vms: Vm[] | undefined,
  connections: Connection[] | undefined,
  filter: string,
  sort: Sort,
  facets: Facets = {},
  tagsByKey: ReadonlyMap<string, readonly string[]> = NO_TAGS,
) {
  // A row object is reused while its VM, host name and tags are the same ones: a state event
  // for one machine gives one new row, so the memoised rows of the others do not re-render.
  const cache = useRef(new Map<string, VmRowData>());
  const ranks = useRef(new Ranks());
  const all = useMemo<VmRowData[]>(() => {
    const names = new Map((connections ?? []).map((c) => [c.id, c.name]));
    const prev = cache.current;
    const next = new Map<string, VmRowData>();
    const out = (vms ?? []).map((vm) => {
      const key = `${vm.connectionId}/${vm.uuid}`;
      const host = names.get(vm.connectionId) ?? vm.connectionId;
      const tags = tagsByKey.get(key);
      const old = prev.get(key);
      const row = old && old.host === host && old.tags === tags && sameVm(old, vm) ? old : { ...vm, key, host, ...(tags ? { tags } : {}) };
      next.set(key, row);
      return row;
    });
    cache.current = next;
    ranks.current.ensure(out.flatMap((r) => [r.name, r.host]));
    return out;
  }, [vms, connections, tagsByKey]);

  const { connectionId, state, tag } = facets;
  const rows = useMemo(
    () => filterAndSort(all, filter, sort, { connectionId, state, tag }, ranks.current),
    [all, filter, sort, connectionId, state, tag],
  );

  return { rows, total: all.length, all };
}

function sameVm(a: Vm, b: Vm): boolean {
  return (
    a.name === b.name &&
    a.id === b.id &&
    a.state === b.state &&
    a.vcpus === b.vcpus &&
    a.memoryKiB === b.memoryKiB &&
    a.maxMemoryKiB === b.maxMemoryKiB &&
    a.persistent === b.persistent &&
    a.autostart === b.autostart
  );
}
