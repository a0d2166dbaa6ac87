import type { SortKey } from '../use-vm-rows';

export interface Column {
  key: SortKey | 'select' | 'cpu' | 'mem' | 'actions';
  label: string;
  width?: number | string;
  align?: 'left' | 'right';
  /** Live values: not a sort key (they change every sweep). */
  sortable?: false;
}

/** Fixed layout: widths never jump as virtualized rows come and go. */
export const COLUMNS: Column[] = [
  { key: 'select', label: 'Select', width: 44, sortable: false },
  { key: 'name', label: 'Name' },
  { key: 'host', label: 'Host', width: '13%' },
  { key: 'state', label: 'State', width: 140 },
  { key: 'vcpus', label: 'vCPUs', width: 68, align: 'right' },
  { key: 'memory', label: 'Memory', width: 92, align: 'right' },
  { key: 'cpu', label: 'CPU', width: 112, sortable: false },
  { key: 'mem', label: 'Mem used', width: 112, sortable: false },
  { key: 'actions', label: 'Actions', width: 156, align: 'right' },
];

export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 36;
