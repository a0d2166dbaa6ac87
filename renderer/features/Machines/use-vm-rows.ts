/** The Machines table's rows: VMs joined with their host's name, filtered and sorted. */
import { useMemo } from 'react';
import type { Connection, Vm } from '../../../shared/types';
import { vmStateLabel } from './vm-state';

export interface VmRowData extends Vm {
  key: string;
  host: string;
}

export type SortKey = 'name' | 'host' | 'state' | 'vcpus' | 'memory';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const COMPARE: Record<SortKey, (a: VmRowData, b: VmRowData) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  host: (a, b) => collator.compare(a.host, b.host),
  state: (a, b) => collator.compare(vmStateLabel(a.state), vmStateLabel(b.state)),
  vcpus: (a, b) => a.vcpus - b.vcpus,
  memory: (a, b) => a.memoryKiB - b.memoryKiB,
};

function matcher(filter: string): (r: VmRowData) => boolean {
  const tokens = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return () => true;
  return (r) => {
    const hay = `${r.name}\n${r.host}\n${vmStateLabel(r.state)}\n${r.state}`.toLowerCase();
    return tokens.every((t) => hay.includes(t));
  };
}

/** Every whitespace-separated word of the filter must appear in the name, host or state. */
export function filterAndSort(rows: VmRowData[], filter: string, sort: Sort): VmRowData[] {
  const cmp = COMPARE[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties fall back to name, then host, so the order is stable as states change.
  return rows.filter(matcher(filter)).sort((a, b) => sign * cmp(a, b) || COMPARE.name(a, b) || COMPARE.host(a, b));
}

export function useVmRows(vms: Vm[] | undefined, connections: Connection[] | undefined, filter: string, sort: Sort) {
  const all = useMemo<VmRowData[]>(() => {
    const names = new Map((connections ?? []).map((c) => [c.id, c.name]));
    return (vms ?? []).map((vm) => ({ ...vm, key: `${vm.connectionId}/${vm.uuid}`, host: names.get(vm.connectionId) ?? vm.connectionId }));
  }, [vms, connections]);

  const rows = useMemo(() => filterAndSort(all, filter, sort), [all, filter, sort]);

  return { rows, total: all.length };
}
